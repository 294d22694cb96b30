import { execFileSync, spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRepliesArgs } from "./args";
import { auc, evaluateReplies } from "./evaluate";
import { readReplies } from "./rows";
import { scoreRows, scoreTable } from "./score-rows";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(import.meta.dirname, "fixtures", "tipdm-replies.csv");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", "replies", script), ...args], { encoding: "utf8" });

describe("replies:score", () => {
  it("reads the padded, quoted, multi-line cells of a tipdm export and never its user names", () => {
    const { rows, skipped } = readReplies(FIXTURE, "tipdm");
    expect(rows.map((r) => r.id)).toEqual(["5001", "5002", "5003", "5004", "5005"]);
    expect(skipped).toEqual([]);
    expect(rows[0]?.reply).toContain("\n\t\t\t\t\t区城管局已于3月15日");
    expect(rows[3]?.body).toContain('"自来水公司"');
    expect(JSON.stringify(rows)).not.toMatch(/U00001\d\d/);
  });

  it("scores every row: the real answers pass, 已收悉 and the title-echo template are flagged", () => {
    const scored = scoreRows(readReplies(FIXTURE, "tipdm").rows);
    expect(scored.map((s) => s.id)).toEqual(["5001", "5002", "5003", "5004", "5005"]);
    const byId = new Map(scored.map((s) => [s.id, s]));
    for (const id of ["5001", "5003", "5005"]) {
      expect(byId.get(id)?.flags).toEqual([]);
      expect(byId.get(id)?.score).toBeGreaterThan(0.8);
    }
    expect(byId.get("5002")).toEqual({ id: "5002", score: expect.any(Number), flags: ["boilerplate", "no_outcome"] });
    expect(byId.get("5002")?.score).toBeLessThan(0.05);
    expect(byId.get("5004")?.flags).toEqual(["boilerplate", "no_outcome"]);
  });

  it("prints [{ id, score, flags }] with --json, a table without, and refuses what it cannot read", () => {
    const json = run("score.ts", ["--file", FIXTURE, "--format", "tipdm", "--json"]);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout) as unknown[];
    expect(out).toHaveLength(5);
    expect(out[1]).toEqual({ id: "5002", score: expect.any(Number), flags: ["boilerplate", "no_outcome"] });
    for (const item of out) expect(Object.keys(item as object).sort()).toEqual(["flags", "id", "score"]);

    const table = run("score.ts", ["--file", FIXTURE]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/5002\s+0\.0\d\s+boilerplate,no_outcome\s+咨询静宁县/);
    expect(table.stdout).toContain("5 replies, 2 flagged");

    const votes = run("score.ts", ["--file", path.join(ROOT, "scripts/import/fixtures/tipdm-votes.csv")]);
    expect(votes.status).toBe(1);
    expect(votes.stderr).toMatch(/no replies in this file \(答复意见 column\)/);
    expect(parseRepliesArgs(["--file", FIXTURE, "--format", "csv"])).toEqual({
      error: "--format is tipdm or wenzheng",
    });
    expect(parseRepliesArgs(["--fil", FIXTURE])).toHaveProperty("error");
    expect(() => readReplies("/nonexistent.csv", "tipdm")).toThrow(/no such file/);
  });

  it("skips a broken record and says which", () => {
    const file = path.join(tmpdir(), `replies-${process.pid}.csv`);
    writeFileSync(
      file,
      "留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间\n1,U,路灯不亮,2026/3/2 8:00,路灯坏了,已收悉,2026/3/3 8:00\n2,U,only\n",
    );
    const { rows, skipped } = readReplies(file, "tipdm");
    rmSync(file);
    expect(rows.map((r) => r.id)).toEqual(["1"]);
    expect(skipped).toEqual([{ row: 3, problem: "3 cells where the header has 7" }]);
    expect(scoreTable(rows, scoreRows(rows)).at(-1)).toBe("1 replies, 1 flagged");
  });
});

describe("replies:eval", () => {
  it("computes the AUC of Mann-Whitney with ties counting half", () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1], [2])).toBe(0);
    expect(auc([1, 2], [1, 2])).toBe(0.5);
    expect(auc([2, 2], [1, 2])).toBe(0.75);
  });

  it("separates each message's own reply from its most similar neighbour's, and splits short from long", () => {
    const e = evaluateReplies(readReplies(FIXTURE, "tipdm").rows);
    expect(e.replies).toBe(5);
    expect(e.auc).toBeGreaterThan(0.8);
    expect(e.short.n + e.long.n).toBe(5);
    expect(e.short).toMatchObject({ n: 1, rates: { boilerplate: 1, no_outcome: 1, any: 1 } });
    expect(e.swapped.rates.any).toBe(1);
  });

  it("prints the figures as JSON for a given file", () => {
    const out = execFileSync(
      process.execPath,
      [TSX, path.join(ROOT, "scripts/replies/eval.ts"), "--file", FIXTURE, "--json"],
      {
        encoding: "utf8",
      },
    );
    expect(JSON.parse(out)).toMatchObject({ file: "tipdm-replies.csv", replies: 5, short: { n: 1 }, long: { n: 4 } });
  });
});
