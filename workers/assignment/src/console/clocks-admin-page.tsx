import { LIMIT_UNITS } from "../../../../shared/clocks/time-limit-rules";
import type { timeLimitRules } from "../../../../shared/db/schema";
import type { MessageType } from "../../../../shared/domain/case-model";
import { TYPE_LABELS } from "../../../../shared/ui/labels";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

const UNIT_NAMES: Record<string, string> = {
  working_hours: "工作小时",
  working_days: "工作日",
  calendar_days: "自然日",
};
const STAGE_NAMES: Record<string, string> = { dispatch: "分办", acknowledge: "签收", reply: "答复", rating: "评价期" };

export interface CalendarSummary {
  version: number;
  note: string;
  createdAt: string;
  years: { year: number; coverage: "official" | "weekends-only" }[];
}

export interface ClocksAdminProps {
  staff: Staff;
  rules: (typeof timeLimitRules.$inferSelect)[];
  categories: { code: string; name: string }[];
  calendars: CalendarSummary[];
  error?: string;
}

/** 限时办结 settings: the time-limit rules and the versioned working-day calendar. */
export function ClocksAdminPage({ staff, rules, categories, calendars, error }: ClocksAdminProps) {
  const guard = <input type="hidden" name="_csrf" value={staff.csrf} />;
  const latest = calendars[0];
  return (
    <ConsoleLayout title="时限与日历" staff={staff}>
      <h1>时限规则与工作日历</h1>
      {error && (
        <div class="errors" role="alert">
          <p>{error}</p>
        </div>
      )}
      <section class="card" id="rules">
        <h2>时限规则</h2>
        <p class="hint">修改只对之后提交的留言生效：每件留言按提交时的规则和日历版本计算期限。</p>
        <table>
          <thead>
            <tr>
              <th>类型</th>
              <th>分类</th>
              <th>环节</th>
              <th>时限</th>
              <th>单位</th>
              <th>延期上限（工作日）</th>
              <th>延期次数</th>
              <th>退回时限</th>
              <th>督办阶梯</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr>
                <td>{TYPE_LABELS[r.messageType as MessageType]?.zh ?? r.messageType}</td>
                <td>{r.category ?? "全部"}</td>
                <td>{STAGE_NAMES[r.stage] ?? r.stage}</td>
                <td colspan={7}>
                  <form method="post" action={`/console/admin/clocks/rules/${r.id}`} class="inline rule-form">
                    {guard}
                    <input
                      type="number"
                      name="limitValue"
                      value={r.limitValue ?? ""}
                      min={1}
                      max={365}
                      aria-label="时限"
                    />
                    <select name="unit" aria-label="单位">
                      {LIMIT_UNITS.map((u) => (
                        <option value={u} selected={u === r.unit}>
                          {UNIT_NAMES[u]}
                        </option>
                      ))}
                    </select>
                    <input
                      type="number"
                      name="extensionCapDays"
                      value={r.extensionCapDays}
                      min={0}
                      max={60}
                      aria-label="延期上限"
                    />
                    <input
                      type="number"
                      name="maxExtensions"
                      value={r.maxExtensions}
                      min={0}
                      max={5}
                      aria-label="延期次数"
                    />
                    <input
                      type="number"
                      name="returnWindowDays"
                      value={r.returnWindowDays ?? ""}
                      min={0}
                      max={30}
                      aria-label="退回时限"
                    />
                    <input
                      type="text"
                      name="escalation"
                      value={r.escalation ? JSON.stringify(r.escalation) : ""}
                      aria-label="督办阶梯"
                    />
                    <button type="submit" class="small">
                      保存
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/admin/clocks/rules">
          {guard}
          <h3>为某一分类单独设定时限</h3>
          <label for="r-type">类型</label>
          <select id="r-type" name="messageType">
            {Object.entries(TYPE_LABELS).map(([code, l]) => (
              <option value={code}>{l.zh}</option>
            ))}
          </select>
          <label for="r-cat">分类</label>
          <select id="r-cat" name="category">
            {categories.map((c) => (
              <option value={c.code}>{c.name}</option>
            ))}
          </select>
          <label for="r-stage">环节</label>
          <select id="r-stage" name="stage">
            {Object.entries(STAGE_NAMES).map(([code, name]) => (
              <option value={code}>{name}</option>
            ))}
          </select>
          <button type="submit">新增（复制该类型的通用规则）</button>
        </form>
      </section>
      <section class="card" id="calendar">
        <h2>工作日历</h2>
        {calendars.map((c) => (
          <p>
            版本 {c.version}（{c.createdAt.slice(0, 10)}）{c.note}：
            {c.years
              .map((y) =>
                y.coverage === "official" ? `${y.year} 年有官方放假安排` : `${y.year} 年没有官方数据，按普通周末计算`,
              )
              .join("；")}
          </p>
        ))}
        {latest?.years.some((y) => y.coverage === "weekends-only") && (
          <p class="errors">提示：有年份缺少国务院放假安排，期限按普通周末计算。发布后请及时新增日历版本。</p>
        )}
        <form method="post" action="/console/admin/clocks/calendar">
          {guard}
          <label for="cal-note">来源说明</label>
          <input
            type="text"
            id="cal-note"
            name="note"
            required
            maxlength={200}
            placeholder="国务院办公厅关于2027年部分节假日安排的通知"
          />
          <label for="cal-lines">
            新增或更正的日期 <span class="hint">每行一条：2027-02-06 holiday 春节；2027-02-14 workday</span>
          </label>
          <textarea id="cal-lines" name="lines" required />
          <button type="submit">创建新版本（已计算的期限仍按原版本）</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
