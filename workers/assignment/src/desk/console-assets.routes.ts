import { Hono } from "hono";
import { etag } from "hono/etag";
import { CONSOLE_CSS } from "../console/console-css";
import type { DeskEnv } from "./session";

/**
 * The console's stylesheet. Public (the sign-in page needs it too) and cacheable, so it is mounted
 * before the sign-in check and before the console's `no-store`.
 */
export const consoleAssets = new Hono<DeskEnv>();

consoleAssets.use("/console/assets/console.css", etag());
consoleAssets.get("/console/assets/console.css", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(CONSOLE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
});
