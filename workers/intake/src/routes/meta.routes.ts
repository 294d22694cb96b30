import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import * as z from "zod";
import { loadMeta } from "../../../../shared/db/case-queries";
import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import { TYPE_LABELS } from "../../../../shared/ui/labels";

const Option = z.object({ code: z.string(), name: z.string() });
const Meta = z
  .object({
    types: z.array(Option),
    categories: z.array(Option),
    regions: z.array(Option),
    addressees: z.array(Option),
  })
  .meta({ id: "Meta" });

export const metaApi = new OpenAPIHono<{ Bindings: IntakeEnv }>();

metaApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    summary: "Options a partner's form needs: types, categories, regions, leader mailboxes",
    responses: { 200: { description: "Options", content: { "application/json": { schema: Meta } } } },
  }),
  async (c) => {
    const meta = await loadMeta(c.env.DB, undefined, true);
    const types = MESSAGE_TYPES.map((code) => ({ code, name: TYPE_LABELS[code].zh }));
    c.header("Cache-Control", "public, max-age=300");
    return c.json({ types, ...meta }, 200);
  },
);
