import type { MiddlewareHandler } from "hono";
import { ApiError } from "../../../../shared/http/errors";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";

/**
 * A form post that fails before its fields are read (rate limit, size, content type) still answers
 * a person with a page, not the API's JSON envelope. Status and Retry-After stay as they were.
 */
export const formErrorsAsPages: MiddlewareHandler = async (c, next) => {
  await next();
  const error = c.error;
  const lang = portalLang();
  const t = text(lang);
  if (!(error instanceof ApiError) || !t.formFailures[error.code]) return;
  const page = await c.html(
    <Layout title={t.notSubmittedTitle}>
      <h1>{t.notSubmittedTitle}</h1>
      <section class="card">
        <p role="alert">{t.formFailures[error.code]}</p>
        <p>
          <a href={localHref("/submit", lang)}>{t.backToForm}</a> ·{" "}
          <a href={localHref("/lookup", lang)}>{t.navLookup}</a>
        </p>
      </section>
    </Layout>,
    error.status,
  );
  for (const [k, v] of Object.entries(error.headers ?? {})) page.headers.set(k, v);
  c.res = page;
};
