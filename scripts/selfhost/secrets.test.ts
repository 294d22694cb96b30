import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureSecrets, secretsFile } from "./secrets.ts";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the self-hosted secrets file", () => {
  it("generates each missing secret once, keeps the ones an operator set, and is readable by its owner only", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "wenzheng-secrets-"));
    writeFileSync(secretsFile(dir), "# set by the IT office\nSESSION_SECRET=chosen-by-hand\n");
    const first = ensureSecrets(dir, ["SESSION_SECRET", "QUERY_CODE_SECRET"]);
    expect(first.SESSION_SECRET).toBe("chosen-by-hand");
    expect(first.QUERY_CODE_SECRET).toMatch(/^[\w-]{43}$/);
    expect(ensureSecrets(dir, ["SESSION_SECRET", "QUERY_CODE_SECRET"])).toEqual(first);
    expect(statSync(secretsFile(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretsFile(dir), "utf8")).toContain(`QUERY_CODE_SECRET=${first.QUERY_CODE_SECRET}`);
  });
});
