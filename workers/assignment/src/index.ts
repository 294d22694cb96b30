import { CaseIntakeMessage } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { app } from "./app";
import { receiveCase } from "./case-intake.consumer";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await consumeEach(batch, {
      schema: CaseIntakeMessage,
      deadLetters: env.DEAD_LETTERS,
      handle: (m) => receiveCase(env, m, new Date()),
    });
  },
} satisfies ExportedHandler<AssignmentEnv>;

export { NearDuplicateIndex } from "./near-duplicates/near-duplicate-index.do";
