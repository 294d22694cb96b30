import { describe, expect, it } from "vitest";
import { databaseIdOf, parseRebuildArgs, progressLine, remoteD1Config, UsageError } from "./rollups-options.ts";

const root = "/repo";

describe("rollups:rebuild arguments", () => {
  it("defaults to replacing the local database's rollups", () => {
    expect(parseRebuildArgs([], root)).toEqual({ env: "local", dryRun: false, persistTo: "/repo/.wrangler/state" });
  });

  it("takes an environment, --dry-run and a local --persist-to", () => {
    expect(parseRebuildArgs(["--env", "production", "--dry-run"], root)).toMatchObject({
      env: "production",
      dryRun: true,
    });
    expect(parseRebuildArgs(["--persist-to", "tmp/state"], root).persistTo).toBe("/repo/tmp/state");
  });

  it("refuses an unknown environment, --persist-to for a remote one, and the old --write", () => {
    expect(() => parseRebuildArgs(["--env", "prod"], root)).toThrow(/--env must be local, staging or production/);
    expect(() => parseRebuildArgs(["--env", "staging", "--persist-to", "x"], root)).toThrow(/local database only/);
    expect(() => parseRebuildArgs(["--write"], root)).toThrow(UsageError);
    expect(() => parseRebuildArgs(["--write"], root)).toThrow(/replacing is the default/);
  });
});

describe("rollups:rebuild remote binding", () => {
  it("is a config with only the D1 binding, marked remote, with the account's id", () => {
    const config = remoteD1Config({
      name: "wenzheng-evaluation-staging",
      compatibilityDate: "2026-10-15",
      databaseName: "wenzheng-staging",
      databaseId: "d1-uuid",
    });
    expect(config).toEqual({
      name: "wenzheng-evaluation-staging",
      compatibility_date: "2026-10-15",
      d1_databases: [{ binding: "DB", database_name: "wenzheng-staging", database_id: "d1-uuid", remote: true }],
    });
  });

  it("finds the database's id by name, or says to run setup", () => {
    const list = [
      { name: "wenzheng-staging", uuid: "s-1" },
      { name: "wenzheng-production", uuid: "p-1" },
    ];
    expect(databaseIdOf(list, "wenzheng-production", "production")).toBe("p-1");
    expect(() => databaseIdOf([], "wenzheng-staging", "staging")).toThrow("npm run setup -- --env staging");
  });

  it("prints progress one line per page, or in place on a terminal", () => {
    expect(progressLine({ cases: 500, events: 4210 }, false)).toBe("… 500 cases, 4210 events read\n");
    expect(progressLine({ cases: 500, events: 4210 }, true)).toBe("\r… 500 cases, 4210 events read");
  });
});
