import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";

export interface ProfileValues {
  phone: string;
  email: string;
  lang: string;
}

/**
 * Where an account is told things (催办, 督办, new cases, the daily digest): its own phone and e-mail.
 * A blank field means "not on that channel".
 */
export function ProfilePage({
  staff,
  values,
  errors = {},
  saved = false,
}: {
  staff: Staff;
  values: ProfileValues;
  errors?: Record<string, string>;
  saved?: boolean;
}) {
  const t = consoleText();
  const err = (name: string) =>
    errors[name] ? (
      <p class="error" id={`${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  return (
    <ConsoleLayout title={t.profileTitle} staff={staff} current="/console/profile">
      <h1>{t.profileTitle}</h1>
      <p class="hint">{t.profileHint}</p>
      {saved && <p role="status">{t.profileSaved}</p>}
      {Object.keys(errors).length > 0 && (
        <div class="errors" role="alert">
          {Object.values(errors).map((e) => (
            <p>{e}</p>
          ))}
        </div>
      )}
      <form method="post" action="/console/profile" class="card">
        <FormGuard staff={staff} />
        <label for="phone">{t.profilePhone}</label>
        <input
          type="tel"
          id="phone"
          name="phone"
          value={values.phone}
          inputmode="numeric"
          pattern="1[3-9][0-9]{9}"
          autocomplete="tel"
          aria-invalid={errors.phone ? "true" : undefined}
        />
        {err("phone")}
        <label for="email">{t.profileEmail}</label>
        <input
          type="email"
          id="email"
          name="email"
          value={values.email}
          maxlength={120}
          autocomplete="email"
          aria-invalid={errors.email ? "true" : undefined}
        />
        {err("email")}
        <label for="lang">{t.profileLang}</label>
        <select id="lang" name="lang">
          <option value="zh-CN" selected={values.lang !== "en"}>
            中文
          </option>
          <option value="en" selected={values.lang === "en"}>
            English
          </option>
        </select>
        <button type="submit">{t.profileButton}</button>
      </form>
    </ConsoleLayout>
  );
}
