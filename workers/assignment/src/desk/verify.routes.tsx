import { type Context, Hono } from "hono";
import * as z from "zod";
import { normalizeRecoveryCode, recoveryCodeDigest } from "../../../../shared/auth/recovery-codes";
import { DEMO_TOTP_SECRET } from "../../../../shared/auth/second-factor";
import { acceptTotp, totpCode } from "../../../../shared/auth/totp";
import { formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { VerifyPage } from "../console/verify-page";
import { audited } from "./audit";
import { safeNext, signedIn, signInFailed, signInWait } from "./auth.routes";
import { claimTotpStep, secondFactorOf, spendRecoveryCode } from "./second-factor-queries";
import type { DeskEnv } from "./session";
import { revokeSession } from "./session-queries";

const VerifyForm = z.looseObject({ code: z.string().max(40).catch(""), next: z.unknown().transform(safeNext) });

/** The local demo's accounts show their current code (their secret is public); nothing else ever does. */
function demoCode(c: Context<DeskEnv>, secret: string | null): string | undefined {
  return c.env.WENZHENG_ENV === "local" && secret === DEMO_TOTP_SECRET ? totpCode(secret, Date.now()) : undefined;
}

function again(
  c: Context<DeskEnv>,
  next: string,
  secret: string | null,
  error?: string,
  status: 400 | 401 | 429 = 401,
) {
  return c.html(
    <VerifyPage staff={c.get("staff")} next={next} error={error} demoCode={demoCode(c, secret)} />,
    error ? status : 200,
  );
}

/**
 * The second step of signing in, open only to a session whose password was right. A wrong code
 * counts as a failed sign-in of the account, so the code cannot be guessed faster than a password.
 */
export const verify = new Hono<DeskEnv>();

verify.get("/", async (c) => {
  const factor = await secondFactorOf(c.env.DB, c.get("staff").userId);
  return again(c, safeNext(c.req.query("next")), factor?.secret ?? null);
});

verify.post(
  "/",
  formValidator(
    () => VerifyForm,
    (c: Context<DeskEnv>) => again(c, "/console", null, consoleText().verifyWrong, 400),
  ),
  async (c) => {
    const { code, next } = c.req.valid("form");
    const staff = c.get("staff");
    const now = Date.now();
    const factor = await secondFactorOf(c.env.DB, staff.userId);
    if (!factor?.secret) return c.redirect("/console/login", 303);
    const login = factor.username.toLowerCase();
    const wait = await signInWait(c, login, now);
    if (wait !== null) {
      c.header("Retry-After", String(wait));
      return again(c, next, factor.secret, consoleText().loginThrottled, 429);
    }
    const step = acceptTotp(factor.secret, code, now, factor.lastStep);
    let ok = step !== null && (await claimTotpStep(c.env.DB, staff.userId, step));
    const recovery = step === null ? normalizeRecoveryCode(code) : null;
    if (recovery) {
      ok = await spendRecoveryCode(c.env.DB, staff.userId, recoveryCodeDigest(recovery), new Date(now).toISOString());
      if (ok) await audited(c, { action: "user.recovery-code-used", entity: "user", entityId: staff.userId }, []);
    }
    if (!ok) {
      await signInFailed(c, login, now);
      return again(c, next, factor.secret, consoleText().verifyWrong);
    }
    // A fresh session id for the fully signed-in session: the pending one's cookie is worth nothing now.
    await revokeSession(c.env.DB, staff.sessionId, new Date(now).toISOString());
    return signedIn(c, login, staff.userId, next, now);
  },
);
