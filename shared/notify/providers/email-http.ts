import * as z from "zod";
import type { NotificationProvider, OutgoingMessage, SendOutcome } from "../provider";

export const EmailHttpConfig = z.object({
  /** The API's base, e.g. https://api.resend.com; a local recorder in tests. */
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  /** The sender, e.g. "平凉网络问政 <notice@wenzheng.example.gov.cn>" (its domain verified with the API). */
  from: z.string().min(3),
});
export type EmailHttpConfig = z.infer<typeof EmailHttpConfig>;

/** What the API answers on an error: `{ statusCode, name, message }`. */
const ApiError = z.object({ name: z.string().optional(), message: z.string().optional() });

/**
 * E-mail through an HTTP API in the shape of Resend's `POST /emails` (bearer key, JSON body, an
 * `Idempotency-Key` header the API keeps for 24 hours): a retried send with the same notification id
 * delivers once, so this provider dedupes. 429 and 5xx mean "later"; other refusals are final.
 */
export function emailHttpProvider(config: EmailHttpConfig, fetcher: typeof fetch = fetch): NotificationProvider {
  const { baseUrl, apiKey, from } = EmailHttpConfig.parse(config);
  return {
    name: "email-http",
    channel: "email",
    dedupes: true,
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const response = await fetcher(new URL("/emails", baseUrl), {
        method: "POST",
        headers: {
          authorization: `Bearer ${apiKey}`,
          "content-type": "application/json",
          "idempotency-key": message.id,
        },
        body: JSON.stringify({
          from,
          to: [message.to],
          subject: message.subject ?? "",
          text: message.text,
          html: message.html,
        }),
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const id = z.object({ id: z.string() }).safeParse(body);
        return { kind: "sent", providerMessageId: id.success ? id.data.id : null };
      }
      const error = ApiError.safeParse(body);
      const detail = error.success ? [error.data.name, error.data.message].filter(Boolean).join(": ") : "";
      return {
        kind: "rejected",
        retryable: response.status === 429 || response.status === 409 || response.status >= 500,
        error: `HTTP ${response.status}${detail ? ` ${detail.slice(0, 200)}` : ""}`,
      };
    },
  };
}
