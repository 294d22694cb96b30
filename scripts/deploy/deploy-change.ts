/**
 * `npm run deploy -- --env staging|production`: a change to an environment `npm run setup` made.
 * Migrations first (new code may read new columns; old code ignores them), then the Workers in
 * setup's order, intake first, because the others call its durable object's methods.
 */
import type { Account } from "../setup/account.ts";
import type { SetupPlan } from "../setup/plan.ts";
import { NotSignedIn } from "../setup/setup.ts";

export async function deployChange(plan: SetupPlan, account: Account, log: (line: string) => void): Promise<void> {
  if (!(await account.whoami())) throw new NotSignedIn();
  for (const worker of plan.workers) {
    if (!(await account.workerExists(worker.name)))
      throw new Error(`${worker.name} does not exist yet: run \`npm run setup -- --env ${plan.env}\` first.`);
    const have = await account.listSecrets(worker.configPath, plan.env);
    const missing = worker.secrets.filter((s) => !have.includes(s));
    if (missing.length > 0)
      throw new Error(`${worker.name} lacks ${missing.join(", ")}: run \`npm run setup -- --env ${plan.env}\` first.`);
  }
  const [host] = plan.workers;
  if (!host) throw new Error("no Workers in the plan");
  await account.applyMigrations(host.configPath, plan.env);
  log("✔ migrations applied");
  for (const worker of plan.workers) {
    await account.deploy(worker.configPath, plan.env);
    log(`✔ ${worker.name} deployed`);
  }
}
