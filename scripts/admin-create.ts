/**
 * `npm run admin:create -- --env local|staging|production|selfhost [--username admin] [--name "平台管理员"]`:
 * the first admin of a new environment, at the city's platform office, with a one-time password
 * printed once here and nowhere else; the console asks for a new password at the first sign-in.
 * Refuses a username that exists, and an environment without a city loaded (no platform office).
 */
import { parseArgs } from "node:util";
import { hashPassword, oneTimePassword } from "../shared/auth/password";
import { auditSql } from "../shared/db/audit-sql";
import { sqlLiteral } from "../shared/db/sql-literal";
import { d1Query, SCRIPT_ENVIRONMENTS } from "./d1-execute.ts";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    username: { type: "string", default: "admin" },
    name: { type: "string", default: "平台管理员" },
  },
});
if (!(SCRIPT_ENVIRONMENTS as readonly string[]).includes(values.env ?? "")) {
  console.error(
    'Usage: npm run admin:create -- --env local|staging|production|selfhost [--username admin] [--name "平台管理员"]',
  );
  process.exit(2);
}
if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(values.username)) {
  console.error("✖ A username is 3–64 lower-case letters, digits, dots, hyphens or underscores.");
  process.exit(2);
}
const env = values.env ?? "";

const [office] = await d1Query(env, "SELECT id FROM departments WHERE kind = 'office' LIMIT 1");
if (!office) {
  console.error(
    `✖ No platform office in ${values.env}: load the city first (npm run city -- --file … --env ${values.env}).`,
  );
  process.exit(1);
}
if ((await d1Query(env, `SELECT 1 FROM users WHERE username = ${sqlLiteral(values.username)}`)).length > 0) {
  console.error(`✖ ${values.username} exists already in ${values.env}: nothing changed.`);
  process.exit(1);
}
const oneTime = oneTimePassword();
const hash = await hashPassword(oneTime);
const id = crypto.randomUUID();
const at = new Date().toISOString();
const account = { username: values.username, displayName: values.name, role: "admin", departmentId: String(office.id) };
// The account and its audit record, sent as one command.
await d1Query(
  env,
  [
    `INSERT INTO users (id, username, display_name, role, department_id, password_hash, password_change_required) VALUES (${[
      id,
      account.username,
      account.displayName,
      account.role,
      account.departmentId,
      hash,
    ]
      .map(sqlLiteral)
      .join(", ")}, 1)`,
    auditSql({
      id: `${at}-${id}`,
      at,
      actor: "npm run admin:create",
      action: "user.create",
      entity: "user",
      entityId: id,
      after: { id, ...account, passwordChangeRequired: true },
    }),
  ].join("; "),
);
console.log(`✔ ${values.username} created in ${values.env} at ${String(office.id)}.`);
console.log(`  One-time password (shown this once): ${oneTime}`);
console.log("  Sign in at /console/login; the console asks for a new password first.");
