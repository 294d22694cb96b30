import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportItem } from "../../shared/import/import-item.schema";
import { ServerRefusal, ServerUnavailable, type Target } from "./client";
import { FAKE_TOKEN, type FakeServer, startFakeServer } from "./fake-import-server";
import { Journal, journalPath } from "./journal";
import { finishImport, sendItems } from "./send";

const items = (n: number): (ImportItem & { submittedAt: string })[] =>
  Array.from({ length: n }, (_, i) => ({
    messageId: String(1000 + i),
    submittedAt: `2019-01-${String((i % 28) + 1).padStart(2, "0")}T08:00:00+08:00`,
    type: "consult",
    title: `测试留言第${i}号`,
    body: "这是一条为测试写的留言内容，没有真实信息。",
    regionCode: "620802",
  }));

let server: FakeServer;
let root: string;
let target: Target;
const journal = () => new Journal(journalPath(root, "test"));
const send = (list = items(60), extra: Partial<Parameters<typeof sendItems>[0]> = {}) =>
  sendItems({ target, source: "test", items: list, journal: journal(), ...extra });

beforeEach(async () => {
  server = await startFakeServer();
  root = mkdtempSync(path.join(tmpdir(), "import-send-"));
  target = { baseUrl: server.url, token: FAKE_TOKEN, tries: 3, backoffMs: 1 };
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("sending an import", () => {
  it("sends batches of 25 and, run again, skips what the journal holds without a call", async () => {
    const first = await send();
    expect(first).toMatchObject({ imported: 60, already: 0, skipped: 0, refused: [], interrupted: false });
    expect(server.batches).toBe(3);
    expect(first.finishFrom).toBe("2019-01-01T08:00:00+08:00");
    const again = await send();
    expect(again).toMatchObject({ imported: 0, already: 0, skipped: 60 });
    expect(server.batches).toBe(3);
  });

  it("is idempotent on the server: without the journal a second run answers every message already", async () => {
    await send();
    rmSync(journalPath(root, "test"));
    const again = await send();
    expect(again).toMatchObject({ imported: 0, already: 60 });
    expect(server.cases.size).toBe(60);
  });

  it("retries a server that answers 503 twice, then lands everything once", async () => {
    server.failNext = 2;
    const outcome = await send(items(10));
    expect(outcome.imported).toBe(10);
    expect(server.batches).toBe(3);
    expect(server.received).toHaveLength(10);
  });

  it("stops after its tries when the server stays down, keeping the batches already answered", async () => {
    server.onBatch = (n) => {
      if (n === 2) server.failNext = 99;
    };
    await expect(send(items(60), { concurrency: 1 })).rejects.toThrow(ServerUnavailable);
    expect(journal().state.done.size).toBe(25);
  });

  it("does not retry a refused call (bad token)", async () => {
    target = { ...target, token: "wrong" };
    await expect(send(items(5))).rejects.toBeInstanceOf(ServerRefusal);
    expect(server.batches).toBe(0);
  });

  it("sends a batch the server finds invalid one message at a time, so only the bad one is refused", async () => {
    const list = items(5);
    list[2] = { ...(list[2] as ImportItem & { submittedAt: string }), title: "短" };
    const outcome = await send(list);
    expect(outcome.imported).toBe(4);
    expect(outcome.refused).toEqual([
      { messageId: "1002", reason: "validation_failed: The request did not pass validation." },
    ]);
  });

  it("leaves messages the server refused out of the journal, so a re-run offers them again", async () => {
    server.refuse.add("1003");
    const first = await send(items(5));
    expect(first.refused).toEqual([{ messageId: "1003", reason: "department has no spokesperson" }]);
    server.refuse.clear();
    const again = await send(items(5));
    expect(again).toMatchObject({ imported: 1, skipped: 4 });
  });
});

describe("an interrupted import", () => {
  it("finishes the batches in flight on Ctrl-C, and the next run sends only the rest", async () => {
    const stop = new AbortController();
    server.onBatch = (n) => {
      if (n === 2) stop.abort();
    };
    const first = await send(items(100), { concurrency: 1, signal: stop.signal });
    expect(first).toMatchObject({ imported: 50, interrupted: true });
    server.onBatch = undefined;
    const sentBefore = server.received.length;
    const resumed = await send(items(100));
    expect(resumed).toMatchObject({ imported: 50, skipped: 50, interrupted: false });
    expect(server.received.slice(sentBefore)).toEqual(
      items(100)
        .slice(50)
        .map((i) => i.messageId),
    );
    expect(server.cases.size).toBe(100);
  });

  it("a batch the server answered but the journal never recorded (killed in between) comes back already, not twice", async () => {
    await send(items(50));
    const file = journalPath(root, "test");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    writeFileSync(file, `${lines.slice(0, 25).join("\n")}\n`);
    const resumed = await send(items(50));
    expect(resumed).toMatchObject({ imported: 0, already: 25, skipped: 25 });
    expect(server.cases.size).toBe(50);
  });

  it("tells the server to finish from the earliest message answered since the last finish", async () => {
    const j = journal();
    const list = items(28).reverse();
    const outcome = await sendItems({ target, source: "test", items: list.slice(0, 10), journal: j });
    expect(outcome.finishFrom).toBe("2019-01-19T08:00:00+08:00");
    // Interrupted before finishing: the next run's finish still covers the first run's messages.
    const next = await sendItems({ target, source: "test", items: list, journal: journal() });
    expect(next.finishFrom).toBe("2019-01-01T08:00:00+08:00");
    await finishImport(target, journal(), next.finishFrom ?? "");
    expect(server.finished).toEqual(["2019-01-01T08:00:00+08:00"]);
    expect(journal().state.unfinishedFrom).toBeNull();
    const nothingNew = await sendItems({ target, source: "test", items: list, journal: journal() });
    expect(nothingNew.finishFrom).toBeNull();
  });
});
