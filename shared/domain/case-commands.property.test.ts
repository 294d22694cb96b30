/**
 * Property tests over random sequences of case commands from random roles (issue 19): whatever is
 * asked, by whom, in whatever order, the case stays in a legal state, a refused command changes
 * nothing, the state folded event by event equals a rebuild from the stored log, and the chain
 * verifies. Seeded, so a run is reproducible and bounded.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandFor, type Step, stepArbitrary, violations } from "./case-commands.arbitraries";
import { CASE_STATUSES, type CaseState } from "./case-model";
import { decide } from "./decide";
import { DomainError, Forbidden, InvalidTransition } from "./errors";
import { readStoredEvent } from "./event-upcast";
import type { RawStoredEvent, StoredEvent } from "./events";
import { evolve, initialState } from "./evolve";
import { chainEvent, verifyChain } from "./hash-chain";
import { can } from "./permissions";
import { SAMPLE_EVENTS } from "./test-fixtures";
import { TRANSITIONS } from "./transitions";

const START = Date.parse("2026-03-02T01:00:00.000Z");
const sequences = fc.array(stepArbitrary, { minLength: 1, maxLength: 40, size: "max" });
const options = { seed: 19, numRuns: 400 };

interface Outcome {
  step: Step;
  /** The state before the step, as JSON, and after it. */
  before: string;
  after: CaseState;
  error: unknown;
  illegal: string[];
}

/** Runs the steps as the durable object does (decide, chain, evolve), keeping what each did. */
function run(steps: readonly Step[]): { state: CaseState; log: StoredEvent[]; outcomes: Outcome[] } {
  const first = chainEvent(null, {
    caseId: "CASE-P",
    actor: { role: "citizen" },
    at: new Date(START).toISOString(),
    ...SAMPLE_EVENTS["case.submitted"],
  });
  let state = initialState(first);
  const log: StoredEvent[] = [first];
  const outcomes: Outcome[] = [];
  steps.forEach((step, i) => {
    const { actor, command } = commandFor(step, state);
    const now = new Date(START + (i + 1) * 3_600_000).toISOString();
    const before = JSON.stringify(state);
    let error: unknown = null;
    try {
      const decided = decide(state, command, actor, now);
      const head = log[log.length - 1];
      const event = chainEvent(head ? { seq: head.seq, hash: head.hash } : null, {
        caseId: state.caseId,
        actor,
        at: now,
        ...decided,
      });
      log.push(event);
      state = evolve(state, event);
    } catch (e) {
      error = e;
    }
    outcomes.push({ step, before, after: state, error, illegal: violations(state, log) });
  });
  return { state, log, outcomes };
}

/** The log as the durable object stores and reads it back: JSON, then upcast and parsed. */
const stored = (log: readonly StoredEvent[]): RawStoredEvent[] => JSON.parse(JSON.stringify(log));
function rebuild(raw: readonly RawStoredEvent[]): CaseState | null {
  const [first, ...rest] = raw.map(readStoredEvent);
  return first?.type === "case.submitted" ? rest.reduce(evolve, initialState(first)) : null;
}

describe("random command sequences from random roles", () => {
  it("never reach an illegal state", () => {
    fc.assert(
      fc.property(sequences, (steps) => {
        for (const { illegal, after } of run(steps).outcomes) expect(illegal, after.status).toEqual([]);
      }),
      options,
    );
  });

  it("a refused command changes nothing, and is refused for the reason the tables give", () => {
    fc.assert(
      fc.property(sequences, (steps) => {
        for (const { step, error, before, after } of run(steps).outcomes) {
          if (error === null) continue;
          expect(error).toBeInstanceOf(DomainError);
          expect(JSON.stringify(after)).toBe(before);
          const state = JSON.parse(before) as CaseState;
          const { actor, command } = commandFor(step, state);
          if (!can(actor, command.name, state)) expect(error).toBeInstanceOf(Forbidden);
          else if (!TRANSITIONS[command.name].from.includes(state.status))
            expect(error).toBeInstanceOf(InvalidTransition);
        }
      }),
      options,
    );
  });

  it("the state folded event by event equals a rebuild from the stored log, and the chain verifies", () => {
    fc.assert(
      fc.property(sequences, (steps) => {
        const { state, log } = run(steps);
        const raw = stored(log);
        // The snapshot as the object keeps it (JSON) against a rebuild from the log as stored and read back.
        expect(rebuild(raw)).toEqual(JSON.parse(JSON.stringify(state)));
        expect(verifyChain(raw)).toEqual({ ok: true, length: log.length, headHash: log.at(-1)?.hash });
      }),
      options,
    );
  });

  it("an edit to any stored event breaks the chain at that event", () => {
    fc.assert(
      fc.property(sequences, fc.nat(), (steps, n) => {
        const raw = stored(run(steps).log);
        const seq = (n % raw.length) + 1;
        const edited = raw.map((e) => (e.seq === seq ? { ...e, at: "2030-01-01T00:00:00.000Z" } : e));
        expect(verifyChain(edited)).toMatchObject({ ok: false, brokenSeq: seq });
      }),
      { seed: 19, numRuns: 100 },
    );
  });

  it("terminal states stay terminal, and the sequences reach every status (the generator is not too timid)", () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(sequences, (steps) => {
        const statuses = run(steps).outcomes.map((o) => o.after.status);
        for (const s of statuses) reached.add(s);
        const end = statuses.findIndex((s) => s === "rejected" || s === "merged");
        if (end >= 0) expect(new Set(statuses.slice(end))).toEqual(new Set([statuses[end]]));
      }),
      options,
    );
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });
});
