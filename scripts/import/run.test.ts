import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ImportArgs, parseImportArgs } from "./args";
import { FAKE_TOKEN, type FakeServer, startFakeServer } from "./fake-import-server";
import { runImport } from "./run";

const dir = import.meta.dirname;
const fixture = (name: string) => path.join(dir, "fixtures", name);
const mapping = path.join(dir, "mappings/tipdm-pingliang.yaml");

let server: FakeServer;
let root: string;
let out: string[];
let err: string;

const args = (argv: string[]): ImportArgs => {
  const parsed = parseImportArgs(argv);
  if (!("file" in parsed)) throw new Error(`bad test arguments: ${JSON.stringify(parsed)}`);
  return parsed;
};
const tipdm = [
  "--format",
  "tipdm",
  "--mapping",
  mapping,
  "--file",
  fixture("tipdm-votes.csv"),
  "--file",
  fixture("tipdm-replies.csv"),
];
const run = (argv: string[], env: Record<string, string> = {}) =>
  runImport({
    args: args([...argv, "--url", server.url]),
    root,
    env,
    out: (line) => out.push(line),
    err: (text) => {
      err += text;
    },
    tty: false,
    now: Date.parse("2026-12-01T00:00:00Z"),
    retry: { tries: 2, backoffMs: 1 },
  });
const filesUnder = (d: string): string[] =>
  readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(d, path.join(e.parentPath, e.name)))
    .sort();

beforeEach(async () => {
  server = await startFakeServer();
  root = mkdtempSync(path.join(tmpdir(), "import-run-"));
  out = [];
  err = "";
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("npm run import", () => {
  it("imports a tipdm file pair, reports refusals by reason, then finishes from the earliest message", async () => {
    writeFileSync(path.join(root, ".dev.vars"), `IMPORT_TOKEN="${FAKE_TOKEN}"\n`);
    expect(await run(tipdm)).toBe(0);
    expect(server.cases.size).toBe(5);
    expect(out).toContain("imported          5");
    expect(out.join("\n")).toMatch(/refused\s+7\n\s+4\s+bad time/);
    expect(server.finished).toEqual(["2018-10-09T14:30:00+08:00"]);
    const refusals = readFileSync(path.join(root, ".wrangler/import/tipdm-refusals.csv"), "utf8");
    expect(refusals.split("\n")[0]).toBe("file,row,message_id,reason,detail");
    expect(refusals).toMatch(/tipdm-votes\.csv,4,9003,bad_time,/);
    expect(refusals).not.toMatch(/城关镇/);
    expect(err).toMatch(/5\/5 · \d+\/s · ETA/);

    out = [];
    expect(await run(tipdm)).toBe(0);
    expect(out).toContain("already imported  5 (5 skipped from the journal without a call)");
    expect(server.received).toHaveLength(5);
    expect(server.finished).toHaveLength(1);
  });

  it("a dry run sends nothing and writes nothing but the refusals file", async () => {
    writeFileSync(path.join(root, ".dev.vars"), `IMPORT_TOKEN="${FAKE_TOKEN}"\n`);
    expect(await run([...tipdm, "--dry-run"])).toBe(0);
    expect(server.batches).toBe(0);
    expect(server.finished).toEqual([]);
    expect(filesUnder(root)).toEqual([".dev.vars", path.join(".wrangler", "import", "tipdm-refusals.csv")]);
    const text = out.join("\n");
    expect(text).toMatch(/importable\s+5/);
    expect(text).toMatch(/month +U1/);
    expect(text).toMatch(/pl-housing: under 10 in \d+ of \d+ months/);
    expect(text).not.toMatch(/Could not check references/);
  });

  it("a dry run without a server still checks the rows and says it could not check references", async () => {
    expect(await run([...tipdm, "--dry-run"])).toBe(0);
    expect(out.join("\n")).toMatch(/Could not check references .*No IMPORT_TOKEN/);
    expect(out.join("\n")).toMatch(/importable\s+5/);
    await server.close();
    writeFileSync(path.join(root, ".dev.vars"), `IMPORT_TOKEN="${FAKE_TOKEN}"\n`);
    out = [];
    expect(await run([...tipdm, "--dry-run"])).toBe(0);
    expect(out.join("\n")).toMatch(
      /Could not check references against http:\/\/127\.0\.0\.1:\d+ \(.*\): rows are checked on their own/,
    );
    server = await startFakeServer();
  });

  it("lists what the server refused, by row, in the summary and the refusals file", async () => {
    writeFileSync(path.join(root, ".dev.vars"), `IMPORT_TOKEN="${FAKE_TOKEN}"\n`);
    server.refuse.add("8004");
    expect(await run(tipdm)).toBe(0);
    expect(out).toContain("refused by server 1");
    expect(out.join("\n")).toMatch(/tipdm-replies\.csv row 5 \(8004\): department has no spokesperson/);
    const refusals = readFileSync(path.join(root, ".wrangler/import/tipdm-refusals.csv"), "utf8");
    expect(refusals).toMatch(/tipdm-replies\.csv,5,8004,server_refused,department has no spokesperson/);
  });

  it("imports a wenzheng file with references checked against the server first", async () => {
    const argv = [
      "--format",
      "wenzheng",
      "--mapping",
      fixture("mapping.yaml"),
      "--file",
      fixture("wenzheng.json"),
      "--env",
      "staging",
    ];
    expect(await run(argv, { IMPORT_TOKEN: FAKE_TOKEN })).toBe(0);
    expect([...server.cases.keys()]).toEqual(["test-board:LB-2024-0001", "test-board:LB-2024-0002"]);
  });

  it("says why the server refused the token", async () => {
    writeFileSync(path.join(root, ".dev.vars"), 'IMPORT_TOKEN="not-the-token"\n');
    expect(await run(tipdm)).toBe(1);
    expect(err).toMatch(/Cannot import: .*bad token; the token does not match the intake Worker's IMPORT_TOKEN/);
    expect(server.batches).toBe(0);
  });

  it("refuses to import without a token, naming where it looks", async () => {
    expect(await run(tipdm)).toBe(2);
    expect(err).toMatch(/No IMPORT_TOKEN in .*\.dev\.vars/);
    err = "";
    expect(await run([...tipdm, "--env", "production"])).toBe(2);
    expect(err).toMatch(/--env production needs IMPORT_TOKEN in the environment/);
    expect(server.batches).toBe(0);
  });
});

describe("arguments", () => {
  it("names what is missing", () => {
    expect(parseImportArgs(["--format", "tipdm", "--file", "a.csv"])).toEqual({
      error: "--format tipdm needs --mapping (places and departments)",
    });
    expect(parseImportArgs(["--format", "csv", "--file", "a.csv", "--source", "x"])).toEqual({
      error: "--format is tipdm or wenzheng",
    });
    expect(parseImportArgs(["--format", "wenzheng", "--source", "x"])).toEqual({ error: "give at least one --file" });
    expect(parseImportArgs(["--format", "wenzheng", "--file", "a", "--source", "x", "--env", "staging"])).toEqual({
      error: "--env staging/production needs --url",
    });
    expect("error" in parseImportArgs(["--bogus"])).toBe(true);
  });
});
