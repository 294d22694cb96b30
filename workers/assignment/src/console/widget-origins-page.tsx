import { formatShanghai } from "../../../../shared/clocks/period";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";

export interface WidgetOriginsPageProps {
  staff: Staff;
  origins: { origin: string; partnerName: string; createdAt: string }[];
  errors?: string[];
  values?: { origin?: string; partnerName?: string };
}

/** The partner sites allowed to frame the iframe widget (its `frame-ancestors`); the script widget needs no entry. */
export function WidgetOriginsPage({ staff, origins, errors = [], values = {} }: WidgetOriginsPageProps) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.widgetTitle} staff={staff}>
      <p>
        <a href="/console/admin">{t.backToAdmin}</a>
      </p>
      <h1>{t.widgetTitle}</h1>
      <p class="hint">{t.widgetHint}</p>
      {errors.length > 0 && (
        <div class="errors" role="alert">
          {errors.map((e) => (
            <p>{e}</p>
          ))}
        </div>
      )}
      <section class="card" id="widget-origins">
        <h2>{t.registeredTitle}</h2>
        {origins.length === 0 ? (
          <p>{t.noOrigins}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t.colOrigin}</th>
                <th>{t.colPartner}</th>
                <th>{t.colRegistered}</th>
                <th>{t.colAction}</th>
              </tr>
            </thead>
            <tbody>
              {origins.map((o) => (
                <tr>
                  <td class="mono" data-testid="widget-origin">
                    {o.origin}
                  </td>
                  <td lang={userLang()}>{o.partnerName}</td>
                  <td>{formatShanghai(o.createdAt)}</td>
                  <td>
                    <form method="post" action="/console/admin/widget-origins/delete" class="inline">
                      <FormGuard staff={staff} />
                      <input type="hidden" name="origin" value={o.origin} />
                      <button type="submit" class="small" aria-label={t.removeOrigin(o.origin)}>
                        {t.removeButton}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card">
        <h2>{t.registerTitle}</h2>
        <form method="post" action="/console/admin/widget-origins">
          <FormGuard staff={staff} />
          <label for="wo-origin">
            {t.origin} <span class="hint">{t.originHint}</span>
          </label>
          <input
            type="text"
            id="wo-origin"
            name="origin"
            value={values.origin ?? ""}
            required
            maxlength={200}
            inputmode="url"
            autocomplete="off"
          />
          <label for="wo-partner">{t.partnerName}</label>
          <input
            type="text"
            id="wo-partner"
            name="partnerName"
            value={values.partnerName ?? ""}
            lang={userLang()}
            required
            minlength={2}
            maxlength={60}
          />
          <button type="submit">{t.register}</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
