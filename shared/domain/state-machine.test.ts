import { describe, expect, it } from "vitest";
import { type Actor, CASE_STATUSES, type CaseState, ROLES } from "./case-model";
import type { CaseCommand, CaseCommandName } from "./commands";
import { decide } from "./decide";
import { DomainError, Forbidden, InvalidTransition } from "./errors";
import type { CaseEvent, CaseEventType, StoredEvent } from "./events";
import { evolve, initialState } from "./evolve";
import { chainEvent, verifyChain } from "./hash-chain";
import { PERMISSIONS } from "./permissions";
import { caseIn, GUARD_SATISFIERS, SAMPLE_COMMANDS, sampleEvent } from "./test-fixtures";
import { TRANSITIONS } from "./transitions";

const NOW = "2026-03-05T02:00:00.000Z";
const actorFor = (role: Actor["role"]): Actor => ({ role, userId: `u-${role}`, departmentId: "dept-a" });

describe("every state × command × role × own or other department", () => {
  const names = Object.keys(TRANSITIONS) as CaseCommandName[];
  const scopes = [
    ["own", "dept-a"],
    ["other", "dept-b"],
  ] as const;
  for (const status of CASE_STATUSES) {
    for (const name of names) {
      it(`${name} from ${status}`, () => {
        const rule = TRANSITIONS[name];
        const state = caseIn(status, GUARD_SATISFIERS[name]);
        for (const role of ROLES)
          for (const [scope, departmentId] of scopes) {
            const actor: Actor = { role, userId: `u-${role}`, departmentId };
            const run = () => decide(state, SAMPLE_COMMANDS[name], actor, NOW);
            const roleScope = PERMISSIONS[name][role];
            // A citizen's redo is asked within the rating window, before the case closes (tested below).
            const citizenRedoAfterClose = name === "reopen" && role === "citizen" && status === "closed";
            const allowed =
              rule.from.includes(status) &&
              (roleScope === "any" || (roleScope === "own" && scope === "own")) &&
              !citizenRedoAfterClose;
            if (allowed) {
              const event = run();
              expect(event.type).toBe(rule.event);
              const next = evolve(state, fakeEvent(state, event));
              expect(next.status).toBe(rule.to ?? status);
            } else {
              expect(run, `${role} (${scope} department) must not ${name} from ${status}`).toThrow(DomainError);
            }
          }
      });
    }
  }
});

function fakeEvent(state: CaseState, event: CaseEvent): StoredEvent {
  return {
    seq: state.lastSeq + 1,
    id: `x-${state.lastSeq + 1}`,
    caseId: state.caseId,
    actor: { role: "system" },
    at: NOW,
    prevHash: "",
    hash: "",
    ...event,
  };
}

describe("rating and redo (重办)", () => {
  const citizen: Actor = { role: "citizen" };
  it("a rating comes within the window, once", () => {
    const limits = { extensionCapWorkingDays: 10, maxExtensions: 1, ratingWindowEndsAt: "2026-03-05T01:00:00.000Z" };
    expect(() => decide(caseIn("replied"), SAMPLE_COMMANDS.rate, citizen, NOW, limits)).toThrow(/window/);
    expect(
      decide(caseIn("replied"), SAMPLE_COMMANDS.rate, citizen, "2026-03-04T00:00:00.000Z", limits).payload,
    ).toMatchObject({ resolution: "solved", rating: "satisfied" });
  });

  it("a dissatisfied citizen may ask for one redo, only while the case is open for rating", () => {
    const dissatisfied = caseIn("replied", { rating: "dissatisfied" });
    expect(decide(dissatisfied, SAMPLE_COMMANDS.reopen, citizen, NOW).type).toBe("case.reopened");
    expect(() => decide({ ...dissatisfied, reopenCount: 1 }, SAMPLE_COMMANDS.reopen, citizen, NOW)).toThrow(/once/);
    expect(() => decide(caseIn("closed", { rating: "dissatisfied" }), SAMPLE_COMMANDS.reopen, citizen, NOW)).toThrow(
      /closed/,
    );
    // The platform office may still reopen beyond the citizen's one redo.
    expect(decide({ ...dissatisfied, reopenCount: 1 }, SAMPLE_COMMANDS.reopen, actorFor("dispatcher"), NOW).type).toBe(
      "case.reopened",
    );
  });

  it("redo rounds are counted and a new reply clears the earlier rating", () => {
    const reopened = evolve(
      caseIn("replied", { rating: "dissatisfied", resolution: "not_solved" }),
      fakeEvent(caseIn("replied"), sampleEvent("case.reopened", { reason: "问题依旧" })),
    );
    expect(reopened).toMatchObject({ status: "reopened", reopenCount: 1 });
    const answered = evolve(
      { ...reopened, draft: { text: "已再次处理", outcome: "resolved", draftedAt: NOW } },
      fakeEvent(reopened, sampleEvent("case.reply_published", { spokesperson: { name: "王", title: "科长" } })),
    );
    expect(answered).toMatchObject({ rating: null, resolution: null });
  });
});

