import { formatShanghai } from "../../../../shared/clocks/period";
import type { AdminOverview } from "../desk/admin-queries";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

function Guard({ staff }: { staff: Staff }) {
  return <input type="hidden" name="_csrf" value={staff.csrf} />;
}

function Remove(props: { staff: Staff; action: string; fields: Record<string, string>; label?: string }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Guard staff={props.staff} />
      {Object.entries(props.fields).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class="small">
        {props.label ?? "删除"}
      </button>
    </form>
  );
}

export interface AdminPageProps {
  staff: Staff;
  data: AdminOverview;
  error?: string;
  /** A newly created API key, shown once: only its hash is stored. */
  newKey?: { partnerName: string; plaintext: string };
}

/** One page for the platform operator: 派单目录, word list, users, partner API keys, departments. */
export function AdminPage({ staff, data, error, newKey }: AdminPageProps) {
  const deptName = new Map(data.departments.map((d) => [d.id, d.name]));
  const catName = new Map(data.categories.map((c) => [c.code, c.name]));
  return (
    <ConsoleLayout title="系统管理" staff={staff}>
      <h1>系统管理</h1>
      <p>
        <a href="/console/admin/clocks">时限规则与工作日历 →</a> ·{" "}
        <a href="/console/admin/widget-origins">挂件嵌入网站 →</a>
      </p>
      {error && (
        <div class="errors" role="alert">
          <p>{error}</p>
        </div>
      )}
      {newKey && (
        <div class="notice" role="status">
          <p>已为 {newKey.partnerName} 创建 API 密钥，仅显示这一次，请复制保存：</p>
          <p class="secret" data-testid="new-api-key">
            {newKey.plaintext}
          </p>
        </div>
      )}
      <section class="card" id="routing">
        <h2>派单目录（分类 × 区域 → 承办单位）</h2>
        <table>
          <thead>
            <tr>
              <th>分类</th>
              <th>区域</th>
              <th>承办单位</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rules.map((r) => (
              <tr>
                <td>{catName.get(r.category) ?? r.category}</td>
                <td>{r.regionCode === "*" ? "全部区域" : r.regionCode}</td>
                <td>{deptName.get(r.departmentId) ?? r.departmentId}</td>
                <td>
                  <Remove
                    staff={staff}
                    action="/console/admin/routing/delete"
                    fields={{ category: r.category, regionCode: r.regionCode }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/admin/routing">
          <Guard staff={staff} />
          <label for="rule-cat">分类</label>
          <select id="rule-cat" name="category">
            {data.categories.map((c) => (
              <option value={c.code}>{c.name}</option>
            ))}
          </select>
          <label for="rule-region">区域</label>
          <select id="rule-region" name="regionCode">
            <option value="*">全部区域</option>
            {data.regions.map((r) => (
              <option value={r.code}>{r.name}</option>
            ))}
          </select>
          <label for="rule-dept">承办单位</label>
          <select id="rule-dept" name="departmentId">
            {data.departments.map((d) => (
              <option value={d.id}>{d.name}</option>
            ))}
          </select>
          <button type="submit">保存规则</button>
        </form>
      </section>
      <section class="card" id="words">
        <h2>审核词表（命中即转人工审核）</h2>
        <ul>
          {data.words.map((w) => (
            <li>
              {w.word} <Remove staff={staff} action="/console/admin/words/delete" fields={{ id: w.word }} />
            </li>
          ))}
        </ul>
        <form method="post" action="/console/admin/words">
          <Guard staff={staff} />
          <label for="word">新词</label>
          <input type="text" id="word" name="word" required minlength={2} maxlength={20} />
          <button type="submit">添加</button>
        </form>
      </section>
      <section class="card" id="users">
        <h2>用户</h2>
        <table>
          <thead>
            <tr>
              <th>用户名</th>
              <th>姓名</th>
              <th>角色</th>
              <th>单位</th>
              <th>状态</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr>
                <td class="mono">{u.username}</td>
                <td>
                  {u.displayName}
                  {u.publicTitle ? `（${u.publicTitle}）` : ""}
                </td>
                <td>{u.role}</td>
                <td>{deptName.get(u.departmentId) ?? u.departmentId}</td>
                <td>{u.disabledAt ? "已停用" : "正常"}</td>
                <td>
                  {!u.disabledAt && u.id !== staff.userId && (
                    <Remove staff={staff} action="/console/admin/users/disable" fields={{ id: u.id }} label="停用" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/admin/users">
          <Guard staff={staff} />
          <label for="u-name">用户名</label>
          <input type="text" id="u-name" name="username" required />
          <label for="u-display">姓名</label>
          <input type="text" id="u-display" name="displayName" required />
          <label for="u-role">角色</label>
          <select id="u-role" name="role">
            {["dispatcher", "handler", "spokesperson", "supervisor", "evaluator", "admin"].map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
          <label for="u-dept">单位</label>
          <select id="u-dept" name="departmentId">
            {data.departments.map((d) => (
              <option value={d.id}>{d.name}</option>
            ))}
          </select>
          <label for="u-title">
            公开职务 <span class="hint">网络发言人答复时显示</span>
          </label>
          <input type="text" id="u-title" name="publicTitle" />
          <label for="u-pass">
            初始密码 <span class="hint">至少 10 位</span>
          </label>
          <input type="password" id="u-pass" name="password" required minlength={10} autocomplete="new-password" />
          <button type="submit">创建用户</button>
        </form>
      </section>
      <section class="card" id="keys">
        <h2>合作网站 API 密钥</h2>
        <table>
          <thead>
            <tr>
              <th>合作方</th>
              <th>创建时间</th>
              <th>状态</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.keys.map((k) => (
              <tr>
                <td>{k.partnerName}</td>
                <td>{formatShanghai(k.createdAt)}</td>
                <td>{k.revokedAt ? `已吊销 ${formatShanghai(k.revokedAt)}` : "有效"}</td>
                <td>
                  {!k.revokedAt && (
                    <Remove staff={staff} action="/console/admin/keys/revoke" fields={{ id: k.id }} label="吊销" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/admin/keys">
          <Guard staff={staff} />
          <label for="k-partner">合作方名称</label>
          <input type="text" id="k-partner" name="partnerName" required />
          <button type="submit">创建密钥</button>
        </form>
      </section>
      <section class="card" id="departments">
        <h2>单位</h2>
        <table>
          <thead>
            <tr>
              <th>代码</th>
              <th>名称</th>
              <th>类型</th>
              <th>区域</th>
            </tr>
          </thead>
          <tbody>
            {data.departments.map((d) => (
              <tr>
                <td class="mono">{d.id}</td>
                <td>{d.name}</td>
                <td>{d.kind}</td>
                <td>{d.regionCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </ConsoleLayout>
  );
}
