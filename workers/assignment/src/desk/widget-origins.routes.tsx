import { type Context, Hono } from "hono";
import * as z from "zod";
import { formText, formValidator } from "../../../../shared/http/form-validator";
import { parsePartnerOrigin } from "../../../../shared/http/partner-origin";
import { WidgetOriginsPage, type WidgetOriginsPageProps } from "../console/widget-origins-page";
import { audited } from "./audit";
import { formValues } from "./form-values";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";
import { listWidgetOrigins, removeWidgetOrigin, saveWidgetOrigin } from "./widget-origins-queries";

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
  origin: formText(Origin),
  partnerName: formText(z.string().min(2, "至少 2 个字").max(60)),
});
const RemoveForm = z.strictObject({ ...guard, origin: formText(z.string().min(1).max(200)) });

const FIELD_NAMES: Record<string, string> = { origin: "网站来源", partnerName: "合作方名称" };

/** Admin: the partner origins that may frame the iframe widget (intake reads them into frame-ancestors). */
export const widgetOriginsAdmin = new Hono<DeskEnv>();
widgetOriginsAdmin.use(requirePermission("admin.manage"));

async function render(
  c: Context<DeskEnv>,
  extra: Pick<WidgetOriginsPageProps, "errors" | "values"> = {},
  status: 200 | 400 = 200,
) {
  const origins = await listWidgetOrigins(c.env.DB);
  return c.html(<WidgetOriginsPage staff={c.get("staff")} origins={origins} {...extra} />, status);
}

widgetOriginsAdmin.get("/", (c) => render(c));

widgetOriginsAdmin.post(
  "/",
  formValidator(AddForm, (c: Context<DeskEnv>, errors, posted) => {
    const { origin, partnerName } = formValues(posted);
    const lines = Object.entries(errors).map(([field, message]) => `${FIELD_NAMES[field] ?? field}：${message}`);
    return render(c, { errors: lines, values: { origin, partnerName } }, 400);
  }),
  async (c) => {
    const { origin, partnerName } = c.req.valid("form");
    await audited(
      c,
      { action: "widget-origin.save", entity: "widget-origin", entityId: origin, after: { origin, partnerName } },
      [saveWidgetOrigin(c.env.DB, { origin, partnerName, createdAt: new Date().toISOString() })],
    );
    return c.redirect(PATH, 303);
  },
);

widgetOriginsAdmin.post(
  "/delete",
  formValidator(RemoveForm, (c: Context<DeskEnv>) => render(c, { errors: ["表单内容不正确，请刷新后重试。"] }, 400)),
  async (c) => {
    const { origin } = c.req.valid("form");
    await audited(
      c,
      { action: "widget-origin.remove", entity: "widget-origin", entityId: origin, before: { origin } },
      [removeWidgetOrigin(c.env.DB, origin)],
    );
    return c.redirect(PATH, 303);
  },
);
