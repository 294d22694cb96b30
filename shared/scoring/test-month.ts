import type { LadderKind, Stage } from "../clocks/time-limit-rules";
import type { Actor, CaseState } from "../domain/case-model";
import type { CaseCommand } from "../domain/commands";
import { DEFAULT_LIMITS, type DecideLimits, decide } from "../domain/decide";
import type { StoredEvent } from "../domain/events";
import { evolve, initialState } from "../domain/evolve";
import { chainEvent } from "../domain/hash-chain";

/**
 * A hand-built month of cases (March 2026, Beijing time) for the indicator and rollup tests: each
 * case is a script of commands run through the real decider, so the events are exactly what the
 * durable object would append.
 */
const office: Actor = { role: "dispatcher", userId: "u-disp", departmentId: "office" };
const system: Actor = { role: "system", userId: "deadline" };
const citizen: Actor = { role: "citizen" };
const handler = (departmentId: string): Actor => ({ role: "handler", userId: `u-${departmentId}`, departmentId });
const speaker = (departmentId: string): Actor => ({ role: "spokesperson", userId: `s-${departmentId}`, departmentId });

type Step = [
  at: string,
  actor: Actor,
  command: CaseCommand | { escalate: { kind: LadderKind; stage: Stage; departmentId: string } },
  limits?: Partial<DecideLimits>,
];

function runCase(
  caseId: string,
  submittedAt: string,
  steps: Step[],
  category = "urban_rural",
  regionCode = "620802",
): StoredEvent[] {
  const submitted = chainEvent(null, {
    caseId,
    type: "case.submitted",
    actor: citizen,
    at: submittedAt,
    payload: {
      trackingNo: `T${caseId}`,
      queryCodeHash: "q",
      petitionerHash: "p",
      type: "complaint",
      title: "路灯不亮",
      body: "小区路灯不亮",
      category,
      regionCode,
      address: null,
      addressee: null,
      channel: "api",
      isPublic: true,
      partnerId: null,
      calendarVersion: null,
    },
  });
  let head: StoredEvent = submitted;
  const events: StoredEvent[] = [submitted];
  let state: CaseState = initialState(submitted);
  for (const [at, actor, command, limits] of steps) {
    const next =
      "escalate" in command
        ? {
            type: "case.escalated" as const,
            payload: {
              key: `${command.escalate.stage}:${command.escalate.kind}:1`,
              ...command.escalate,
              round: 1,
              dueAt: at,
              fellDueAt: at,
              accountability: command.escalate.kind === "notice",
            },
          }
        : decide(state, command, actor, at, { ...DEFAULT_LIMITS, ...limits });
    head = chainEvent({ seq: head.seq, hash: head.hash }, { caseId, actor, at, ...next });
    state = evolve(state, head);
    events.push(head);
  }
  return events;
}

// Every reply but case A's is the template the reply check flags as boilerplate (套话).
const BOILERPLATE = "经核实，问题已经处理完毕，感谢监督。";
const SPECIFIC = "经崆峒区城管局现场核查，小区路灯因线路老化损坏，已于3月4日更换线路，全部修复。";
const reply = (outcome: "resolved" | "explained" = "resolved", text = BOILERPLATE) =>
  ({ name: "draftReply", text, outcome }) as const;
const publish = (draftedAt: string) =>
  ({ name: "publishReply", spokesperson: { name: "王建国", title: "副局长" }, draftedAt }) as const;

