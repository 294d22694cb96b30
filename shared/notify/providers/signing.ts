/**
 * The byte-level pieces both SMS providers sign with: UTF-8, SHA-256, HMAC, hex, base64 and the RFC 3986
 * percent-encoding Aliyun's RPC signature requires. WebCrypto only, so the same code runs in workerd and Node.
 */

const encoder = new TextEncoder();

/** A key as text (encoded as UTF-8) or as the raw bytes of an earlier HMAC, which TC3 chains. */
export type HmacKey = string | ArrayBuffer;

export function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function base64(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export async function hmac(hash: "SHA-1" | "SHA-256", key: HmacKey, message: string): Promise<ArrayBuffer> {
  const raw = typeof key === "string" ? encoder.encode(key) : key;
  const cryptoKey = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(message));
}

/**
 * RFC 3986 percent-encoding of UTF-8: only A–Z a–z 0–9 - _ . ~ stay as they are, a space is %20 (not +).
 * encodeURIComponent also leaves ! ' ( ) * alone, which the RFC (and Aliyun's server) encode.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
