import { consumeEach } from "../../../shared/queues/consume";
import { DeadlineDueMessage } from "../../../shared/messages";
import { sweep } from "./sweep.scheduled";
import { writeDailyDigest } from "./digest.scheduled";

const DIGEST_CRON = "0 1 * * *";
import { applyDueSteps } from "./deadline-due.consumer";

export default {
  async fetch() {
    return new Response("deadline: no public routes", { status: 404 });
  },
  async scheduled(controller, env, ctx) {
    if (controller.cron === DIGEST_CRON) ctx.waitUntil(writeDailyDigest(env, controller.scheduledTime));
    else ctx.waitUntil(sweep(env, controller.scheduledTime));
  },
  async queue(batch, env) {
    await consumeEach(batch, { schema: DeadlineDueMessage, deadLetters: env.DEAD_LETTERS, handle: (m) => applyDueSteps(env, m) });
  },
} satisfies ExportedHandler<DeadlineEnv>;
