/**
 * `npm run setup -- --env staging|production`: everything an environment needs, created in order,
 * each step skipped when the account already has its result — so an interrupted run resumes where
 * it stopped and a second run changes nothing.
 *
 *   1. the D1 database; 2. every queue and dead-letter queue; 3. the migrations (D1 remembers which
 *   ran); 4. the Workers, intake first (the others bind its durable object class), each deployed
 *   with the secrets it lacks, generated here and never printed. Intake calls assignment and
 *   evaluation through service bindings, which cannot point at Workers that do not exist yet: on an
 *   empty account it is deployed once without them, then again with them once the others are up.
 */
import { randomBytes } from "node:crypto";
import type { Account } from "./account.ts";
import type { SetupPlan, WorkerPlan } from "./plan.ts";

/** What setup remembers between runs: the Workers deployed with their full config. */
export interface Progress {
  deployed: string[];
}

export interface SetupIo {
  account: Account;
  progress: Progress;
  saveProgress(progress: Progress): void;
  log(line: string): void;
  /** A new secret value (random by default; tests pass a counter). */
  newSecret?(): string;
}

export class NotSignedIn extends Error {
  /** `command`: what to run again once signed in. */
  constructor(command = "setup") {
    super(
      `wrangler is not signed in to a Cloudflare account: run \`npx wrangler login\` (or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID), then run ${command} again.`,
    );
  }
}

export async function setup(plan: SetupPlan, io: SetupIo): Promise<{ changes: number }> {
  const { account, log } = io;
  const who = await account.whoami();
  if (!who) throw new NotSignedIn();
  log(`Signed in as ${who}; setting up ${plan.env}.`);
  let changes = 0;

  if ((await account.listDatabases()).includes(plan.database)) log(`✔ D1 database ${plan.database}`);
  else {
    await account.createDatabase(plan.database);
    changes++;
    log(`+ D1 database ${plan.database} created`);
  }

  for (const queue of plan.queues) {
    if (await account.queueExists(queue)) continue;
    await account.createQueue(queue);
    changes++;
    log(`+ queue ${queue} created`);
  }
  log(`✔ ${plan.queues.length} queues`);

  const [host] = plan.workers;
  if (!host) throw new Error("no Workers in the plan");
  await account.applyMigrations(host.configPath, plan.env);
  log("✔ migrations applied");

  const deployed = new Set(io.progress.deployed);
  const record = (name: string) => {
    deployed.add(name);
    io.saveProgress({ deployed: [...deployed] });
  };
  const deployWorker = async (worker: WorkerPlan, withoutServices: boolean) => {
    const exists = await account.workerExists(worker.name);
    const have = exists ? await account.listSecrets(worker.configPath, plan.env) : [];
    const missing = worker.secrets.filter((s) => !have.includes(s));
    if (exists && missing.length === 0 && deployed.has(worker.name) && !withoutServices) return;
    const secrets = Object.fromEntries(missing.map((s) => [s, io.newSecret?.() ?? randomBytes(32).toString("hex")]));
    await account.deploy(worker.configPath, plan.env, { secrets, withoutServices });
    changes++;
    const note = missing.length > 0 ? ` with new ${missing.join(", ")}` : "";
    log(`+ ${worker.name} deployed${withoutServices ? " (without its service bindings, for now)" : ""}${note}`);
    if (!withoutServices) record(worker.name);
  };

  const pending: WorkerPlan[] = [];
  for (const worker of plan.workers) {
    const targetsMissing = await Promise.all(worker.services.map(async (s) => !(await account.workerExists(s))));
    if (targetsMissing.some(Boolean)) {
      await deployWorker(worker, true);
      pending.push(worker);
    } else await deployWorker(worker, false);
  }
  for (const worker of pending) await deployWorker(worker, false);
  log(`✔ ${plan.workers.length} Workers deployed`);
  return { changes };
}
