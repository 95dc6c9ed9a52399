// What a key secret looks like: `rst_<id>_<random>`, the id 16 hex digits, the random part 32
// bytes in base64url. The store mints them; a delivered secret file holds one and a newline.
export const SECRET_PATTERN = /^rst_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

/** Whether a file's text is one secret as roster delivers it (the secret and a newline). */
export function isDeliveredSecret(text: string): boolean {
  return text.endsWith('\n') && SECRET_PATTERN.test(text.slice(0, -1));
}
