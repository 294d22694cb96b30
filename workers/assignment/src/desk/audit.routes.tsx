import { Hono } from "hono";
import * as z from "zod";
import { AUDITED_ENTITIES, auditTrail } from "../../../../shared/db/audit-queries";
import { AuditPage } from "../console/audit-page";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

const PAGE = 100;

const Query = z.object({
  entity: z.enum(AUDITED_ENTITIES).optional().catch(undefined),
  before: z.string().max(80).optional().catch(undefined),
});

/** The audit log, newest first, a hundred to a page. Admins only; it has no way to change anything. */
export const auditLogPage = new Hono<DeskEnv>();
auditLogPage.use(requirePermission("admin.manage"));

auditLogPage.get("/", async (c) => {
  const query = Query.parse(c.req.query());
  const rows = await auditTrail(c.env.DB, { ...query, limit: PAGE + 1 });
  const older = rows.length > PAGE ? rows[PAGE - 1]?.id : undefined;
  return c.html(<AuditPage staff={c.get("staff")} rows={rows.slice(0, PAGE)} entity={query.entity} older={older} />);
});
