import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import * as z from "zod";
import { randomId } from "../../../../shared/domain/ids";
import { limitBody } from "../../../../shared/http/body-limit";
import { ApiError, throwOnInvalid } from "../../../../shared/http/errors";
import { checkTarget, targetNet } from "../../../../shared/http/public-address";
import { deliveryLog, requeueDeliveries } from "../../../../shared/webhooks/delivery-queries";
import { findPartnerKey } from "../partner-keys";
import { activeWebhooks, addWebhook, disableWebhook } from "../webhook-queries";
import { ErrorBody } from "./openapi-shared";

/** Partners register where state changes of their cases are POSTed (signed; see webhook-delivery.ts). */
export const webhooksApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

/** Deliveries run one after another in each case's outbox, so a partner gets a few, not many. */
const MAX_WEBHOOKS_PER_PARTNER = 5;

const KeyHeader = z.object({ "x-api-key": z.string().min(1).max(200).meta({ description: "The partner's API key" }) });

/** The URL's shape here; where it leads (https, a public host) is checked in the handler, which knows the environment. */
const HookUrl = z.url().max(500);

const Webhook = z.object({ id: z.string(), url: z.string(), createdAt: z.string() }).meta({ id: "Webhook" });
const Delivery = z
  .object({
    id: z.string().meta({ description: "Sent as X-Wenzheng-Delivery; the same on every retry and redelivery" }),
    eventId: z.string(),
    status: z.enum(["retrying", "delivered", "dead"]),
    attempts: z.number(),
    lastStatus: z.number().nullable().meta({ description: "Your endpoint's HTTP status at the last attempt" }),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string().nullable(),
  })
  .meta({ id: "WebhookDelivery" });
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
webhooksApi.use("/:id/redeliver", limitBody);

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
      400: json(ErrorBody, "Not https, or the host is not public (IP literal, internal name, private address)"),
      401: json(ErrorBody, "Unknown API key"),
      409: json(ErrorBody, "Already five webhooks"),
      503: json(ErrorBody, "The host name could not be resolved now"),
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
    const url = c.req.valid("json").url;
    const verdict = await checkTarget(url, targetNet(c.env));
    if (!verdict.ok) {
      if (verdict.reason === "resolver-unavailable") throw new ApiError(503, "resolver_unavailable", verdict.message);
      throw new ApiError(400, verdict.reason === "invalid" ? "invalid_url" : "target_not_public", verdict.message);
    }
    const row = {
      id: randomId(),
      apiKeyId: partner.id,
      url,
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
      200: json(z.object({ webhooks: z.array(Webhook.extend({ deliveries: z.array(Delivery) })) }), "Webhooks"),
      401: json(ErrorBody, "Unknown API key"),
    },
  }),
  async (c) => {
    const partner = await partnerOf(c.env.DB, c.req.valid("header")["x-api-key"]);
    const hooks = await activeWebhooks(c.env.DB, partner.id);
    const withLog = await Promise.all(
      hooks.map(async (h) => ({ ...h, deliveries: await deliveryLog(c.env.DB, h.id) })),
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

/** A range asks again for what one outage lost: a week at most, and this many deliveries. */
const MAX_REDELIVERY_RANGE_MS = 7 * 24 * 3_600_000;
const MAX_REDELIVERIES = 500;

const Redelivery = z
  .union([
    z.strictObject({ deliveryId: z.string().min(1).max(200) }),
    z
      .strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
      .refine(({ from, to }) => Date.parse(from) <= Date.parse(to), "from must not be after to")
      .refine(
        ({ from, to }) => Date.parse(to) - Date.parse(from) <= MAX_REDELIVERY_RANGE_MS,
        "The range may span at most 7 days",
      ),
  ])
  .meta({ id: "Redelivery", description: "One delivery by id, or every delivery created in [from, to]" });

webhooksApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/redeliver",
    summary: "Send deliveries again: one by id, or those of a time range (delivered and dead ones too)",
    request: {
      headers: KeyHeader,
      params: z.object({ id: z.string().max(64) }),
      body: { required: true, content: { "application/json": { schema: Redelivery } } },
    },
    responses: {
      202: json(z.object({ queued: z.number() }), `Queued for the next retry sweep (at most ${MAX_REDELIVERIES})`),
      400: json(ErrorBody, "Invalid body or range"),
      401: json(ErrorBody, "Unknown API key"),
      404: json(ErrorBody, "Not this partner's webhook"),
    },
  }),
  async (c) => {
    const partner = await partnerOf(c.env.DB, c.req.valid("header")["x-api-key"]);
    const id = c.req.valid("param").id;
    const hooks = await activeWebhooks(c.env.DB, partner.id);
    if (!hooks.some((h) => h.id === id)) throw new ApiError(404, "not_found", "No such webhook.");
    const body = c.req.valid("json");
    // Stored times are UTC ISO strings, compared as text: the partner's offsets are normalised first.
    const selector =
      "deliveryId" in body ? body : { from: new Date(body.from).toISOString(), to: new Date(body.to).toISOString() };
    const queued = await requeueDeliveries(c.env.DB, id, selector, Date.now(), MAX_REDELIVERIES);
    return c.json({ queued }, 202);
  },
);
