import { registerCase } from "../../../shared/db/registry-queries";
import { CaseRegisteredMessage, DeadlineDueMessage, NotifyMessage } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { isDeadLetterQueue, recordDeadLetters } from "./dead-letters.consumer";
import { applyDueSteps } from "./deadline-due.consumer";
import { writeDailyDigest } from "./digest.scheduled";
import { houseKeeping } from "./housekeeping.scheduled";
import { notify, sendDueNotifications } from "./notifications/notify.consumer";
import { queueRatingReminders } from "./notifications/reminders.scheduled";
import { reconcile } from "./reconcile.scheduled";
import { sweep } from "./sweep.scheduled";
import { retryWebhooks } from "./webhooks.scheduled";

const DIGEST_CRON = "0 1 * * *";

export default {
  async fetch() {
    return new Response("deadline: no public routes", { status: 404 });
  },
  // Awaited, not handed to waitUntil: a failed sweep shows as a failed cron run.
  async scheduled(controller, env) {
    if (controller.cron === DIGEST_CRON) {
      await writeDailyDigest(env, controller.scheduledTime);
      await houseKeeping(env, controller.scheduledTime);
    } else {
      await sweep(env, controller.scheduledTime);
      await reconcile(env, controller.scheduledTime);
      await queueRatingReminders(env, controller.scheduledTime);
      // Real time, not the schedule's: a late run must not send what quiet hours still hold.
      await sendDueNotifications(env);
      await retryWebhooks(env, Date.now());
    }
  },
  // The deadline Worker is also the platform's operations Worker: every queue's dead letters, the
  // case registry reconciliation reads, and the notifications to send are consumed here.
  async queue(batch, env) {
    if (isDeadLetterQueue(batch.queue)) return recordDeadLetters(env, batch);
    if (batch.queue.startsWith("case-registry"))
      return consumeEach(batch, {
        schema: CaseRegisteredMessage,
        deadLetters: env.DEAD_LETTERS,
        handle: (m) => registerCase(env.DB, m),
      });
    if (batch.queue.startsWith("notifications"))
      return consumeEach(batch, {
        schema: NotifyMessage,
        deadLetters: env.NOTIFY_DEAD_LETTERS,
        handle: (m) => notify(env, m),
      });
    await consumeEach(batch, {
      schema: DeadlineDueMessage,
      deadLetters: env.DEAD_LETTERS,
      handle: (m) => applyDueSteps(env, m),
    });
  },
} satisfies ExportedHandler<DeadlineEnv>;
