import { formatTrackingNo } from "../../../../shared/domain/ids";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";
import type { CaseVerification } from "../case-verification";

/** The answer of `verify()` for a person: intact, or the first record that does not hold. */
export function VerifyPage({ result }: { result: CaseVerification }) {
  const lang = portalLang();
  const t = text(lang);
  const number = formatTrackingNo(result.trackingNo);
  const verdict = result.valid
    ? t.verifyValid
    : result.events === 0
      ? t.verifyEmpty
      : t.verifyBroken(result.firstBrokenSeq ?? 1);
  return (
    <Layout title={t.verifyTitle}>
      <h1>{t.verifyHeading(number)}</h1>
      <section class="card" aria-labelledby="verdict">
        <p
          id="verdict"
          class={`verdict ${result.valid ? "ok" : "bad"}`}
          role="status"
          data-testid="verdict"
          data-valid={String(result.valid)}
        >
          {verdict}
        </p>
        <dl class="facts">
          <dt>{t.verifyEvents}</dt>
          <dd data-testid="events">{result.events}</dd>
          <dt>{t.verifyReceipt}</dt>
          <dd class="mono">{result.receiptHash}</dd>
          {result.headHash && (
            <>
              <dt>{t.verifyHead}</dt>
              <dd class="mono">{result.headHash}</dd>
            </>
          )}
        </dl>
        <p class="hint">{t.integrityText}</p>
        <p>
          <a href={localHref(`/cases/${result.trackingNo}`, lang)}>{t.backToCase}</a> ·{" "}
          <a href={`/api/v1/cases/${result.trackingNo}/verify`} type="application/json">
            {t.verifyJson}
          </a>
        </p>
      </section>
    </Layout>
  );
}
