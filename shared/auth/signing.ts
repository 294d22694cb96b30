const enc = new TextEncoder();

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return base64url(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
}

/** Compares two strings in time that depends only on their length. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** `<id>.<mac>`: the session cookie. The id alone finds the session; the MAC proves we issued it. */
export async function signSessionId(secret: string, sessionId: string): Promise<string> {
  return `${sessionId}.${await hmac(secret, `session:${sessionId}`)}`;
}

export async function verifySessionCookie(secret: string, cookie: string): Promise<string | null> {
  const dot = cookie.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = cookie.slice(0, dot);
  return timingSafeEqual(await signSessionId(secret, id), cookie) ? id : null;
}

/** The CSRF token for a session: every console form carries it and every post must match. */
export function csrfToken(secret: string, sessionId: string): Promise<string> {
  return hmac(secret, `csrf:${sessionId}`);
}

/** Webhook signature: HMAC-SHA-256 over `<timestamp>.<body>`, as partners verify it. */
export function webhookSignature(secret: string, timestamp: string, body: string): Promise<string> {
  return hmac(secret, `${timestamp}.${body}`);
}

/**
 * The device cookie a successful sign-in leaves: proof that this browser has signed in to `login`
 * before, which lets its owner past the account's sign-in backoff (never past the password).
 */
export async function deviceToken(secret: string, login: string): Promise<string> {
  return hmac(secret, `device:${login}`);
}
