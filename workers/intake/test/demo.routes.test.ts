import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError } from "../../../shared/http/errors";
import { demo } from "../src/demo/demo.routes";

/** The test config binds DEMO_SEED_TOKEN as a local `.dev.vars` would; a deployed Worker has none. */
const LOCAL_TOKEN = "test-demo-token";

/** The module as index.ts mounts it, with the bindings of the Worker it runs in. */
const mounted = new Hono().route("/__demo", demo).onError(onError);
const call = (path: string, init: RequestInit, bindings: object = env) =>
  mounted.request(`http://intake.test${path}`, init, bindings);
const seed = (headers: Record<string, string>, bindings?: object) =>
  call(
    "/__demo/seed",
    { method: "POST", body: "{}", headers: { "content-type": "application/json", ...headers } },
    bindings,
  );

describe("the demo seed outside local development", () => {
  const deployed = { ...env, DEMO_SEED_TOKEN: undefined };

  it("answers 404 to every request, whatever token it bears, before reading the body", async () => {
    const attempts: Record<string, string>[] = [{}, { "x-demo-token": LOCAL_TOKEN }, { "x-demo-token": "" }];
    for (const headers of attempts) {
      const res = await seed(headers, deployed);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such resource." } });
    }
    expect((await call("/__demo/anything", { method: "GET" }, deployed)).status).toBe(404);
  });

  it("answers 404 locally too without the right token", async () => {
    expect((await seed({})).status).toBe(404);
    expect((await seed({ "x-demo-token": "guess" })).status).toBe(404);
  });

  it("is there locally with the token: a malformed request is refused by its schema", async () => {
    const res = await seed({ "x-demo-token": LOCAL_TOKEN });
    expect(res.status).toBe(400);
  });
});
