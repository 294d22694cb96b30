import { INDICATOR_IDS, INDICATORS } from "../../../../shared/scoring/indicators";
import type { RankingConfig } from "../../../../shared/scoring/ranking";
import { weightKey } from "../desk/evaluation.schema";
import type { EvaluatorAccount, GroupWithMembers } from "../desk/panel-queries";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";
import { Errors, EvaluationStyles } from "./evaluation-parts";

export interface EvaluationAdminPageProps {
  staff: Staff;
  groups: GroupWithMembers[];
  evaluators: EvaluatorAccount[];
  ranking: RankingConfig;
  /** False while no ranking settings are saved: the page shows the defaults. */
  rankingSaved: boolean;
  errors?: string[];
  /** The form as sent, when it comes back with errors, keyed by which form it was. */
  values?: { form: "group" | "groupEdit" | "ranking"; fields: Record<string, string> };
}

/** 评议设置: evaluator groups and their weights, who scores for which group, and the ranking settings. */
export function EvaluationAdminPage({
  staff,
  groups,
  evaluators,
  ranking,
  rankingSaved,
  errors = [],
  values,
}: EvaluationAdminPageProps) {
  const sent = (form: "group" | "groupEdit" | "ranking", key: string, fallback: string, id?: string): string =>
    values?.form === form && (id === undefined || values.fields.id === id) ? (values.fields[key] ?? "") : fallback;
  return (
    <ConsoleLayout title="评议设置" staff={staff}>
      <EvaluationStyles />
      <h1>评议设置</h1>
      <Errors errors={errors} />
      <section class="card" id="groups">
        <h2>评议组</h2>
        <p class="hint">
          评议得分是各评议员四项平均分按所在组权重的加权平均；权重为 0 的组不计入。有成员的组不能删除。
        </p>
        {groups.length === 0 ? (
          <p>还没有评议组。</p>
        ) : (
          <table data-testid="evaluator-groups">
            <thead>
              <tr>
                <th>名称</th>
                <th>权重</th>
                <th class="num">成员</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr>
                  <td colspan={2}>
                    <form method="post" action="/console/evaluation/settings/groups/edit" class="inline group-edit">
                      <FormGuard staff={staff} />
                      <input type="hidden" name="id" value={g.id} />
                      <input
                        type="text"
                        name="name"
                        value={sent("groupEdit", "name", g.name, g.id)}
                        required
                        maxlength={40}
                        aria-label="评议组名称"
                      />
                      <input
                        type="text"
                        name="weight"
                        value={sent("groupEdit", "weight", String(g.weight), g.id)}
                        required
                        inputmode="decimal"
                        aria-label={`${g.name} 权重`}
                      />
                      <button type="submit" class="small">
                        保存
                      </button>
                    </form>
                  </td>
                  <td class="num">{g.members}</td>
                  <td>
                    {g.members === 0 ? (
                      <form method="post" action="/console/evaluation/settings/groups/delete" class="inline">
                        <FormGuard staff={staff} />
                        <input type="hidden" name="id" value={g.id} />
                        <button type="submit" class="small" aria-label={`删除 ${g.name}`}>
                          删除
                        </button>
                      </form>
                    ) : (
                      <span class="hint">有成员</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action="/console/evaluation/settings/groups">
          <FormGuard staff={staff} />
          <label for="group-name">
            新评议组名称 <span class="hint">例如 人大代表、政协委员、专家学者、媒体代表、群众代表</span>
          </label>
          <input type="text" id="group-name" name="name" value={sent("group", "name", "")} required maxlength={40} />
          <label for="group-weight">
            权重 <span class="hint">不小于 0</span>
          </label>
          <input
            type="text"
            id="group-weight"
            name="weight"
            value={sent("group", "weight", "1")}
            required
            inputmode="decimal"
          />
          <button type="submit">添加评议组</button>
        </form>
      </section>
      <section class="card" id="members">
        <h2>评议员分组</h2>
        {evaluators.length === 0 ? (
          <p>还没有评议员账号，请先在“系统管理”中创建角色为评议员的用户。</p>
        ) : (
          <table data-testid="evaluator-members">
            <thead>
              <tr>
                <th>评议员</th>
                <th>评议组</th>
              </tr>
            </thead>
            <tbody>
              {evaluators.map((u) => (
                <tr>
                  <td>
                    {u.displayName} <span class="hint mono">{u.username}</span>
                  </td>
                  <td>
                    <form method="post" action="/console/evaluation/settings/members" class="inline">
                      <FormGuard staff={staff} />
                      <input type="hidden" name="userId" value={u.id} />
                      <select name="groupId" aria-label={`${u.displayName} 的评议组`}>
                        <option value="" selected={u.groupId === null}>
                          — 未分组 —
                        </option>
                        {groups.map((g) => (
                          <option value={g.id} selected={g.id === u.groupId}>
                            {g.name}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="small">
                        保存
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" id="ranking">
        <h2>排名设置</h2>
        <p>{rankingSaved ? "当前使用已保存的设置。" : <strong>尚未保存设置，下面显示并正在使用默认值。</strong>}</p>
        <form method="post" action="/console/evaluation/settings/ranking">
          <FormGuard staff={staff} />
          <table>
            <thead>
              <tr>
                <th>指标</th>
                <th>计算方法</th>
                <th>权重</th>
              </tr>
            </thead>
            <tbody>
              {INDICATOR_IDS.map((id) => (
                <tr>
                  <td>
                    <label for={`rk-${id}`}>{INDICATORS[id].name}</label>
                  </td>
                  <td class="hint">
                    {INDICATORS[id].formula}
                    {INDICATORS[id].higherIsBetter ? "" : "（越低越好）"}
                  </td>
                  <td>
                    <input
                      type="text"
                      id={`rk-${id}`}
                      name={weightKey(id)}
                      value={sent("ranking", weightKey(id), String(ranking.weights[id] ?? ""))}
                      inputmode="decimal"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">权重留空或为 0 表示该指标不参与综合得分；至少一项大于 0。</p>
          <label for="rk-min">
            最少样本量 <span class="hint">交办件数少于此数的单位列出但不排名（正整数）</span>
          </label>
          <input
            type="text"
            id="rk-min"
            name="minSample"
            value={sent("ranking", "minSample", String(ranking.minSample))}
            required
            inputmode="numeric"
          />
          <label for="rk-prior">
            先验强度{" "}
            <span class="hint">每个单位按全市平均水平预置的虚拟件数，防止件数很少的单位靠运气排前（不小于 0）</span>
          </label>
          <input
            type="text"
            id="rk-prior"
            name="priorStrength"
            value={sent("ranking", "priorStrength", String(ranking.priorStrength))}
            required
            inputmode="decimal"
          />
          <label for="rk-panel">
            评议得分占比 <span class="hint">0–1，例如 0.2 表示综合得分的 20% 来自评议打分</span>
          </label>
          <input
            type="text"
            id="rk-panel"
            name="panelShare"
            value={sent("ranking", "panelShare", String(ranking.panelShare))}
            required
            inputmode="decimal"
          />
          <button type="submit">保存排名设置</button>
        </form>
        {rankingSaved && (
          <form method="post" action="/console/evaluation/settings/ranking/reset">
            <FormGuard staff={staff} />
            <button type="submit" class="small">
              恢复默认值
            </button>
          </form>
        )}
      </section>
    </ConsoleLayout>
  );
}
