import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import * as z from "zod";
import { randomId } from "../../../../shared/domain/ids";
import { limitBody } from "../../../../shared/http/body-limit";
import { ApiError, throwOnInvalid } from "../../../../shared/http/errors";
import { findPartnerKey } from "../partner-keys";
import { activeWebhooks, addWebhook, disableWebhook, recentDeliveries } from "../webhook-queries";
import { ErrorBody } from "./openapi-shared";

/** Partners register where state changes of their cases are POSTed (signed; see webhook-delivery.ts). */
export const webhooksApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

/** Deliveries run one after another in each case's outbox, so a partner gets a few, not many. */
const MAX_WEBHOOKS_PER_PARTNER = 5;

const KeyHeader = z.object({ "x-api-key": z.string().min(1).max(200).meta({ description: "The partner's API key" }) });

/** HTTPS anywhere; plain HTTP only to this machine, for local development. */
const HookUrl = z
  .url()
  .max(500)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1"].includes(url.hostname));
  }, "https:// URL required");

const Webhook = z.object({ id: z.string(), url: z.string(), createdAt: z.string() }).meta({ id: "Webhook" });
const NewWebhook = Webhook.extend({
  secret: z.string().meta({ description: "HMAC key for X-Wenzheng-Signature; shown only now" }),
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

async function partnerOf(db: D1Database, key: string) {
  const partner = await findPartnerKey(db, key);
  if (!partner) throw new ApiError(401, "invalid_api_key", "The API key is unknown or revoked.");
  return partner;
}

webhooksApi.use("/", limitBody);

webhooksApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    summary: "Register a webhook for state changes of this partner's cases",
    request: {
      headers: KeyHeader,
      body: { required: true, content: { "application/json": { schema: z.strictObject({ url: HookUrl }) } } },
    },
    responses: {
      201: json(NewWebhook, "Registered"),
      400: json(ErrorBody, "Invalid URL"),
      401: json(ErrorBody, "Unknown API key"),
      409: json(ErrorBody, "Already five webhooks"),
    },
  }),
  async (c) => {
    const partner = await partnerOf(c.env.DB, c.req.valid("header")["x-api-key"]);
    const active = await activeWebhooks(c.env.DB, partner.id);
    if (active.length >= MAX_WEBHOOKS_PER_PARTNER)
      throw new ApiError(
        409,
        "too_many_webhooks",
        `At most ${MAX_WEBHOOKS_PER_PARTNER} webhooks per partner; delete one first.`,
      );
    const row = {
      id: randomId(),
      apiKeyId: partner.id,
      url: c.req.valid("json").url,
      secret: `whsec_${randomId()}${randomId()}`,
      createdAt: new Date().toISOString(),
    };
    await addWebhook(c.env.DB, row);
    return c.json({ id: row.id, url: row.url, secret: row.secret, createdAt: row.createdAt }, 201);
  },
);

webhooksApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    summary: "This partner's webhooks and their recent deliveries",
    request: { headers: KeyHeader },
    responses: {
      200: json(
        z.object({ webhooks: z.array(Webhook.extend({ deliveries: z.array(z.record(z.string(), z.unknown())) })) }),
        "Webhooks",
      ),
      401: json(ErrorBody, "Unknown API key"),
    },
  }),
  async (c) => {
    const partner = await partnerOf(c.env.DB, c.req.valid("header")["x-api-key"]);
    const hooks = await activeWebhooks(c.env.DB, partner.id);
    const withLog = await Promise.all(
      hooks.map(async (h) => ({ ...h, deliveries: await recentDeliveries(c.env.DB, h.id) })),
    );
    return c.json({ webhooks: withLog }, 200);
  },
);

webhooksApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    summary: "Stop a webhook",
    request: { headers: KeyHeader, params: z.object({ id: z.string().max(64) }) },
    responses: {
      204: { description: "Stopped" },
      401: json(ErrorBody, "Unknown API key"),
      404: json(ErrorBody, "Not this partner's webhook"),
    },
  }),
  async (c) => {
    const partner = await partnerOf(c.env.DB, c.req.valid("header")["x-api-key"]);
    const stopped = await disableWebhook(c.env.DB, partner.id, c.req.valid("param").id, new Date().toISOString());
    if (!stopped) throw new ApiError(404, "not_found", "No such webhook.");
    return c.body(null, 204);
  },
);
