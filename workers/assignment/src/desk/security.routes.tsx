import { type Context, Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { renderSVG } from "uqr";
import * as z from "zod";
import { verifyPassword } from "../../../../shared/auth/password";
import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeDigest } from "../../../../shared/auth/recovery-codes";
import { secondFactorRequired } from "../../../../shared/auth/second-factor";
import { acceptTotp, newTotpSecret, TOTP_SECRET, totpUri } from "../../../../shared/auth/totp";
import { formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { RecoveryCodesPage, SecurityPage, TotpSetupPage } from "../console/security-page";
import { audited } from "./audit";
import {
  enableSecondFactor,
  recoveryCodesLeft,
  removeSecondFactor,
  replaceRecoveryCodes,
  secondFactorOf,
} from "./second-factor-queries";
import { type DeskEnv, IDLE_MINUTES, SESSION_COOKIE } from "./session";
import { liveSessionsOf, passwordHashOf, revokeSessionsOf } from "./session-queries";

const t = () => consoleText();
const iso = (ms: number) => new Date(ms).toISOString();

async function securityPage(c: Context<DeskEnv>, status: 200 | 400 | 401 = 200, notice?: string, errors?: string[]) {
  const staff = c.get("staff");
  const now = Date.now();
  const [factor, recoveryLeft, sessions] = await Promise.all([
    secondFactorOf(c.env.DB, staff.userId),
    recoveryCodesLeft(c.env.DB, staff.userId),
    liveSessionsOf(c.env.DB, staff.userId, iso(now), iso(now - IDLE_MINUTES * 60_000)),
  ]);
  const state = {
    enabled: Boolean(factor?.secret),
    required: secondFactorRequired(staff.role),
    recoveryLeft,
    sessions,
  };
  return c.html(<SecurityPage staff={staff} state={state} notice={notice} errors={errors} />, status);
}

function setupPage(c: Context<DeskEnv>, secret: string, error?: string) {
  const staff = c.get("staff");
  const qrSvg = renderSVG(totpUri(secret, staff.username), { border: 2 });
  return c.html(
    <TotpSetupPage
      staff={staff}
      secret={secret}
      qrSvg={qrSvg}
      required={staff.secondFactorSetupRequired}
      error={error}
    />,
    error ? 400 : 200,
  );
}

/** New recovery codes: the statements that store their digests, and the codes to show once. */
function freshRecoveryCodes(c: Context<DeskEnv>, now: number) {
  const codes = newRecoveryCodes();
  const digests = codes.map((code) => recoveryCodeDigest(normalizeRecoveryCode(code) ?? code));
  return { codes, writes: replaceRecoveryCodes(c.env.DB, c.get("staff").userId, digests, iso(now)) };
}

const PasswordForm = z.looseObject({ password: z.string().max(256).catch("") });
const passwordRight = async (c: Context<DeskEnv>, password: string) => {
  const stored = await passwordHashOf(c.env.DB, c.get("staff").userId);
  return stored !== null && (await verifyPassword(password, stored));
};

/**
 * The account's security page: set up or move the second factor, new recovery codes, turn it off
 * (roles that require it cannot), sign out everywhere. Changes that an unattended open session
 * could abuse ask for the password again.
 */
export const security = new Hono<DeskEnv>();

security.get("/", (c) => securityPage(c));

security.get("/totp", (c) => setupPage(c, newTotpSecret()));

security.post(
  "/totp",
  formValidator(
    () => z.looseObject({ secret: z.string().regex(TOTP_SECRET), code: z.string().max(20) }),
    (c: Context<DeskEnv>) => setupPage(c, newTotpSecret(), t().totpWrong),
  ),
  async (c) => {
    const { secret, code } = c.req.valid("form");
    const now = Date.now();
    const step = acceptTotp(secret, code, now, null);
    if (step === null) return setupPage(c, secret, t().totpWrong);
    const staff = c.get("staff");
    const { codes, writes } = freshRecoveryCodes(c, now);
    await audited(c, { action: "user.second-factor-on", entity: "user", entityId: staff.userId }, [
      enableSecondFactor(c.env.DB, staff.userId, secret, step),
      ...writes,
    ]);
    return c.html(<RecoveryCodesPage staff={{ ...staff, secondFactorSetupRequired: false }} codes={codes} />);
  },
);

security.post(
  "/recovery-codes",
  formValidator(
    () => PasswordForm,
    (c: Context<DeskEnv>) => securityPage(c, 400),
  ),
  async (c) => {
    if (!(await passwordRight(c, c.req.valid("form").password)))
      return securityPage(c, 401, undefined, [t().passwordWrong]);
    const staff = c.get("staff");
    if (!(await secondFactorOf(c.env.DB, staff.userId))?.secret) return securityPage(c, 400);
    const { codes, writes } = freshRecoveryCodes(c, Date.now());
    await audited(c, { action: "user.recovery-codes-new", entity: "user", entityId: staff.userId }, [...writes]);
    return c.html(<RecoveryCodesPage staff={staff} codes={codes} />);
  },
);

security.post(
  "/totp/off",
  formValidator(
    () => PasswordForm,
    (c: Context<DeskEnv>) => securityPage(c, 400),
  ),
  async (c) => {
    const staff = c.get("staff");
    if (secondFactorRequired(staff.role)) return securityPage(c, 400, undefined, [t().secondFactorRequiredNote]);
    if (!(await passwordRight(c, c.req.valid("form").password)))
      return securityPage(c, 401, undefined, [t().passwordWrong]);
    await audited(c, { action: "user.second-factor-off", entity: "user", entityId: staff.userId }, [
      ...removeSecondFactor(c.env.DB, staff.userId),
    ]);
    return securityPage(c, 200, t().secondFactorTurnedOff);
  },
);

/** Every session of the account ends, this one included: a lost phone, a shared PC left signed in. */
security.post("/sign-out-everywhere", async (c) => {
  const staff = c.get("staff");
  await audited(c, { action: "user.sign-out-everywhere", entity: "user", entityId: staff.userId }, [
    revokeSessionsOf(c.env.DB, staff.userId, iso(Date.now())),
  ]);
  deleteCookie(c, SESSION_COOKIE, { path: "/console" });
  return c.redirect("/console/login", 303);
});
