import { formatShanghai } from "../../../../shared/clocks/period";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import type { Receipt } from "../../../../shared/domain/submission.schema";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";

/** Shown once after a submission: the only place the query code appears in plain text. */
export function ReceiptPage({ receipt }: { receipt: Receipt }) {
  const lang = portalLang();
  const t = text(lang);
  return (
    <Layout title={t.receiptTitle}>
      <h1>{t.receiptHeading}</h1>
      <section class="card">
        <p>{t.receiptSave}</p>
        <dl class="facts">
          <dt>{t.receiptTracking}</dt>
          <dd class="secret" data-testid="tracking-no">
            {formatTrackingNo(receipt.trackingNo)}
          </dd>
          <dt>{t.receiptCode}</dt>
          <dd class="secret" data-testid="query-code">
            {receipt.queryCode}
          </dd>
          <dt>{t.receiptSubmitted}</dt>
          <dd>{formatShanghai(receipt.submittedAt)}</dd>
          <dt>{t.receiptHash}</dt>
          <dd class="mono" data-testid="receipt-hash">
            {receipt.receiptHash}
          </dd>
        </dl>
        <p class="hint">{t.receiptHashHint}</p>
        <p>
          <a href={localHref(`/cases/${receipt.trackingNo}`, lang)}>{t.receiptPublic}</a> ·{" "}
          <a href={localHref("/lookup", lang)}>{t.receiptOwn}</a>
        </p>
      </section>
    </Layout>
  );
}