/** Six cases; the expected counters per department are in rollup-increments.test.ts, worked out by hand. */
export function handBuiltMonth(): StoredEvent[][] {
  return [
    // A, dept-a: everything on time, rated solved and satisfied, closed.
    runCase("A", "2026-03-02T01:00:00.000Z", [
      ["2026-03-02T02:00:00.000Z", office, { name: "accept" }],
      ["2026-03-02T02:10:00.000Z", office, { name: "assign", departmentId: "dept-a", coDepartmentIds: [] }],
      [
        "2026-03-02T03:00:00.000Z",
        handler("dept-a"),
        { name: "acknowledge" },
        { acknowledgeDueAt: "2026-03-03T02:10:00.000Z" },
      ],
      ["2026-03-04T03:00:00.000Z", handler("dept-a"), reply("resolved", SPECIFIC)],
      [
        "2026-03-04T04:00:00.000Z",
        speaker("dept-a"),
        publish("2026-03-04T03:00:00.000Z"),
        { replyDueAt: "2026-03-20T02:10:00.000Z" },
      ],
      ["2026-03-05T04:00:00.000Z", citizen, { name: "rate", resolution: "solved", rating: "satisfied" }],
      ["2026-03-12T04:00:00.000Z", system, { name: "close" }],
    ]),
    // B, dept-a: late 签收, reply overdue (催办), late reply, dissatisfied and not solved, redo, then closed unrated.
    runCase("B", "2026-03-02T01:00:00.000Z", [
      ["2026-03-02T02:00:00.000Z", office, { name: "accept" }],
      ["2026-03-02T02:10:00.000Z", office, { name: "assign", departmentId: "dept-a", coDepartmentIds: [] }],
      [
        "2026-03-04T03:00:00.000Z",
        handler("dept-a"),
        { name: "acknowledge" },
        { acknowledgeDueAt: "2026-03-03T02:10:00.000Z" },
      ],
      ["2026-03-20T02:10:00.000Z", system, { escalate: { kind: "urge", stage: "reply", departmentId: "dept-a" } }],
      ["2026-03-23T03:00:00.000Z", handler("dept-a"), reply()],
      [
        "2026-03-23T04:00:00.000Z",
        speaker("dept-a"),
        publish("2026-03-23T03:00:00.000Z"),
        { replyDueAt: "2026-03-20T02:10:00.000Z" },
      ],
      ["2026-03-24T04:00:00.000Z", citizen, { name: "rate", resolution: "not_solved", rating: "dissatisfied" }],
      ["2026-03-24T05:00:00.000Z", citizen, { name: "reopen", reason: "问题依旧存在" }],
      ["2026-03-24T06:00:00.000Z", office, { name: "assign", departmentId: "dept-a", coDepartmentIds: [] }],
      [
        "2026-03-24T07:00:00.000Z",
        handler("dept-a"),
        { name: "acknowledge" },
        { acknowledgeDueAt: "2026-03-25T06:00:00.000Z" },
      ],
      ["2026-03-25T03:00:00.000Z", handler("dept-a"), reply("explained")],
      [
        "2026-03-25T04:00:00.000Z",
        speaker("dept-a"),
        publish("2026-03-25T03:00:00.000Z"),
        { replyDueAt: "2026-04-08T06:00:00.000Z" },
      ],
      ["2026-03-31T15:00:00.000Z", system, { name: "close" }], // 23:00 on 31 March in Beijing: still March
    ]),
    // C: dept-b returns it, the dispatcher reassigns to dept-a, which answers on time; rated partly solved, basically satisfied.
    runCase("C", "2026-03-03T01:00:00.000Z", [
      ["2026-03-03T02:00:00.000Z", office, { name: "accept" }],
      ["2026-03-03T02:10:00.000Z", office, { name: "assign", departmentId: "dept-b", coDepartmentIds: [] }],
      ["2026-03-03T05:00:00.000Z", handler("dept-b"), { name: "returnCase", reason: "不属于本单位职责" }],
      ["2026-03-03T06:00:00.000Z", office, { name: "assign", departmentId: "dept-a", coDepartmentIds: [] }],
      [
        "2026-03-03T07:00:00.000Z",
        handler("dept-a"),
        { name: "acknowledge" },
        { acknowledgeDueAt: "2026-03-04T06:00:00.000Z" },
      ],
      ["2026-03-06T03:00:00.000Z", handler("dept-a"), reply()],
      [
        "2026-03-06T04:00:00.000Z",
        speaker("dept-a"),
        publish("2026-03-06T03:00:00.000Z"),
        { replyDueAt: "2026-03-24T02:10:00.000Z" },
      ],
      [
        "2026-03-07T04:00:00.000Z",
        citizen,
        { name: "rate", resolution: "partly_solved", rating: "basically_satisfied" },
      ],
    ]),
    // D, dept-b: an approved extension; the reply lands after the first deadline but within the extended one.
    runCase("D", "2026-03-02T01:00:00.000Z", [
      ["2026-03-02T02:00:00.000Z", office, { name: "accept" }],
      ["2026-03-02T02:10:00.000Z", office, { name: "assign", departmentId: "dept-b", coDepartmentIds: [] }],
      [
        "2026-03-02T03:00:00.000Z",
        handler("dept-b"),
        { name: "acknowledge" },
        { acknowledgeDueAt: "2026-03-03T02:10:00.000Z" },
      ],
      [
        "2026-03-10T03:00:00.000Z",
        handler("dept-b"),
        { name: "requestExtension", reason: "需要现场勘查", workingDays: 5 },
      ],
      ["2026-03-10T05:00:00.000Z", office, { name: "decideExtension", approved: true }],
      ["2026-03-25T03:00:00.000Z", handler("dept-b"), reply()],
      [
        "2026-03-25T04:00:00.000Z",
        speaker("dept-b"),
        publish("2026-03-25T03:00:00.000Z"),
        { replyDueAt: "2026-03-27T02:10:00.000Z" },
      ],
    ]),
    // E: merged into A as a duplicate before assignment: received, nothing else.
    runCase("E", "2026-03-02T05:00:00.000Z", [
      ["2026-03-02T06:00:00.000Z", office, { name: "accept" }],
      ["2026-03-02T06:10:00.000Z", office, { name: "merge", intoTrackingNo: "TA0000000" }],
    ]),
    // F, dept-b: answered on time, nobody rated it, closed at the end of the window as unrated.
    runCase("F", "2026-03-09T01:00:00.000Z", [
      ["2026-03-09T02:00:00.000Z", office, { name: "accept" }],
      ["2026-03-09T02:10:00.000Z", office, { name: "assign", departmentId: "dept-b", coDepartmentIds: [] }],
      [
        "2026-03-09T03:00:00.000Z",
        handler("dept-b"),
        { name: "acknowledge" },
        { acknowledgeDueAt: "2026-03-10T02:10:00.000Z" },
      ],
      ["2026-03-11T03:00:00.000Z", handler("dept-b"), reply("explained")],
      [
        "2026-03-11T04:00:00.000Z",
        speaker("dept-b"),
        publish("2026-03-11T03:00:00.000Z"),
        { replyDueAt: "2026-03-23T02:10:00.000Z" },
      ],
      ["2026-03-19T04:00:00.000Z", system, { name: "close" }],
    ]),
  ];
}
