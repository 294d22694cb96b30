import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { freshIp, waitFor } from "./fixtures";

/** POST /api/v1/cases as a client sends it, and what the case API tests expect of its answers. */
export const URL_CASES = "http://intake.test/api/v1/cases";

export function postCase(
  body: BodyInit,
  opts: { key?: string; ip?: string; contentType?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? "application/json",
    "cf-connecting-ip": opts.ip ?? freshIp(),
    ...opts.headers,
  };
  if (opts.key !== undefined) headers["idempotency-key"] = opts.key;
  return exports.default.fetch(URL_CASES, { method: "POST", headers, body });
}

export const json = (v: unknown) => JSON.stringify(v);

export async function expectEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; issues?: { path: string }[] } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  return body.error;
}

export async function projected(trackingNo: string) {
  return waitFor(() => env.DB.prepare("SELECT case_id FROM cases WHERE tracking_no = ?").bind(trackingNo).first());
}
