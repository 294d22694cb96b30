/**
 * What a provider is asked to deliver and what it answers. One interface for every channel, so the
 * notifications consumer holds the exactly-once protocol in one place (DESIGN.md §8).
 */

export type Channel = "sms" | "email";

/**
 * The providers' credentials: secrets of the Worker that sends (deadline), set only where a real
 * provider is configured, so optional (wrangler's `[secrets] required` cannot say so).
 */
export const PROVIDER_SECRETS = ["SMS_ACCESS_KEY_ID", "SMS_ACCESS_KEY_SECRET", "EMAIL_API_KEY"] as const;

/**
 * The path token of the delivery-report URL given to the SMS provider (intake's secret, optional:
 * without it the route does not exist). Providers push reports unsigned, so the URL is the secret.
 */
export const RECEIPT_TOKEN_SECRET = "NOTIFY_RECEIPT_TOKEN";

export interface OutgoingMessage {
  /** The notification's id: one per (event, recipient, channel); the idempotency key where honoured. */
  id: string;
  channel: Channel;
  /** A phone number (11 digits, mainland) or an e-mail address. */
  to: string;
  /** The template's id in our catalogue; SMS providers map it to their approved template code. */
  template: string;
  /** The template's variables, already escaped for the channel, in the catalogue's order. */
  params: readonly (readonly [name: string, value: string])[];
  /** The whole rendered text (the local inbox, an e-mail's plain part). */
  text: string;
  /** The case it is about, for the local inbox (providers do not send it). */
  trackingNo?: string | null;
  /** E-mail only. */
  subject?: string;
  html?: string;
}

/**
 * - `sent`: the provider took it (its id for the message, where it gives one).
 * - `rejected`: the provider answered and did not take it; `retryable` when the answer says "later"
 *   (throttling, a provider outage) rather than "never" (a bad number, an unapproved template).
 * The error text is the provider's code and message: never the recipient or the text.
 */
export type SendOutcome =
  | { kind: "sent"; providerMessageId: string | null }
  | { kind: "rejected"; retryable: boolean; error: string };

export interface NotificationProvider {
  /** Shown in the notification log, e.g. "aliyun-sms". */
  readonly name: string;
  readonly channel: Channel;
  /**
   * True when sending the same `id` twice delivers once (the provider dedupes by an idempotency key);
   * then a message whose send may or may not have happened is simply sent again.
   */
  readonly dedupes: boolean;
  /** Throws only when it cannot tell whether the provider took the message (the request was lost in flight). */
  send(message: OutgoingMessage): Promise<SendOutcome>;
  /**
   * For a provider that does not dedupe: whether a message whose send was interrupted reached it,
   * asked by our id (which `send` passes along: Aliyun's OutId, Tencent's SessionContext). `unknown`
   * when the provider cannot say yet; the message is then never sent again automatically.
   */
  lookup?(message: OutgoingMessage, sentAfter: Date): Promise<"sent" | "not_sent" | "unknown">;
}
