import { describe, expect, it } from "vitest";
import { auditVerdict } from "./audit-verdict.ts";

const counts = (high = 0, critical = 0, moderate = 0) => ({
  info: 0,
  low: 0,
  moderate,
  high,
  critical,
  total: high + critical + moderate,
});

/** The shape of npm 11's `npm audit --json` report (auditReportVersion 2). */
function report(vulnerabilities: Record<string, unknown>, metadata = counts()) {
  return JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: metadata } });
}

const advisory = (severity: string) => ({
  source: 1,
  name: "pkg",
  dependency: "pkg",
  title: "Prototype pollution",
  url: "https://github.com/advisories/GHSA-xxxx",
  severity,
  range: "<1.2.3",
});

describe("auditVerdict", () => {
  it("passes a clean report", () => {
    expect(auditVerdict(report({}))).toEqual({ kind: "report", blocking: [], counts: counts() });
  });

  it("does not block on moderate advisories", () => {
    const v = auditVerdict(
      report(
        { pkg: { name: "pkg", severity: "moderate", via: [advisory("moderate")], fixAvailable: true } },
        counts(0, 0, 1),
      ),
    );
    expect(v).toMatchObject({ kind: "report", blocking: [] });
  });

  it("blocks on high and critical, naming the advisory and the fix on offer", () => {
    const v = auditVerdict(
      report(
        {
          pkg: { name: "pkg", severity: "high", via: [advisory("high")], fixAvailable: true, isDirect: true },
          outer: {
            name: "outer",
            severity: "critical",
            via: ["pkg"],
            fixAvailable: { name: "outer", version: "3.0.0", isSemVerMajor: true },
          },
          quiet: { name: "quiet", severity: "low", via: [advisory("low")], fixAvailable: false },
        },
        counts(1, 1),
      ),
    );
    expect(v).toEqual({
      kind: "report",
      counts: counts(1, 1),
      blocking: [
        {
          name: "pkg",
          severity: "high",
          advisories: ["Prototype pollution (high) https://github.com/advisories/GHSA-xxxx"],
          fix: "npm audit fix",
        },
        {
          name: "outer",
          severity: "critical",
          advisories: ["via pkg"],
          fix: "outer@3.0.0 (semver-major: npm audit fix --force)",
        },
      ],
    });
  });

  it("calls an HTTP answer from the registry unavailable (a mirror answering 405 to the POST, as seen here)", () => {
    const v = auditVerdict(
      JSON.stringify({
        message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
        method: "POST",
        statusCode: 405,
        body: "",
        error: { summary: "", detail: "" },
      }),
    );
    expect(v).toEqual({
      kind: "unavailable",
      reason: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
    });
  });

  it("calls a failed request unavailable", () => {
    const message =
      "request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9";
    expect(auditVerdict(JSON.stringify({ message, error: { summary: "", detail: "" } }))).toEqual({
      kind: "unavailable",
      reason: message,
    });
  });

  it("fails on the project's own errors and on output that is not JSON", () => {
    const noLock = { error: { code: "ENOLOCK", summary: "This command requires an existing lockfile.", detail: "" } };
    expect(auditVerdict(JSON.stringify(noLock))).toEqual({
      kind: "error",
      reason: "ENOLOCK: This command requires an existing lockfile.",
    });
    expect(auditVerdict("")).toMatchObject({ kind: "error" });
  });
});
