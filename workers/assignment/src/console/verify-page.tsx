import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function VerifyPage(props: { staff: Staff; next: string; error?: string; demoCode?: string }) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.verifyTitle} staff={null}>
      <h1>{t.verifyTitle}</h1>
      <p class="hint">{t.verifyHint}</p>
      {props.demoCode && <p class="hint">{t.verifyDemoHint(props.demoCode)}</p>}
      {props.error && (
        <div class="errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <form method="post" action="/console/verify" class="card">
        <FormGuard staff={props.staff} />
        <input type="hidden" name="next" value={props.next} />
        <label for="code">{t.verifyCode}</label>
        <input
          type="text"
          id="code"
          name="code"
          autocomplete="one-time-code"
          maxlength={20}
          autofocus
          required
          aria-invalid={props.error ? "true" : undefined}
        />
        <button type="submit">{t.verifyButton}</button>
      </form>
      <form method="post" action="/console/logout">
        <input type="hidden" name="_csrf" value={props.staff.csrf} />
        <button type="submit">{t.signOut}</button>
      </form>
    </ConsoleLayout>
  );
}
