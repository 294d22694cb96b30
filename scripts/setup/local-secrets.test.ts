import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import * as z from "zod";
import { LOCAL_SECRETS } from "../dev-vars.mjs";
import { root } from "../platform.ts";

const Secrets = z.object({ secrets: z.object({ required: z.array(z.string()) }).optional() });
const required = (config: string, env?: string) =>
  Secrets.parse(unstable_readConfig({ config: path.join(root, config), env })).secrets?.required ?? [];

describe("npm start's local secrets", () => {
  it("are each listed in the config beside their .dev.vars, or wrangler dev would not pass them on", () => {
    for (const [devVars, keys] of Object.entries(LOCAL_SECRETS)) {
      const config = path.join(path.dirname(devVars), "wrangler.toml");
      expect(required(config), config).toEqual(expect.arrayContaining(keys));
    }
  });

  it("leave the demo seed's token out of staging and production", () => {
    for (const env of ["staging", "production"]) expect(required("wrangler.toml", env)).toEqual(["QUERY_CODE_SECRET"]);
  });
});
