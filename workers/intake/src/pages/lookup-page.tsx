import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";

/**
 * Tracking number and query code travel in a POST body, never in a URL that logs or referrers keep.
 * The language rides in the form's action, so the answer page is in the reader's language.
 */
export function LookupPage(props: { error?: string; trackingNo?: string }) {
  const lang = portalLang();
  const t = text(lang);
  return (
    <Layout title={t.lookupTitle}>
      <h1>{t.lookupHeading}</h1>
      {props.error && (
        <div class="errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <form method="post" action={localHref("/lookup", lang)} class="card">
        <label for="trackingNo">{t.lookupTracking}</label>
        <input
          type="text"
          id="trackingNo"
          name="trackingNo"
          value={props.trackingNo ?? ""}
          required
          maxlength={24}
          autocomplete="off"
          aria-invalid={props.error ? "true" : undefined}
        />
        <label for="queryCode">
          {t.lookupCode} <span class="hint">{t.lookupCodeHint}</span>
        </label>
        <input type="text" id="queryCode" name="queryCode" maxlength={32} autocomplete="off" />
        <button type="submit">{t.lookupSubmit}</button>
      </form>
    </Layout>
  );
}
