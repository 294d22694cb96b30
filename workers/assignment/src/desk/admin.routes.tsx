import { Hono } from "hono";
import type { DeskEnv } from "./session";

/** Admin pages: departments, users, routing table, word list, API keys. */
export const admin = new Hono<DeskEnv>();
