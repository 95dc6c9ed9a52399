// GitHub takes a repository secret only encrypted to the repository's public key with a libsodium
// sealed box (anonymous sender, X25519 + XSalsa20-Poly1305): only GitHub, holding the private
// half, can open it. https://docs.github.com/en/rest/guides/encrypting-secrets-for-the-rest-api
import sodium from 'libsodium-wrappers';

/** The value sealed to `publicKeyBase64` (standard base64, as GitHub gives it), in standard base64. */
export async function sealForGitHub(publicKeyBase64: string, value: string): Promise<string> {
  await sodium.ready;
  const publicKey = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  if (publicKey.length !== sodium.crypto_box_PUBLICKEYBYTES) throw new RangeError('not an X25519 public key');
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), publicKey);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
