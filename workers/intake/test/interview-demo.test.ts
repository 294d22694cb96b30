import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { interviewSession } from "../../../shared/interviews/client";
import { seedInterviews } from "../src/demo/demo-interviews-seed";
import { waitFor } from "./fixtures";
import { page } from "./portal-fixtures";

describe("the demo city's 在线访谈", () => {
  it("has one past session with a transcript and a filed case, and one coming up; seeding again changes nothing", async () => {
    const now = Date.now();
    await seedInterviews(env, now);
    await seedInterviews(env, now);
    const past = interviewSession(env, "demoheating2026");
    const coming = interviewSession(env, "demohealth2026");
    const view = await waitFor(async () => {
      const v = await past.moderatorView();
      return v?.conversion.finishedAt ? v : null;
    });
    expect(view.status).toBe("ended");
    expect(view.questions.map((q) => q.status)).toEqual([
      "approved",
      "approved",
      "merged",
      "approved",
      "approved",
      "declined",
      "approved",
    ]);
    expect(view.answers).toHaveLength(4);
    const filed = view.questions.filter((q) => q.caseTrackingNo);
    expect(filed).toHaveLength(1);
    expect(filed[0]?.text).toContain("燃气入户费");
    const upcoming = await coming.snapshot();
    expect(upcoming?.status).toBe("scheduled");
    expect(upcoming?.questions).toHaveLength(1);
    expect((await coming.moderatorView())?.questions).toHaveLength(2);

    const row = await waitFor(() =>
      env.DB.prepare("SELECT department_id, status, channel FROM cases WHERE tracking_no = ?")
        .bind(filed[0]?.caseTrackingNo)
        .first(),
    );
    expect(row).toEqual({ department_id: "pl-housing", status: "assigned", channel: "interview" });
    await waitFor(() => env.DB.prepare("SELECT 1 AS ok FROM interviews WHERE id = 'demohealth2026'").first());
    const list = await page("/interviews");
    expect(list.html).toContain("/interviews/demoheating2026");
    expect(list.html).toContain("/interviews/demohealth2026");
    const transcript = await page("/interviews/demoheating2026");
    expect(transcript.html).toContain("另有 1 位网友提出相同问题");
    expect(transcript.html).toContain(`/cases/${filed[0]?.caseTrackingNo}`);
  });
});
