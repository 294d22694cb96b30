import { consumeEach } from "../../../shared/queues/consume";
import { CaseEventMessage } from "../../../shared/messages";
import { recordCaseEvent } from "./case-events.consumer";
import { reports } from "./reports";
import { analyseOpinion } from "./opinion.scheduled";

export default {
  // Public reports and the rankings API, reached through intake (one origin for everything).
  fetch: reports.fetch,
  async queue(batch, env) {
    await consumeEach(batch, { schema: CaseEventMessage, deadLetters: env.DEAD_LETTERS, handle: (m) => recordCaseEvent(env, m) });
  },
  async scheduled(controller, env) {
    await analyseOpinion(env, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<EvaluationEnv>;
