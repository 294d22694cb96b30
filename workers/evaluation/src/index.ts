import { analyseOpinion } from "../../../shared/scoring/opinion/analysis";
import { recordCaseEvents } from "./case-events.consumer";
import { reports } from "./reports";

export default {
  // Public reports and the rankings API, reached through intake (one origin for everything).
  fetch: reports.fetch,
  async queue(batch, env) {
    await recordCaseEvents(env, batch);
  },
  async scheduled(controller, env) {
    await analyseOpinion(env.DB, new Date(controller.scheduledTime));
  },
} satisfies ExportedHandler<EvaluationEnv>;
