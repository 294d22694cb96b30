import { describe, expect, it } from "vitest";
import { QUEUE_MAX_RETRIES } from "../../shared/queues/consume.ts";
import { planFor } from "./plan.ts";
import { RehearsalAccount } from "./rehearsal-account.ts";
import { NotSignedIn, type Progress, setup } from "./setup.ts";

const plan = planFor("staging");

async function run(account: RehearsalAccount, progress: Progress) {
  let n = 0;
  return setup(plan, {
    account,
    progress,
    saveProgress: (p) => {
      progress.deployed = p.deployed;
    },
    log: () => {},
    newSecret: () => `secret-${++n}`,
  });
}

describe("npm run setup, rehearsed against an in-memory account", () => {
  it("reads every resource from the configs", () => {
    expect(plan.database).toBe("wenzheng-staging");
    expect(plan.queues).toEqual(expect.arrayContaining(["case-intake-staging", "case-intake-dlq-staging"]));
    expect(plan.queues).toHaveLength(10); // five queues, each with its dead letters
    expect(plan.workers.map((w) => w.name)).toEqual([
      "wenzheng-intake-staging",
      "wenzheng-assignment-staging",
      "wenzheng-deadline-staging",
      "wenzheng-evaluation-staging",
    ]);
  });

  it("every queue consumer retries as often as the consumers expect before burying a message", () => {
    for (const env of ["staging", "production"] as const)
      for (const worker of planFor(env).workers)
        for (const c of worker.consumers.filter((c) => !c.queue.includes("-dlq")))
          expect(`${worker.name} ${c.queue} ${c.maxRetries}`).toBe(`${worker.name} ${c.queue} ${QUEUE_MAX_RETRIES}`);
  });

  it("sets up an empty account, and a second run changes nothing", async () => {
    const account = new RehearsalAccount(plan);
    const progress: Progress = { deployed: [] };
    await run(account, progress);
    const done = account.snapshot();
    expect(done.workers).toEqual([
      ["wenzheng-assignment-staging", true, ["SESSION_SECRET"]],
      ["wenzheng-deadline-staging", true, []],
      ["wenzheng-evaluation-staging", true, []],
      ["wenzheng-intake-staging", true, ["QUERY_CODE_SECRET"]], // with its service bindings in the end
    ]);
    const before = account.changes;
    expect((await run(account, progress)).changes).toBe(0);
    expect(account.changes).toBe(before);
  });

  it("resumes after an interruption at any step and ends in the same state", async () => {
    const whole = new RehearsalAccount(plan);
    await run(whole, { deployed: [] });
    for (let step = 1; step <= whole.changes; step++) {
      const account = new RehearsalAccount(plan, step);
      const progress: Progress = { deployed: [] };
      await expect(run(account, progress)).rejects.toThrow(/interrupted/);
      account.failAt = Number.POSITIVE_INFINITY;
      await run(account, progress);
      expect(account.snapshot(), `interrupted at change ${step}`).toEqual(whole.snapshot());
    }
  });

  it("stops before changing anything when wrangler is not signed in", async () => {
    const account = new RehearsalAccount(plan, Number.POSITIVE_INFINITY, false);
    await expect(run(account, { deployed: [] })).rejects.toThrow(NotSignedIn);
    expect(account.changes).toBe(0);
  });
});
