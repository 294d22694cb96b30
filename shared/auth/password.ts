/**
 * Staff passwords: PBKDF2-SHA-256 through WebCrypto, a random 16-byte salt per password. Stored as
 * `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`: the parameters travel with each hash, so old
 * hashes still verify after the cost is raised, and `needsRehash` tells sign-in to store the password
 * again under today's parameters. 100 000 iterations is the most the Workers runtime allows today.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SCHEME = "pbkdf2-sha256";

const enc = new TextEncoder();
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", enc.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `${SCHEME}$${iterations}$${b64(salt)}$${b64(await derive(password, salt, iterations))}`;
}

/** Constant-time over the derived bytes; a malformed or disabled hash (`!`) never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  if (scheme !== SCHEME || !iter || !salt || !hash) return false;
  const expected = unb64(hash);
  const actual = await derive(password, unb64(salt), Number(iter));
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}

/** A hash made under weaker parameters than today's: sign-in, which has the password, replaces it. */
export function needsRehash(stored: string): boolean {
  const [scheme, iter] = stored.split("$");
  return scheme !== SCHEME || !(Number(iter) >= PBKDF2_ITERATIONS);
}

// Without look-alikes (no 0/O, 1/l/I): it is read off a screen and typed once.
const ONE_TIME_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A password shown once to an admin (16 characters, about 90 bits); the account must replace it. */
export function oneTimePassword(): string {
  return Array.from(
    crypto.getRandomValues(new Uint32Array(16)),
    (n) => ONE_TIME_ALPHABET[n % ONE_TIME_ALPHABET.length],
  ).join("");
}
