import { targetNet } from "../../../shared/http/public-address";
import { retryDueDeliveries } from "../../../shared/webhooks/attempt";

/**
 * Partner webhook deliveries whose retry has come (shared/webhooks): the case outbox made the first
 * attempt and left the rest here, so a partner down for a day never holds a case's outbox.
 */
export function retryWebhooks(env: DeadlineEnv, now: number) {
  return retryDueDeliveries(env.DB, targetNet(env), now);
}
