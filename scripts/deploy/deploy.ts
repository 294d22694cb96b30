/**
 * `npm run deploy -- --env staging|production`: migrations, then the four Workers (deploy-change.ts).
 * `npm run deploy -- --dry-run [--env …] [--plan free|paid]`: build and size-check only (dry-run.ts).
 */
import { parseArgs } from "node:util";
import { wranglerAccount } from "../setup/account.ts";
import { type Environment, planFor } from "../setup/plan.ts";
import { deployChange } from "./deploy-change.ts";
import { dryRun, type Plan, SIZE_LIMITS } from "./dry-run.ts";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    plan: { type: "string", default: "free" },
  },
});

function fail(message: string): never {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

const plan = values.plan;
if (plan !== "free" && plan !== "paid") fail(`--plan must be free or paid, got "${plan}".`);
if (values.env !== undefined && values.env !== "staging" && values.env !== "production")
  fail(`--env must be staging or production, got "${values.env}".`);

if (values["dry-run"]) {
  const sizes = await dryRun(values.env, plan as Plan);
  const over = sizes.filter((s) => s.gzipBytes > SIZE_LIMITS[plan as Plan]);
  if (over.length > 0) fail(`${over.map((s) => s.worker).join(", ")} over Cloudflare's ${plan}-plan size limit.`);
  console.log("\n✔ All four bundles build and fit.");
} else if (values.env === undefined) {
  fail("Deploying needs --env staging|production (after `npm run setup -- --env …` once); --dry-run builds only.");
} else {
  try {
    await deployChange(planFor(values.env as Environment), wranglerAccount, (line) => console.log(line));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
