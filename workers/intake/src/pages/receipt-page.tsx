import type { Receipt } from "../../../../shared/domain/submission.schema";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { formatShanghai } from "../../../../shared/clocks/time";
import { Layout } from "../../../../shared/ui/layout";

/** Shown once after a submission: the only place the query code appears in plain text. */
export function ReceiptPage({ receipt }: { receipt: Receipt }) {
  return (
    <Layout title="留言回执">
      <h1>留言已提交</h1>
      <section class="card">
        <p>请保存以下信息，用于查询办理进度和评价答复。查询码可查看您的个人信息，请妥善保存，勿告诉他人。</p>
        <dl class="facts">
          <dt>留言编号</dt>
          <dd class="secret" data-testid="tracking-no">{formatTrackingNo(receipt.trackingNo)}</dd>
          <dt>查询码</dt>
          <dd class="secret" data-testid="query-code">{receipt.queryCode}</dd>
          <dt>提交时间</dt>
          <dd>{formatShanghai(receipt.submittedAt)}</dd>
          <dt>回执校验码</dt>
          <dd class="mono" data-testid="receipt-hash">{receipt.receiptHash}</dd>
        </dl>
        <p class="hint">回执校验码是这条留言第一条记录的 SHA-256 摘要，办理记录逐条链接，任何改动都可被发现。</p>
        <p>
          <a href={`/cases/${receipt.trackingNo}`}>查看公开进度</a> · <a href="/lookup">用查询码查看完整信息</a>
        </p>
      </section>
    </Layout>
  );
}
