import { type Context, Hono } from "hono";
import * as z from "zod";
import { hashPassword, verifyPassword } from "../../../../shared/auth/password";
import { formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { PasswordPage } from "../console/password-page";
import { audited } from "./audit";
import type { DeskEnv } from "./session";
import { passwordHashOf, revokeSessionsOf, setOwnPassword } from "./session-queries";

const t = () => consoleText();
const PasswordForm = () =>
  z
    .looseObject({
      current: z.string().max(256),
      next: z.string().min(10, t().passwordTooShort).max(256),
      repeat: z.string().max(256),
    })
    .refine((f) => f.next === f.repeat, { message: t().passwordMismatch, path: ["repeat"] })
    .refine((f) => f.next !== f.current, { message: t().passwordSame, path: ["next"] });

const again = (c: Context<DeskEnv>, errors: string[]) =>
  c.html(<PasswordPage staff={c.get("staff")} errors={errors} />, 400);

/**
 * Changing one's own password, for any account at any time; the only page open to an account still
 * on its one-time password.
 */
export const password = new Hono<DeskEnv>();
password.get("/", (c) => c.html(<PasswordPage staff={c.get("staff")} />));
password.post(
  "/",
  formValidator(PasswordForm, (c: Context<DeskEnv>, errors) => again(c, Object.values(errors))),
  async (c) => {
    const form = c.req.valid("form");
    const staff = c.get("staff");
    const stored = await passwordHashOf(c.env.DB, staff.userId);
    if (!stored || !(await verifyPassword(form.current, stored))) return again(c, [t().passwordWrong]);
    await audited(
      c,
      {
        action: "user.password-change",
        entity: "user",
        entityId: staff.userId,
        before: { passwordChangeRequired: staff.passwordChangeRequired },
        after: { passwordChangeRequired: false },
      },
      // Whoever else knew the old password is signed out with it.
      [
        setOwnPassword(c.env.DB, staff.userId, await hashPassword(form.next)),
        revokeSessionsOf(c.env.DB, staff.userId, new Date().toISOString(), staff.sessionId),
      ],
    );
    return c.redirect("/console", 303);
  },
);
