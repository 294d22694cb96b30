import { CaseEventMessage } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { analyseOpinion } from "../../../shared/scoring/opinion/analysis";
import { recordCaseEvent } from "./case-events.consumer";
import { reports } from "./reports";

export default {
  // Public reports and the rankings API, reached through intake (one origin for everything).
  fetch: reports.fetch,
  async queue(batch, env) {
    await consumeEach(batch, {
      schema: CaseEventMessage,
      deadLetters: env.DEAD_LETTERS,
      handle: (m) => recordCaseEvent(env, m),
    });
  },
  async scheduled(controller, env) {
    await analyseOpinion(env.DB, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<EvaluationEnv>;
