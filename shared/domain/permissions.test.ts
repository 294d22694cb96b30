import { describe, expect, it } from "vitest";
import { type Actor, ROLES } from "./case-model";
import { decide } from "./decide";
import { can, PERMISSIONS, type StaffAction } from "./permissions";
import { caseIn, SAMPLE_COMMANDS } from "./test-fixtures";

const NOW = "2026-03-05T02:00:00.000Z";
const holder = { departmentId: "dept-a", coDepartmentIds: ["dept-c"] };

describe("the authorization table, cell by cell", () => {
  for (const action of Object.keys(PERMISSIONS) as StaffAction[]) {
    it(action, () => {
      for (const role of ROLES) {
        const scope = PERMISSIONS[action][role];
        const at = (departmentId: string): Actor => ({ role, userId: "u", departmentId });
        expect(can(at("dept-a"), action, holder), `${role} own`).toBe(scope !== undefined);
        expect(can(at("dept-c"), action, holder), `${role} co-handler`).toBe(scope === "any" || scope === "involved");
        expect(can(at("dept-b"), action, holder), `${role} other`).toBe(scope === "any");
        expect(can({ role }, action, holder), `${role} without department`).toBe(scope === "any");
      }
    });
  }
});

describe("dispatch rules that are not plain transitions", () => {
  const handler: Actor = { role: "handler", userId: "h", departmentId: "dept-a" };
  const dispatcher: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };

  it("makes the assignment after two returns final (终审)", () => {
    expect(decide(caseIn("assigned", { returnCount: 1 }), SAMPLE_COMMANDS.returnCase, handler, NOW).type).toBe(
      "case.returned",
    );
    expect(() =>
      decide(caseIn("assigned", { returnCount: 2, finalDispatch: true }), SAMPLE_COMMANDS.returnCase, handler, NOW),
    ).toThrow(/终审/);
  });

  it("refuses a return after its window and an extension over the cap or beyond the allowed count", () => {
    const limits = { extensionCapWorkingDays: 10, maxExtensions: 1, returnWindowEndsAt: "2026-03-04T16:00:00.000Z" };
    expect(() => decide(caseIn("acknowledged"), SAMPLE_COMMANDS.returnCase, handler, NOW, limits)).toThrow(/window/);
    expect(() =>
      decide(
        caseIn("acknowledged"),
        { name: "requestExtension", reason: "需要勘查", workingDays: 11 },
        handler,
        NOW,
        limits,
      ),
    ).toThrow(/at most 10/);
    expect(() =>
      decide(caseIn("acknowledged", { extensionCount: 1 }), SAMPLE_COMMANDS.requestExtension, handler, NOW, limits),
    ).toThrow(/No further/);
  });

  it("sends a rejected return back to the same department", () => {
    const event = decide(caseIn("returned"), SAMPLE_COMMANDS.rejectReturn, dispatcher, NOW);
    expect(event.type).toBe("case.return_rejected");
  });
});

describe("rules added after review", () => {
  const spokesperson: Actor = { role: "spokesperson", userId: "s", departmentId: "dept-a" };
  const dispatcher: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };
  const draft = { text: "经核实已修复。", outcome: "resolved" as const, draftedAt: "2026-03-03T00:00:00.000Z" };

  it("publishes only the draft the spokesperson reviewed", () => {
    const state = caseIn("acknowledged", { draft: { ...draft, draftedAt: "2026-03-04T00:00:00.000Z" } });
    expect(() => decide(state, SAMPLE_COMMANDS.publishReply, spokesperson, NOW)).toThrow(/draft changed/);
  });

  it("closes an unrated case only after the rating window", () => {
    const limits = { extensionCapWorkingDays: 10, maxExtensions: 1, ratingWindowEndsAt: "2026-03-10T16:00:00.000Z" };
    expect(() => decide(caseIn("replied"), SAMPLE_COMMANDS.close, dispatcher, NOW, limits)).toThrow(/rating window/);
    expect(
      decide(caseIn("replied", { rating: "satisfied" }), SAMPLE_COMMANDS.close, dispatcher, NOW, limits).type,
    ).toBe("case.closed");
    expect(decide(caseIn("replied"), SAMPLE_COMMANDS.close, dispatcher, "2026-03-11T00:00:00.000Z", limits).type).toBe(
      "case.closed",
    );
  });
});
