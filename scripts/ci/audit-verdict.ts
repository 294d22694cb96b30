/**
 * Reads `npm audit --json` for CI (scripts/ci/audit.ts). npm exits 1 both when it finds
 * vulnerabilities and when it could not ask at all, so the JSON tells the three outcomes apart:
 * a report (blocking when any package is high or critical), the advisory service out of reach
 * (an HTTP answer from the registry or a network error: the environment, not the code), or any
 * other failure (a missing or broken lockfile: the project's, so it fails the build).
 */
import * as z from "zod";

const Severity = z.enum(["info", "low", "moderate", "high", "critical"]);
type Severity = z.infer<typeof Severity>;

const Advisory = z.object({ title: z.string(), url: z.string(), severity: Severity });
const Vulnerability = z.object({
  name: z.string(),
  severity: Severity,
  /** Advisories against this package, or names of vulnerable packages it depends on. */
  via: z.array(z.union([z.string(), Advisory.loose()])),
  range: z.string().optional(),
  fixAvailable: z.union([
    z.boolean(),
    z.object({ name: z.string(), version: z.string(), isSemVerMajor: z.boolean() }).loose(),
  ]),
});
const Report = z.object({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(z.string(), Vulnerability.loose()),
  metadata: z.object({ vulnerabilities: z.record(z.string(), z.number()) }).loose(),
});
/**
 * npm's JSON error: an HTTP status from the registry (the whole response), a failed request (only
 * a message: "request to … failed, reason: connect ECONNREFUSED …"), or an error code (ENOLOCK …).
 */
const Failure = z.object({
  statusCode: z.number().optional(),
  message: z.string().optional(),
  code: z.string().optional(),
  error: z.object({ code: z.string().optional(), summary: z.string().optional() }).loose().optional(),
});

const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH"]);
const BLOCKING = new Set<Severity>(["high", "critical"]);

export interface Finding {
  name: string;
  severity: Severity;
  advisories: string[];
  /** What `npm audit` offers: within the ranges (`npm audit fix`), a named upgrade, or none. */
  fix: string;
}

export type AuditVerdict =
  | { kind: "report"; blocking: Finding[]; counts: Record<string, number> }
  | { kind: "unavailable"; reason: string }
  | { kind: "error"; reason: string };

export function auditVerdict(stdout: string): AuditVerdict {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { kind: "error", reason: `npm audit printed no JSON: ${stdout.slice(0, 200) || "(nothing)"}` };
  }
  const report = Report.safeParse(json);
  if (report.success) {
    const blocking = Object.values(report.data.vulnerabilities)
      .filter((v) => BLOCKING.has(v.severity))
      .map((v) => ({
        name: v.name,
        severity: v.severity,
        advisories: v.via.map((a) => (typeof a === "string" ? `via ${a}` : `${a.title} (${a.severity}) ${a.url}`)),
        fix: fixOf(v.fixAvailable),
      }));
    return { kind: "report", blocking, counts: report.data.metadata.vulnerabilities };
  }
  const failure = Failure.safeParse(json);
  const f = failure.success ? failure.data : {};
  const reason = f.message ?? f.error?.summary ?? JSON.stringify(json).slice(0, 200);
  const code = f.code ?? f.error?.code;
  const network = [code, ...(f.message?.match(/\bE[A-Z_]+\b/g) ?? [])].some((c) => c && NETWORK_CODES.has(c));
  if (f.statusCode !== undefined || network) return { kind: "unavailable", reason };
  return { kind: "error", reason: code ? `${code}: ${reason}` : reason };
}

function fixOf(fix: z.infer<typeof Vulnerability>["fixAvailable"]): string {
  if (fix === true) return "npm audit fix";
  if (fix === false) return "none";
  return `${fix.name}@${fix.version}${fix.isSemVerMajor ? " (semver-major: npm audit fix --force)" : ""}`;
}
