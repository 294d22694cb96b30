import { describe, expect, it } from "vitest";
import { planFor } from "../setup/plan.ts";
import { RehearsalAccount } from "../setup/rehearsal-account.ts";
import { setup } from "../setup/setup.ts";
import { deployChange } from "./deploy-change.ts";

const plan = planFor("production");
const names = plan.workers.map((w) => w.name);

async function setUp(account: RehearsalAccount) {
  await setup(plan, { account, progress: { deployed: [] }, saveProgress: () => {}, log: () => {} });
  account.calls = [];
}

describe("npm run deploy -- --env, rehearsed", () => {
  it("applies the migrations first, then deploys intake and the rest in order", async () => {
    const account = new RehearsalAccount(plan);
    await setUp(account);
    await deployChange(plan, account, () => {});
    expect(account.calls).toEqual(["migrations", ...names]);
  });

  it("refuses an environment setup has not made, before changing anything", async () => {
    const account = new RehearsalAccount(plan);
    await expect(deployChange(plan, account, () => {})).rejects.toThrow(/npm run setup -- --env production/);
    expect(account.calls).toEqual([]);
  });
});
