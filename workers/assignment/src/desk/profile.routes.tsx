import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import * as z from "zod";
import { getDb } from "../../../../shared/db/case-queries";
import { users } from "../../../../shared/db/schema";
import { formValidator } from "../../../../shared/http/form-validator";
import { maskPersonalData } from "../../../../shared/routing/mask";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { ProfilePage, type ProfileValues } from "../console/profile-page";
import { audited } from "./audit";
import type { DeskEnv } from "./session";

const t = () => consoleText();
const blankIsNull = (s: string) => (s.trim() === "" ? null : s.trim());
const ProfileForm = () =>
  z.looseObject({
    phone: z
      .string()
      .max(20)
      .transform(blankIsNull)
      .refine((p) => p === null || /^1[3-9]\d{9}$/.test(p), t().profilePhoneInvalid),
    email: z
      .string()
      .max(120)
      .transform(blankIsNull)
      .refine((e) => e === null || z.email().safeParse(e).success, t().profileEmailInvalid),
    lang: z.enum(["zh-CN", "en"]),
  });

async function contactOf(db: D1Database, userId: string): Promise<ProfileValues> {
  const [row] = await getDb(db)
    .select({ phone: users.phone, email: users.email, lang: users.lang })
    .from(users)
    .where(eq(users.id, userId));
  return { phone: row?.phone ?? "", email: row?.email ?? "", lang: row?.lang ?? "zh-CN" };
}

const posted = (form: Record<string, unknown>): ProfileValues => ({
  phone: typeof form.phone === "string" ? form.phone : "",
  email: typeof form.email === "string" ? form.email : "",
  lang: typeof form.lang === "string" ? form.lang : "zh-CN",
});

/** Each account's own contact details for notifications; the audit log keeps them masked. */
export const profile = new Hono<DeskEnv>();
profile.get("/", async (c) =>
  c.html(
    <ProfilePage
      staff={c.get("staff")}
      values={await contactOf(c.env.DB, c.get("staff").userId)}
      saved={c.req.query("saved") === "1"}
    />,
  ),
);
profile.post(
  "/",
  formValidator(ProfileForm, (c: Context<DeskEnv>, errors, form) =>
    c.html(<ProfilePage staff={c.get("staff")} values={posted(form)} errors={errors} />, 400),
  ),
  async (c) => {
    const form = c.req.valid("form");
    const staff = c.get("staff");
    const before = await contactOf(c.env.DB, staff.userId);
    const masked = (v: { phone: string | null; email: string | null; lang: string }) => ({
      phone: v.phone ? maskPersonalData(v.phone) : null,
      email: v.email ? maskPersonalData(v.email) : null,
      lang: v.lang,
    });
    await audited(
      c,
      {
        action: "user.contact-change",
        entity: "user",
        entityId: staff.userId,
        before: masked({ phone: before.phone || null, email: before.email || null, lang: before.lang }),
        after: masked(form),
      },
      [
        getDb(c.env.DB)
          .update(users)
          .set({ phone: form.phone, email: form.email, lang: form.lang })
          .where(eq(users.id, staff.userId)),
      ],
    );
    return c.redirect("/console/profile?saved=1", 303);
  },
);
