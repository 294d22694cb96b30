import { describe, expect, it } from "vitest";
import { defaultDeadline, topicForm, topicProgress, topicState } from "./topic";

const TODAY = "2026-03-10";
const valid = {
  _csrf: "x",
  period: "2026-03",
  rank: "1",
  title: "柳湖小区停水三天",
  leadDepartmentId: "pl-water",
  deadline: "2026-04-09",
};

describe("每月一题", () => {
  it("takes a complete choice and refuses a past or impossible deadline, a short title, no department", () => {
    expect(topicForm(TODAY).safeParse(valid).success).toBe(true);
    const errors = (patch: Record<string, string>) =>
      topicForm(TODAY)
        .safeParse({ ...valid, ...patch })
        .error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    expect(errors({ deadline: "2026-03-09" })).toEqual(["deadline: 期限不能早于今天"]);
    expect(errors({ deadline: "2026-04-31" })).toEqual(["deadline: 不是有效日期"]);
    expect(errors({ title: "停水" })).toEqual(["title: 至少 4 个字"]);
    expect(errors({ leadDepartmentId: "" })?.[0]).toMatch(/^leadDepartmentId/);
    expect(errors({ rank: "0" })?.[0]).toMatch(/^rank/);
  });

  it("counts answered cases, leaving merged and refused ones out", () => {
    expect(topicProgress(["replied", "closed", "assigned", "merged", "rejected", "acknowledged"])).toEqual({
      cases: 4,
      answered: 2,
      open: 2,
    });
  });

  it("is overdue the day after its deadline unless closed, and defaults to a month", () => {
    expect(topicState({ status: "open", deadline: TODAY }, TODAY)).toBe("open");
    expect(topicState({ status: "open", deadline: TODAY }, "2026-03-11")).toBe("overdue");
    expect(topicState({ status: "closed", deadline: TODAY }, "2026-04-11")).toBe("closed");
    expect(defaultDeadline(new Date("2026-03-10T02:00:00Z"))).toBe("2026-04-09");
  });
});
