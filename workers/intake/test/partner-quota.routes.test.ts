import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import { expectEnvelope, json, postCase } from "./cases-fixtures";
import { freshIp, SUBMISSION, uniqueKey } from "./fixtures";

/** A partner's key with its quota a minute. */
async function partner(quotaPerMinute?: number): Promise<string> {
  const plaintext = `pk_${crypto.randomUUID()}`;
  const id = `quota-${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare("INSERT INTO api_keys (id, partner_name, key_hash, created_at) VALUES (?, ?, ?, ?)")
    .bind(id, "平凉日报", sha256Hex(plaintext), new Date().toISOString())
    .run();
  if (quotaPerMinute !== undefined)
    await env.DB.prepare("UPDATE api_keys SET quota_per_minute = ? WHERE id = ?").bind(quotaPerMinute, id).run();
  return plaintext;
}

/** Quotas count per clock minute: start a test early in one, so it cannot straddle two. */
async function freshMinute(): Promise<void> {
  const second = new Date().getUTCSeconds();
  if (second > 50) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}
const WAIT_FOR_MINUTE_MS = 20_000;

describe("partners are limited per API key, not per address", () => {
  it("a partner's server forwarding many readers' messages is not throttled as one citizen", async () => {
    const apiKey = await partner();
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push(
        (await postCase(json(SUBMISSION), { key: uniqueKey("fwd"), ip, headers: { "x-api-key": apiKey } })).status,
      );
    expect(statuses.every((s) => s === 201)).toBe(true);
    // A citizen from the same address still has their own limit.
    const citizen: number[] = [];
    for (let i = 0; i < 21 && citizen.at(-1) !== 429; i++)
      citizen.push((await postCase(json(SUBMISSION), { key: uniqueKey("citizen"), ip })).status);
    expect(citizen.at(-1)).toBe(429);
  });

  it(
    "refuses over the admin's quota with 429 and Retry-After; replays are answered and spend nothing",
    async () => {
      const apiKey = await partner(2);
      await freshMinute();
      const send = (key: string) =>
        postCase(json(SUBMISSION), { key, ip: freshIp(), headers: { "x-api-key": apiKey } });
      const [a, b, c] = [uniqueKey("q"), uniqueKey("q"), uniqueKey("q")];
      expect((await send(a)).status).toBe(201);
      for (let i = 0; i < 3; i++) expect((await send(a)).status).toBe(200); // replays: no quota spent
      const second = await send(b);
      expect(second.status).toBe(201);
      const over = await send(c);
      await expectEnvelope(over, 429, "quota_exceeded");
      const retryAfter = Number(over.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Over quota, a retry of an accepted submission still gets its receipt.
      const replay = await send(b);
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual(await second.json());
      const used = await env.DB.prepare(
        "SELECT sum(submissions) AS n FROM partner_usage WHERE api_key_id = (SELECT id FROM api_keys WHERE key_hash = ?)",
      )
        .bind(sha256Hex(apiKey))
        .first<{ n: number }>();
      expect(used?.n).toBe(2);
    },
    WAIT_FOR_MINUTE_MS,
  );

  it("a quota of 0 stops the key's submissions without revoking it", async () => {
    const apiKey = await partner(0);
    const res = await postCase(json(SUBMISSION), { key: uniqueKey("zero"), headers: { "x-api-key": apiKey } });
    await expectEnvelope(res, 429, "quota_exceeded");
  });
});
