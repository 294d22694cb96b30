import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";

/** The one-time password exchanged for the person's own; `errors` answer the last attempt. */
export function PasswordPage({ staff, errors = [] }: { staff: Staff; errors?: string[] }) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.passwordTitle} staff={staff}>
      <h1>{t.passwordTitle}</h1>
      <p class="hint">{staff.passwordChangeRequired ? t.oneTimePasswordHint : t.changePasswordHint}</p>
      {errors.length > 0 && (
        <div class="errors" role="alert">
          {errors.map((e) => (
            <p>{e}</p>
          ))}
        </div>
      )}
      <form method="post" action="/console/password" class="card">
        <FormGuard staff={staff} />
        <label for="current">{staff.passwordChangeRequired ? t.currentPassword : t.plainCurrentPassword}</label>
        <input type="password" id="current" name="current" autocomplete="current-password" required />
        <label for="next">{t.newPassword}</label>
        <input type="password" id="next" name="next" autocomplete="new-password" minlength={10} required />
        <label for="repeat">{t.repeatPassword}</label>
        <input type="password" id="repeat" name="repeat" autocomplete="new-password" minlength={10} required />
        <button type="submit">{t.passwordButton}</button>
      </form>
    </ConsoleLayout>
  );
}
