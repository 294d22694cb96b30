import { raw } from "hono/html";
import { formatShanghai } from "../../../../shared/clocks/period";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { IDLE_MINUTES, type Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";

export interface SecurityState {
  enabled: boolean;
  required: boolean;
  recoveryLeft: number;
  sessions: { id: string; createdAt: string; lastSeenAt: string }[];
}

const Errors = ({ errors }: { errors: string[] }) =>
  errors.length > 0 ? (
    <div class="errors" role="alert">
      {errors.map((e) => (
        <p>{e}</p>
      ))}
    </div>
  ) : null;

/** A form that needs the current password again (new recovery codes, turning the factor off). */
function WithPassword({ staff, action, label }: { staff: Staff; action: string; label: string }) {
  const t = consoleText();
  return (
    <form method="post" action={action} class="card">
      <FormGuard staff={staff} />
      <label for={`${action}-password`}>{t.plainCurrentPassword}</label>
      <input type="password" id={`${action}-password`} name="password" autocomplete="current-password" required />
      <button type="submit">{label}</button>
    </form>
  );
}

/** The account's own security: its second factor, recovery codes, password and signed-in sessions. */
export function SecurityPage(props: { staff: Staff; state: SecurityState; notice?: string; errors?: string[] }) {
  const t = consoleText();
  const { staff, state } = props;
  return (
    <ConsoleLayout title={t.securityTitle} staff={staff} current="/console/security">
      <h1>{t.securityTitle}</h1>
      {props.notice && <p role="status">{props.notice}</p>}
      <Errors errors={props.errors ?? []} />
      <section>
        <h2>{t.verifyTitle}</h2>
        <p>{state.enabled ? t.secondFactorOn : t.secondFactorOff}</p>
        {state.required && <p class="hint">{state.enabled ? t.secondFactorRequiredNote : t.securityRequiredHint}</p>}
        <p>
          <a href="/console/security/totp">{state.enabled ? t.secondFactorReplace : t.secondFactorSetUp}</a>
        </p>
        {state.enabled && (
          <>
            <p>{t.recoveryLeft(state.recoveryLeft)}</p>
            <WithPassword staff={staff} action="/console/security/recovery-codes" label={t.recoveryNew} />
            {!state.required && (
              <WithPassword staff={staff} action="/console/security/totp/off" label={t.secondFactorTurnOff} />
            )}
          </>
        )}
      </section>
      <section>
        <h2>{t.passwordTitle}</h2>
        <p>
          <a href="/console/password">{t.passwordTitle}</a>
        </p>
      </section>
      <section>
        <h2>{t.sessionsTitle}</h2>
        <p class="hint">{t.sessionsHint(IDLE_MINUTES)}</p>
        <table>
          <thead>
            <tr>
              <th>{t.sessionStarted}</th>
              <th>{t.sessionLastSeen}</th>
            </tr>
          </thead>
          <tbody>
            {state.sessions.map((s) => (
              <tr>
                <td>
                  {formatShanghai(s.createdAt)}
                  {s.id === staff.sessionId ? t.sessionThis : ""}
                </td>
                <td>{formatShanghai(s.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/security/sign-out-everywhere">
          <FormGuard staff={staff} />
          <button type="submit">{t.signOutEverywhere}</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

/** Setting up (or moving) the authenticator: the QR code, the key typed by hand, and the first code. */
export function TotpSetupPage(props: {
  staff: Staff;
  secret: string;
  qrSvg: string;
  required: boolean;
  error?: string;
}) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.secondFactorSetUp} staff={props.staff} current="/console/security">
      <h1>{t.secondFactorSetUp}</h1>
      {props.required && <p class="hint">{t.securityRequiredHint}</p>}
      <Errors errors={props.error ? [props.error] : []} />
      <p>{t.totpScan}</p>
      <figure class="qr" aria-label="QR">
        {raw(props.qrSvg)}
      </figure>
      <p>
        {t.totpKey}: <code>{props.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
      </p>
      <form method="post" action="/console/security/totp" class="card">
        <FormGuard staff={props.staff} />
        <input type="hidden" name="secret" value={props.secret} />
        <label for="code">{t.totpEnter}</label>
        <input
          type="text"
          id="code"
          name="code"
          inputmode="numeric"
          pattern="[0-9 ]{6,7}"
          autocomplete="one-time-code"
          maxlength={7}
          required
          aria-invalid={props.error ? "true" : undefined}
        />
        <button type="submit">{t.totpConfirm}</button>
      </form>
    </ConsoleLayout>
  );
}

/** The recovery codes, shown exactly once. */
export function RecoveryCodesPage(props: { staff: Staff; codes: string[] }) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.recoveryTitle} staff={props.staff} current="/console/security">
      <h1>{t.recoveryTitle}</h1>
      <p class="hint">{t.recoveryHint}</p>
      <ol class="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a href="/console">{t.recoveryContinue}</a>
      </p>
    </ConsoleLayout>
  );
}
