/** `npm run setup -- --env staging|production`: see setup.ts. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { root } from "../platform.ts";
import { wranglerAccount } from "./account.ts";
import { ENVIRONMENTS, type Environment, planFor } from "./plan.ts";
import { type Progress, setup } from "./setup.ts";

const { values } = parseArgs({ options: { env: { type: "string" } } });
const env = values.env as Environment;
if (!ENVIRONMENTS.includes(env)) {
  console.error(`Usage: npm run setup -- --env ${ENVIRONMENTS.join("|")}`);
  process.exit(2);
}
const progressFile = path.join(root, ".wrangler", "setup", `${env}.json`);
const readProgress = (): Progress => {
  try {
    return JSON.parse(readFileSync(progressFile, "utf8")) as Progress;
  } catch {
    return { deployed: [] };
  }
};
try {
  const { changes } = await setup(planFor(env), {
    account: wranglerAccount,
    progress: readProgress(),
    saveProgress: (p) => {
      mkdirSync(path.dirname(progressFile), { recursive: true });
      writeFileSync(progressFile, JSON.stringify(p));
    },
    log: (line) => console.log(line),
  });
  console.log(
    changes === 0 ? `\n${env} was already set up: nothing changed.` : `\n${env} is set up (${changes} changes).`,
  );
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n  Run setup again to resume.`);
  process.exit(1);
}
