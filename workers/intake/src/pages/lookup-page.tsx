import { Layout } from "../../../../shared/ui/layout";

/** Tracking number and query code travel in a POST body, never in a URL that logs or referrers keep. */
export function LookupPage(props: { error?: string; trackingNo?: string }) {
  return (
    <Layout title="查询进度">
      <h1>查询留言办理进度</h1>
      {props.error && (
        <div class="errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <form method="post" action="/lookup" class="card">
        <label for="trackingNo">留言编号</label>
        <input type="text" id="trackingNo" name="trackingNo" value={props.trackingNo ?? ""} required maxlength={24} autocomplete="off" />
        <label for="queryCode">查询码 <span class="hint">选填：填写后可查看本人完整信息</span></label>
        <input type="text" id="queryCode" name="queryCode" maxlength={32} autocomplete="off" />
        <button type="submit">查询</button>
      </form>
    </Layout>
  );
}
