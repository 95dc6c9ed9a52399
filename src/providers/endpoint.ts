// Where a credential may be sent. An endpoint is compared by its normalized origin and path, so
// `https://API.example.com:443/v1/` and `https://api.example.com/v1` are one endpoint, and
// anything else (another host, port, scheme or path) is another.

export class EndpointError extends Error {}

/** The URL as roster compares and shows it: no user info, query or fragment, no trailing slash. */
export function normalizeEndpoint(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointError(`${what} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EndpointError(`${what} must be an https:// URL`);
  }
  if (url.username || url.password) {
    throw new EndpointError(`${what} holds a user name or password; credentials come from the environment only`);
  }
  const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  // A token sent over plain http can be read on the way, except when it never leaves this machine.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new EndpointError(
      `${what} (${normalized}) uses plain http://; use https://, or http:// only to 127.0.0.1, ::1 or localhost`,
    );
  }
  return normalized;
}

/** 127.0.0.0/8, ::1 and localhost, as the URL parser writes host names (lower case, IPv6 in brackets). */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
