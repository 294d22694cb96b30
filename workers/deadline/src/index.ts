import { consumeEach } from "../../../shared/queues/consume";
import { DeadlineDueMessage } from "../../../shared/messages";
import { sweep } from "./sweep.scheduled";

export default {
  async fetch() {
    return new Response("deadline: no public routes", { status: 404 });
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(sweep(env, controller.scheduledTime));
  },
  async queue(batch, env) {
    // The escalation ladder (CaseRecord.tick) arrives with the deadline issue; until then a due
    // message is acknowledged so it does not cycle.
    await consumeEach(batch, { schema: DeadlineDueMessage, deadLetters: env.DEAD_LETTERS, handle: async () => {} });
  },
} satisfies ExportedHandler<DeadlineEnv>;