describe("department scope and guards", () => {
  it("a handler of another department cannot act on the case", () => {
    const other: Actor = { role: "handler", userId: "h2", departmentId: "dept-b" };
    expect(() => decide(caseIn("assigned"), { name: "acknowledge" }, other, NOW)).toThrow(Forbidden);
    expect(() => decide(caseIn("assigned"), { name: "acknowledge" }, { role: "handler" }, NOW)).toThrow(Forbidden);
  });

  it("a closed case cannot be acknowledged: wrong state is a 409, not a 403", () => {
    expect(() => decide(caseIn("closed"), { name: "acknowledge" }, actorFor("handler"), NOW)).toThrow(
      InvalidTransition,
    );
  });

  it("publishing needs a draft; deciding an extension needs a request; rating happens once", () => {
    expect(() => decide(caseIn("acknowledged"), SAMPLE_COMMANDS.publishReply, actorFor("spokesperson"), NOW)).toThrow(
      /draft/,
    );
    expect(() => decide(caseIn("acknowledged"), SAMPLE_COMMANDS.decideExtension, actorFor("dispatcher"), NOW)).toThrow(
      /extension/,
    );
    expect(() =>
      decide(caseIn("replied", { rating: "satisfied" }), SAMPLE_COMMANDS.rate, actorFor("citizen"), NOW),
    ).toThrow(/rated/);
  });

  it("a citizen may ask for redo only after a dissatisfied rating", () => {
    expect(() =>
      decide(caseIn("replied", { rating: "satisfied" }), SAMPLE_COMMANDS.reopen, actorFor("citizen"), NOW),
    ).toThrow(/dissatisfied/);
    expect(decide(caseIn("replied"), SAMPLE_COMMANDS.reopen, actorFor("dispatcher"), NOW).type).toBe("case.reopened");
  });

  it("not-resolvable and not-our-duty outcomes need a reason", () => {
    const cmd: CaseCommand = { name: "draftReply", text: "此事项暂无法解决，原因如下。", outcome: "not_our_duty" };
    expect(() => decide(caseIn("acknowledged"), cmd, actorFor("handler"), NOW)).toThrow(/reason/);
    expect(
      decide(caseIn("acknowledged"), { ...cmd, outcomeNote: "由市供电公司负责" }, actorFor("handler"), NOW).type,
    ).toBe("case.reply_drafted");
  });
});

