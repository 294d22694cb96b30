/**
 * The framework's ceiling: one plain hono route returning JSON, the floor under every intake route
 * (intake is an OpenAPIHono app), so the report separates framework cost from the pipeline's own.
 */
import { Hono } from "hono";

const app = new Hono();
app.post("/api/v1/cases", (c) => c.json({ ok: true }, 201));
app.get("*", (c) => c.json({ ok: true }));

export default app;
