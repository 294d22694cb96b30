/**
 * What the Aliyun and Tencent SMS adapters share: their configuration, their injectable I/O, and the
 * outcomes that do not depend on the provider (no template code, an answer that is not the provider's JSON,
 * an error text with the recipient and the text taken out).
 */
import * as z from "zod";
import type { OutgoingMessage, SendOutcome } from "../provider";

/** `fetch` as the adapters call it; the global one fits, and so does a recording fake in tests. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface SmsProviderDeps {
  fetch?: Fetch;
  /** The signing clock: timestamps, Beijing dates for lookups. */
  now?: () => Date;
}

/** `templates` maps our catalogue's template id to the provider's approved template code (模板 CODE / ID). */
export const SmsProviderConfig = z.strictObject({
  /** An origin only: both signatures sign the path "/", so a path here would break every signature. */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .refine((url) => /^[^/]+\/\/[^/?#]+\/?$/.test(url), "baseUrl must be an origin, without a path")
    .transform((url) => url.replace(/\/$/, "")),
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  signName: z.string().min(1),
  templates: z.record(z.string().min(1), z.string().min(1)),
  region: z.string().min(1).optional(),
});

export function unknownTemplate(template: string): SendOutcome {
  return {
    kind: "rejected",
    retryable: false,
    error: `no provider template code configured for template "${template}"`,
  };
}

/**
 * An HTML error page from a proxy or a gateway: the provider did not answer, yet a gateway's 502 or
 * 504 does not prove the message never reached it. So the send's fate is unknown (the interface's
 * throw): the consumer asks the provider by our id before it sends again, never twice.
 */
export function notProviderJson(status: number): never {
  throw new Error(`HTTP ${status}: not a provider JSON answer`);
}

/** The body as JSON, or undefined when it is not JSON. A body that breaks off while read throws. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const MAINLAND_MOBILE = /1[3-9]\d{9}/g;

/**
 * "code: message" for the notification log. Provider messages sometimes echo what they were sent, and the
 * log must never hold the recipient or the text, so both (and every template value) are cut out first.
 */
export function providerError(code: string, message: string | undefined, sent: OutgoingMessage): string {
  let text = message ? `${code}: ${message}` : code;
  const secrets = [sent.to, sent.text, ...sent.params.map(([, value]) => value)].filter((s) => s.length >= 4);
  for (const secret of secrets.sort((a, b) => b.length - a.length)) text = text.split(secret).join("***");
  return text.replace(MAINLAND_MOBILE, "***").slice(0, 300);
}
