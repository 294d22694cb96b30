import { CaseEventMessage } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { recordCaseEvent } from "./case-events.consumer";
import { analyseOpinion } from "./opinion.scheduled";
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
    await analyseOpinion(env, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<EvaluationEnv>;
