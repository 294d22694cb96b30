import { app } from "./app";
import { answerFromMemo, keepInMemo, widgetJsonKey } from "./widget/widget-memo";

export { CaseRecord } from "./case-record/case-record.do";
export { InterviewSession } from "./interviews/interview-session.do";

export default {
  async fetch(request, env, ctx) {
    const key = widgetJsonKey(request);
    if (key === null) return app.fetch(request, env, ctx);
    return (
      answerFromMemo(key, request.headers.get("if-none-match")) ?? keepInMemo(key, await app.fetch(request, env, ctx))
    );
  },
} satisfies ExportedHandler<IntakeEnv>;
