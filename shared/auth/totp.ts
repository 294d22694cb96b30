import { Secret, TOTP } from "otpauth";

/**
 * Staff second factor: TOTP (RFC 6238) as every authenticator app speaks it — HMAC-SHA-1, six
 * digits, 30-second steps — through the `otpauth` library. A code is accepted one step either side
 * of now (clocks on phones drift), and only for a step later than the last one accepted for the
 * account: RFC 6238 §5.2 forbids accepting the same code twice.
 */
export const TOTP_PERIOD_SECONDS = 30;
const DRIFT_STEPS = 1;
export const TOTP_ISSUER = "Wenzheng";

export type TotpAlgorithm = "SHA1" | "SHA256" | "SHA512";

/** A fresh 160-bit secret in base32, as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** A base32 secret as we issue it (32 characters for 160 bits). */
export const TOTP_SECRET = /^[A-Z2-7]{32}$/;

const totp = (secret: string, algorithm: TotpAlgorithm = "SHA1", digits = 6) =>
  new TOTP({
    issuer: TOTP_ISSUER,
    algorithm,
    digits,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** The 30-second step a moment falls in. */
export const totpStep = (atMs: number) => Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);

/** The code for a moment (the demo's hint and the tests; RFC 6238's vectors use SHA-256/512 and 8 digits). */
export function totpCode(secret: string, atMs: number, algorithm: TotpAlgorithm = "SHA1", digits = 6): string {
  return totp(secret, algorithm, digits).generate({ timestamp: atMs });
}

/** The `otpauth://` URI an app scans from the QR code: issuer, account and secret. */
export function totpUri(secret: string, account: string): string {
  const uri = totp(secret);
  uri.label = account;
  return uri.toString();
}

/**
 * The step a typed code belongs to, if it is valid now (±1 step) and newer than `lastStep`;
 * otherwise null. The caller stores the step so the same code cannot be used again.
 */
export function acceptTotp(secret: string, code: string, atMs: number, lastStep: number | null): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: atMs, window: DRIFT_STEPS });
  if (delta === null) return null;
  const step = totpStep(atMs) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
