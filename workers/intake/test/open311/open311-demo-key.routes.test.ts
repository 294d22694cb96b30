import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { items, post } from "./georeport-client";
import { fields } from "./open311-fixtures";

// `npm start` asks the demo route for the local partner key and prints it (scripts/start.mjs).

const demoKey = (token?: string) =>
  exports.default.fetch("http://intake.test/__demo/partner-key", {
    method: "POST",
    headers: token ? { "x-demo-token": token } : {},
  });

describe("the local demo partner key", () => {
  it("is the same on every call, and posts to Open311", async () => {
    const first = (await (await demoKey("test-demo-token")).json()) as { apiKey: string; revoked: boolean };
    const again = (await (await demoKey("test-demo-token")).json()) as { apiKey: string };
    expect(first.apiKey).toMatch(/^wz_demo_[0-9a-f]{32}$/);
    expect([again.apiKey, first.revoked]).toEqual([first.apiKey, false]);
    const answer = await post("json", fields(first.apiKey));
    expect(answer.status, answer.raw).toBe(201);
    expect(items(answer, "service_requests")).toHaveLength(1);
  });

  it("stays revoked once the admin revoked it, and is not there without the demo token", async () => {
    const { apiKey } = (await (await demoKey("test-demo-token")).json()) as { apiKey: string };
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = 'demo-partner'")
      .bind(new Date().toISOString())
      .run();
    expect(await (await demoKey("test-demo-token")).json()).toMatchObject({ revoked: true });
    expect((await post("json", fields(apiKey))).status).toBe(403);
    expect((await demoKey()).status).toBe(404);
    expect((await demoKey("wrong")).status).toBe(404);
  });
});
