import { consoleText } from "../../../../shared/ui/i18n-console";
import { ConsoleLayout } from "./console-layout";

/** The staff sign-in form; `error` is the answer to the last attempt. */
export function LoginPage(props: { token: string; next: string; error?: string; username?: string }) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.loginTitle} staff={null}>
      <h1>{t.loginHeading}</h1>
      {props.error && (
        <div class="errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <form method="post" action="/console/login" class="card">
        <input type="hidden" name="_login" value={props.token} />
        <input type="hidden" name="next" value={props.next} />
        <label for="username">{t.username}</label>
        <input
          type="text"
          id="username"
          name="username"
          value={props.username ?? ""}
          autocomplete="username"
          required
        />
        <label for="password">{t.password}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <button type="submit">{t.loginButton}</button>
      </form>
    </ConsoleLayout>
  );
}
