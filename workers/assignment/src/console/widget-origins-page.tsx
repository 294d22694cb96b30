import { formatShanghai } from "../../../../shared/clocks/period";
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
  return (
    <ConsoleLayout title="挂件嵌入网站" staff={staff}>
      <p>
        <a href="/console/admin">← 系统管理</a>
      </p>
      <h1>挂件嵌入网站</h1>
      <p class="hint">
        列在这里的合作网站可以用 iframe
        嵌入留言办理进度挂件；其他网站嵌入时浏览器会拒绝显示。脚本挂件（widget.js）对所有网站开放，不需要登记。改动在一分钟内生效。
      </p>
      {errors.length > 0 && (
        <div class="errors" role="alert">
          {errors.map((e) => (
            <p>{e}</p>
          ))}
        </div>
      )}
      <section class="card" id="widget-origins">
        <h2>已登记的网站</h2>
        {origins.length === 0 ? (
          <p>暂无。没有登记网站时，iframe 挂件不允许被任何网站嵌入。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>网站来源（origin）</th>
                <th>合作方</th>
                <th>登记时间</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {origins.map((o) => (
                <tr>
                  <td class="mono" data-testid="widget-origin">
                    {o.origin}
                  </td>
                  <td>{o.partnerName}</td>
                  <td>{formatShanghai(o.createdAt)}</td>
                  <td>
                    <form method="post" action="/console/admin/widget-origins/delete" class="inline">
                      <FormGuard staff={staff} />
                      <input type="hidden" name="origin" value={o.origin} />
                      <button type="submit" class="small" aria-label={`移除 ${o.origin}`}>
                        移除
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
        <h2>登记网站</h2>
        <form method="post" action="/console/admin/widget-origins">
          <FormGuard staff={staff} />
          <label for="wo-origin">
            网站来源{" "}
            <span class="hint">
              协议、域名和端口，例如 https://www.pingliang.gov.cn（本地调试可用 http://localhost:8790）
            </span>
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
          <label for="wo-partner">合作方名称</label>
          <input
            type="text"
            id="wo-partner"
            name="partnerName"
            value={values.partnerName ?? ""}
            required
            minlength={2}
            maxlength={60}
          />
          <button type="submit">登记</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
