/**
 * CI's dependency audit (.ci/run): `npm audit` over every dependency, dev ones included (they run
 * the tests, the build and the deploy, with the deploy's credentials). Fails on any high or critical
 * advisory, and on an audit that could not run for the project's own reasons (no lockfile). When
 * the registry's advisory service cannot be reached — a read-only mirror answers 405 to npm's POST,
 * as on the machines this was written on — it says so in a warning that names what was not checked
 * and passes, unless AUDIT_REQUIRED=1 asks for that to fail too.
 */
import { spawnSync } from "node:child_process";
import { auditVerdict } from "./audit-verdict.ts";

const run = spawnSync("npm", ["audit", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const verdict = auditVerdict(run.stdout ?? "");

switch (verdict.kind) {
  case "report": {
    const counts = Object.entries(verdict.counts)
      .filter(([severity, n]) => severity !== "total" && n > 0)
      .map(([severity, n]) => `${n} ${severity}`);
    console.log(`npm audit: ${counts.length ? counts.join(", ") : "no known vulnerabilities"}.`);
    if (verdict.blocking.length === 0) process.exit(0);
    console.error(`npm audit: ${verdict.blocking.length} package(s) with high or critical advisories:`);
    for (const f of verdict.blocking) {
      console.error(`  ${f.name} (${f.severity}) — fix: ${f.fix}`);
      for (const a of f.advisories) console.error(`    ${a}`);
    }
    process.exit(1);
    break;
  }
  case "unavailable": {
    const required = process.env.AUDIT_REQUIRED === "1";
    console.error(
      `${required ? "ERROR" : "WARNING"}: npm audit DID NOT RUN: the registry's advisory service is out of reach (${verdict.reason}). ` +
        "No dependency was checked for known vulnerabilities in this build." +
        (required ? "" : " Set AUDIT_REQUIRED=1 to fail the build on this."),
    );
    process.exit(required ? 1 : 0);
    break;
  }
  case "error":
    console.error(`npm audit failed: ${verdict.reason}`);
    process.exit(1);
}