describe("a whole case folded from its chained log", () => {
  it("walks submit → close, records the honest outcome, and verifies", () => {
    const first = chainEvent(null, {
      caseId: "C1",
      type: "case.submitted",
      actor: { role: "citizen" },
      at: "2026-03-02T01:00:00.000Z",
      payload: {
        trackingNo: "T",
        queryCodeHash: "q",
        petitionerHash: "p",
        type: "consult",
        title: "咨询医保备案",
        body: "异地就医如何备案",
        category: null,
        regionCode: "620802",
        address: null,
        addressee: null,
        channel: "api",
        isPublic: true,
        partnerId: null,
        calendarVersion: null,
      },
    });
    let state = initialState(first);
    const log: StoredEvent[] = [first];
    const steps: [Actor, CaseCommand][] = [
      [actorFor("dispatcher"), SAMPLE_COMMANDS.accept],
      [actorFor("dispatcher"), SAMPLE_COMMANDS.assign],
      [actorFor("handler"), SAMPLE_COMMANDS.acknowledge],
      [actorFor("handler"), SAMPLE_COMMANDS.requestExtension],
      [actorFor("dispatcher"), SAMPLE_COMMANDS.decideExtension],
      [actorFor("handler"), SAMPLE_COMMANDS.draftReply],
      [
        actorFor("spokesperson"),
        { name: "publishReply", spokesperson: { name: "王建国", title: "副局长" }, draftedAt: NOW },
      ],
      [actorFor("dispatcher"), SAMPLE_COMMANDS.close],
    ];
    for (const [actor, command] of steps) {
      const decided = decide(state, command, actor, NOW);
      const head = log[log.length - 1];
      const event = chainEvent(head ? { seq: head.seq, hash: head.hash } : null, {
        caseId: "C1",
        actor,
        at: NOW,
        ...decided,
      });
      log.push(event);
      state = evolve(state, event);
    }
    expect(state.status).toBe("closed");
    expect(state.extensionCount).toBe(1);
    expect(state.reply?.spokesperson.name).toBe("王建国");
    expect(state.outcome).toBe("resolved");
    expect(state.rating).toBe("unrated"); // nobody rated: never silently satisfied
    expect(state.receiptHash).toBe(first.hash);
    expect(verifyChain(log)).toMatchObject({ ok: true, length: 9 });
  });
});

describe("evolve details", () => {
  const event = (type: CaseEventType, payload: Record<string, unknown>, seq = 5): StoredEvent => ({
    seq,
    id: `x-${seq}`,
    caseId: "CASE1",
    actor: { role: "system" },
    at: NOW,
    prevHash: "",
    hash: "",
    ...sampleEvent(type, payload),
  });
  const pending = { reason: "x", workingDays: 5, requestedAt: NOW, departmentId: "dept-a" };

  it("sends a rejected return back to where it was: acknowledged cases need no second 签收", () => {
    expect(
      evolve(caseIn("returned", { acknowledgedAt: NOW }), event("case.return_rejected", { note: "请继续办理" })).status,
    ).toBe("acknowledged");
    expect(evolve(caseIn("returned"), event("case.return_rejected", { note: "请继续办理" })).status).toBe("assigned");
  });

  it("makes a return refused after the second one final (终审): no endless return and refusal", () => {
    const refused = (returnCount: number) =>
      evolve(caseIn("returned", { returnCount }), event("case.return_rejected", { note: "请继续办理" }));
    expect(refused(1).finalDispatch).toBe(false);
    expect(refused(2).finalDispatch).toBe(true);
    expect(() => decide(refused(2), SAMPLE_COMMANDS.returnCase, actorFor("handler"), NOW)).toThrow(/终审/);
  });

  it("drops a pending extension request when its round ends", () => {
    const draft = { text: "经核实已修复。", outcome: "resolved" as const, draftedAt: NOW };
    expect(
      evolve(
        caseIn("acknowledged", { pendingExtension: pending, draft }),
        event("case.reply_published", { spokesperson: { name: "王", title: "副局长" } }),
      ).pendingExtension,
    ).toBeNull();
    expect(
      evolve(caseIn("replied", { pendingExtension: pending }), event("case.reopened", { reason: "问题依旧" }))
        .pendingExtension,
    ).toBeNull();
  });
});
