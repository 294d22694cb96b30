import { asc, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import * as z from "zod";
import { getDb } from "../../../../shared/db/case-queries";
import { widgetOrigins } from "../../../../shared/db/desk-schema";
import { can } from "../../../../shared/domain/permissions";
import { parsePartnerOrigin } from "../../../../shared/http/partner-origin";
import { WidgetOriginsPage, type WidgetOriginsPageProps } from "../console/widget-origins-page";
import { formObject } from "./admin.schema";
import { type DeskEnv, requireStaff } from "./session";

const PATH = "/console/admin/widget-origins";
const guard = { _csrf: z.string(), _key: z.string().optional() };

const Origin = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const parsed = parsePartnerOrigin(value);
    if (parsed.ok) return parsed.origin;
    ctx.addIssue({ code: "custom", message: parsed.reason });
    return z.NEVER;
  });
const AddForm = z.strictObject({
  ...guard,
  origin: Origin,
  partnerName: z.string().trim().min(2, "至少 2 个字").max(60),
});
const RemoveForm = z.strictObject({ ...guard, origin: z.string().min(1).max(200) });

const FIELD_NAMES: Record<string, string> = { origin: "网站来源", partnerName: "合作方名称" };

/** Admin: the partner origins that may frame the iframe widget (intake reads them into frame-ancestors). */
export const widgetOriginsAdmin = new Hono<DeskEnv>();
widgetOriginsAdmin.use(PATH, requireStaff);
widgetOriginsAdmin.use(`${PATH}/*`, requireStaff);
for (const path of [PATH, `${PATH}/*`]) {
  widgetOriginsAdmin.use(path, async (c, next) => {
    if (!can(c.get("staff"), "admin.manage")) return c.text("没有权限 / not allowed", 403);
    await next();
  });
}

async function render(
  c: Context<DeskEnv>,
  extra: Pick<WidgetOriginsPageProps, "errors" | "values"> = {},
  status: 200 | 400 = 200,
) {
  const origins = await getDb(c.env.DB).select().from(widgetOrigins).orderBy(asc(widgetOrigins.origin));
  return c.html(<WidgetOriginsPage staff={c.get("staff")} origins={origins} {...extra} />, status);
}

widgetOriginsAdmin.get(PATH, (c) => render(c));

widgetOriginsAdmin.post(PATH, async (c) => {
  const form = formObject(await c.req.parseBody());
  const parsed = AddForm.safeParse(form);
  if (!parsed.success) {
    const errors = parsed.error.issues.map(
      (i) => `${FIELD_NAMES[String(i.path[0])] ?? i.path.join(".")}：${i.message}`,
    );
    return render(c, { errors, values: { origin: form.origin, partnerName: form.partnerName } }, 400);
  }
  const row = { origin: parsed.data.origin, partnerName: parsed.data.partnerName, createdAt: new Date().toISOString() };
  await getDb(c.env.DB)
    .insert(widgetOrigins)
    .values(row)
    .onConflictDoUpdate({ target: widgetOrigins.origin, set: { partnerName: row.partnerName } });
  return c.redirect(PATH, 303);
});

widgetOriginsAdmin.post(`${PATH}/delete`, async (c) => {
  const parsed = RemoveForm.safeParse(formObject(await c.req.parseBody()));
  if (!parsed.success) return render(c, { errors: ["表单内容不正确，请刷新后重试。"] }, 400);
  await getDb(c.env.DB).delete(widgetOrigins).where(eq(widgetOrigins.origin, parsed.data.origin));
  return c.redirect(PATH, 303);
});
