import { DeadlineDueMessage } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { applyDueSteps } from "./deadline-due.consumer";
import { writeDailyDigest } from "./digest.scheduled";
import { sweep } from "./sweep.scheduled";

const DIGEST_CRON = "0 1 * * *";

export default {
  async fetch() {
    return new Response("deadline: no public routes", { status: 404 });
  },
  // Awaited, not handed to waitUntil: a failed sweep shows as a failed cron run.
  async scheduled(controller, env) {
    if (controller.cron === DIGEST_CRON) await writeDailyDigest(env, controller.scheduledTime);
    else await sweep(env, controller.scheduledTime);
  },
  async queue(batch, env) {
    await consumeEach(batch, {
      schema: DeadlineDueMessage,
      deadLetters: env.DEAD_LETTERS,
      handle: (m) => applyDueSteps(env, m),
    });
  },
} satisfies ExportedHandler<DeadlineEnv>;
