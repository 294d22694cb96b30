import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError } from "../../../shared/http/errors";
import { demo } from "../src/demo/demo.routes";

/** The tests run with the top-level (local) config and bind DEMO_SEED_TOKEN as a local `.dev.vars` would. */
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
  it("answers 404 to every request in staging and production, even with the token set and borne", async () => {
    for (const WENZHENG_ENV of ["staging", "production"]) {
      const deployed = { ...env, WENZHENG_ENV };
      const attempts: Record<string, string>[] = [{}, { "x-demo-token": LOCAL_TOKEN }];
      for (const headers of attempts) {
        const res = await seed(headers, deployed);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such resource." } });
      }
      expect((await call("/__demo/anything", { method: "GET" }, deployed)).status).toBe(404);
    }
  });

  it("answers 404 locally without the token set", async () => {
    const unset = { ...env, DEMO_SEED_TOKEN: undefined };
    expect((await seed({ "x-demo-token": LOCAL_TOKEN }, unset)).status).toBe(404);
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
