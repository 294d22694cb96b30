import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { type Actor, ROLES } from "../../../shared/domain/case-model";
import type { CaseCommand, CaseCommandName } from "../../../shared/domain/commands";
import { PERMISSIONS } from "../../../shared/domain/permissions";
import { SAMPLE_COMMANDS } from "../../../shared/domain/test-fixtures";
import { SUBMISSION, uniqueKey } from "./fixtures";

const OWN = "dept-a";
// Every command runs at the fixed time the sample draft was written, so publishReply names that draft.
const AT = "2026-03-03T00:00:00.000Z";
const office: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };
const handler: Actor = { role: "handler", userId: "h", departmentId: OWN };
const citizen: Actor = { role: "citizen" };

/** The commands that bring a fresh case to where `name` is allowed by the state machine and its guards. */
const SETUP: Record<CaseCommandName, [Actor, CaseCommand][]> = (() => {
  const assigned: [Actor, CaseCommand][] = [
    [office, { name: "accept" }],
    [office, { name: "assign", departmentId: OWN, coDepartmentIds: [] }],
  ];
  const acknowledged: [Actor, CaseCommand][] = [...assigned, [handler, { name: "acknowledge" }]];
  const replied: [Actor, CaseCommand][] = [
    ...acknowledged,
    [handler, SAMPLE_COMMANDS.draftReply],
    [{ role: "spokesperson", userId: "s", departmentId: OWN }, SAMPLE_COMMANDS.publishReply],
  ];
  return {
    accept: [],
    reject: [],
    hold: [],
    merge: [],
    assign: [[office, { name: "accept" }]],
    rejectReturn: [...assigned, [handler, SAMPLE_COMMANDS.returnCase]],
    acknowledge: assigned,
    returnCase: assigned,
    requestExtension: assigned,
    urge: assigned,
    decideExtension: [...assigned, [handler, SAMPLE_COMMANDS.requestExtension]],
    draftReply: acknowledged,
    publishReply: [...acknowledged, [handler, SAMPLE_COMMANDS.draftReply]],
    rate: replied,
    close: [...replied, [citizen, { name: "rate", resolution: "solved", rating: "satisfied" }]],
    reopen: [...replied, [citizen, { name: "rate", resolution: "not_solved", rating: "dissatisfied" }]],
  };
})();

async function caseReadyFor(name: CaseCommandName) {
  const caseId = uniqueKey("matrix");
  const stub = caseRecordStub(env, caseId);
  const submitted = await stub.submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: SUBMISSION,
    now: AT,
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  for (const [actor, command] of SETUP[name]) {
    const r = await stub.execute({ idempotencyKey: uniqueKey(), actor, command, now: AT });
    if (!r.ok) throw new Error(`setup for ${name}: ${command.name} → ${r.error.code}`);
  }
  return stub;
}

describe("the authorization table, enforced by the durable object", () => {
  for (const name of Object.keys(SETUP) as CaseCommandName[]) {
    it(`${name}: every role, own and other department`, async () => {
      for (const role of ROLES) {
        for (const departmentId of [OWN, "dept-b"]) {
          const stub = await caseReadyFor(name);
          const before = (await stub.events()).length;
          const scope = PERMISSIONS[name][role];
          const allowed = scope === "any" || (scope !== undefined && departmentId === OWN);
          const result = await stub.execute({
            idempotencyKey: uniqueKey(),
            actor: { role, userId: `u-${role}`, departmentId },
            command: SAMPLE_COMMANDS[name],
            now: AT,
          });
          const after = (await stub.events()).length;
          expect(result.ok, `${role} in ${departmentId} → ${name}`).toBe(allowed);
          expect(after, `${role} in ${departmentId} → ${name} appended`).toBe(allowed ? before + 1 : before);
        }
      }
    });
  }
});
