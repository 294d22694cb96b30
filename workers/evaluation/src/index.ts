import { consumeEach } from "../../../shared/queues/consume";
import { CaseEventMessage } from "../../../shared/messages";
import { recordCaseEvent } from "./case-events.consumer";

export default {
  async fetch() {
    return new Response("evaluation: no public routes yet", { status: 404 });
  },
  async queue(batch, env) {
    await consumeEach(batch, { schema: CaseEventMessage, deadLetters: env.DEAD_LETTERS, handle: (m) => recordCaseEvent(env, m) });
  },
} satisfies ExportedHandler<EvaluationEnv>;
