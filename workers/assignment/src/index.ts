import { consumeEach } from "../../../shared/queues/consume";
import { CaseIntakeMessage } from "../../../shared/messages";
import { receiveCase } from "./case-intake.consumer";

export default {
  async fetch() {
    return new Response("assignment: no public routes", { status: 404 });
  },
  async queue(batch, env) {
    await consumeEach(batch, { schema: CaseIntakeMessage, deadLetters: env.DEAD_LETTERS, handle: (m) => receiveCase(env, m, new Date()) });
  },
} satisfies ExportedHandler<AssignmentEnv>;
