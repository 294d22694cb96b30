import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../../shared/http/body-limit";
import { app } from "../src/app";

/** Every console form, as registered (a wildcard is middleware): a form added later is walked too. */
const forms = [...new Set(app.routes.filter((r) => r.method === "POST" && !r.path.endsWith("*")).map((r) => r.path))];

describe("body limits on the console", () => {
  it("walks every form, sign-in included", () => {
    expect(forms.length).toBeGreaterThan(20);
    expect(forms).toEqual(expect.arrayContaining(["/console/login", "/console/profile", "/console/password"]));
  });

  it.each(forms)(
    "POST %s refuses a body over 64 KB before the session, the CSRF token or the form is read",
    async (path) => {
      const res = await app.request(
        `http://console.test${path.replace(/:\w+/g, "x")}`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "10.201.0.1" },
          body: `a=${"x".repeat(MAX_BODY_BYTES + 1)}`,
        },
        env,
      );
      expect(res.status, path).toBe(413);
    },
  );
});
