import { webhookSignature } from "../auth/signing";
import { checkTarget, type Refusal, type TargetNet } from "../http/public-address";

/** One POST to a partner's endpoint: the delivery's id, the event type and the stored JSON body. */
export interface OutgoingWebhook {
  id: string;
  type: string;
  body: string;
}

export type SendOutcome =
  | { delivered: true; status: number }
  | { delivered: false; status: number | null; error: string };

/**
 * What the partner reads in its delivery log. The status of its own endpoint is its business; a
 * target that is not public gets one fixed phrase, so the log cannot be used to map a network.
 */
function refusalText(refusal: Refusal): string {
  switch (refusal.reason) {
    case "resolver-unavailable":
      return "resolver unavailable";
    case "unresolvable":
      return "host does not resolve";
    case "invalid":
    case "not-public":
      return "refused: target not public";
  }
}

/**
 * Checks the target again (its name may point elsewhere since registration), then POSTs the body
 * signed with HMAC-SHA-256 over `<timestamp>.<body>` (X-Wenzheng-Timestamp, X-Wenzheng-Signature:
 * sha256=…), with X-Wenzheng-Delivery for the receiver's replay protection. Redirects are not
 * followed: a 3xx is a failure with its status. Never throws.
 */
export async function sendWebhook(
  target: { url: string; secret: string },
  delivery: OutgoingWebhook,
  net: TargetNet,
): Promise<SendOutcome> {
  const verdict = await checkTarget(target.url, net);
  if (!verdict.ok) return { delivered: false, status: null, error: refusalText(verdict) };
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const res = await net.fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-wenzheng-delivery": delivery.id,
        "x-wenzheng-event": delivery.type,
        "x-wenzheng-timestamp": timestamp,
        "x-wenzheng-signature": `sha256=${await webhookSignature(target.secret, timestamp, delivery.body)}`,
      },
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    const status = res.status;
    if (status >= 200 && status < 300) return { delivered: true, status };
    if (status >= 300 && status < 400) return { delivered: false, status, error: `redirect ${status} not followed` };
    return { delivered: false, status, error: `HTTP ${status}` };
  } catch (error) {
    // The kind only: a socket error's text would describe the network between us and the target.
    const timeout = error instanceof Error && error.name === "TimeoutError";
    return { delivered: false, status: null, error: timeout ? "timeout" : "network error" };
  }
}
