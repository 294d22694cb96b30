import type { Context } from "hono";
import { Open311Error } from "./format";
import { cityRegionCode } from "./open311-queries";

/**
 * GeoReport's jurisdiction_id is optional for a server that serves one jurisdiction. When a client
 * sends it, it must name this city: its region code (e.g. 620800) or the host it is served from.
 */
export async function checkJurisdiction(c: Context<{ Bindings: IntakeEnv }>, id: string | undefined): Promise<void> {
  const asked = id?.trim().toLowerCase();
  if (!asked) return;
  if (asked === new URL(c.req.url).hostname.toLowerCase()) return;
  const city = await cityRegionCode(c.env.DB);
  if (asked !== city) throw new Open311Error(404, `jurisdiction_id: ${id} is not served here (this is ${city})`);
}
