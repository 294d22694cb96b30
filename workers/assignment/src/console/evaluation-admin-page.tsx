import { INDICATOR_IDS, INDICATORS } from "../../../../shared/scoring/indicators";
import type { RankingConfig } from "../../../../shared/scoring/ranking";
import { htmlLang, portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
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
  const t = consoleText();
  const en = portalLang() === "en";
  return (
    <ConsoleLayout title={t.settingsTitle} staff={staff}>
      <EvaluationStyles />
      <h1>{t.settingsTitle}</h1>
      <Errors errors={errors} />
      <section class="card" id="groups">
        <h2>{t.groupsTitle}</h2>
        <p class="hint">{t.groupsHint}</p>
        {groups.length === 0 ? (
          <p>{t.noGroups}</p>
        ) : (
          <table data-testid="evaluator-groups">
            <thead>
              <tr>
                <th>{t.colGroupName}</th>
                <th>{t.colWeight}</th>
                <th class="num">{t.colMembers}</th>
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
                        lang={userLang()}
                        aria-label={t.groupName}
                      />
                      <input
                        type="text"
                        name="weight"
                        value={sent("groupEdit", "weight", String(g.weight), g.id)}
                        required
                        inputmode="decimal"
                        lang={userLang()}
                        aria-label={t.weightOf(g.name)}
                      />
                      <button type="submit" class="small">
                        {t.save}
                      </button>
                    </form>
                  </td>
                  <td class="num">{g.members}</td>
                  <td>
                    {g.members === 0 ? (
                      <form method="post" action="/console/evaluation/settings/groups/delete" class="inline">
                        <FormGuard staff={staff} />
                        <input type="hidden" name="id" value={g.id} />
                        <button type="submit" class="small" aria-label={t.deleteGroup(g.name)} lang={userLang()}>
                          {t.remove}
                        </button>
                      </form>
                    ) : (
                      <span class="hint">{t.hasMembers}</span>
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
            {t.newGroup} <span class="hint">{t.newGroupHint}</span>
          </label>
          <input
            type="text"
            id="group-name"
            name="name"
            value={sent("group", "name", "")}
            required
            maxlength={40}
            lang={userLang()}
          />
          <label for="group-weight">
            {t.weight} <span class="hint">{t.weightHint}</span>
          </label>
          <input
            type="text"
            id="group-weight"
            name="weight"
            value={sent("group", "weight", "1")}
            required
            inputmode="decimal"
          />
          <button type="submit">{t.addGroup}</button>
        </form>
      </section>
      <section class="card" id="members">
        <h2>{t.membersTitle}</h2>
        {evaluators.length === 0 ? (
          <p>{t.noEvaluators}</p>
        ) : (
          <table data-testid="evaluator-members">
            <thead>
              <tr>
                <th>{t.colEvaluator}</th>
                <th>{t.colGroup}</th>
              </tr>
            </thead>
            <tbody>
              {evaluators.map((u) => (
                <tr>
                  <td>
                    <span lang={userLang()}>{u.displayName}</span> <span class="hint mono">{u.username}</span>
                  </td>
                  <td>
                    <form method="post" action="/console/evaluation/settings/members" class="inline">
                      <FormGuard staff={staff} />
                      <input type="hidden" name="userId" value={u.id} />
                      <select name="groupId" aria-label={t.groupOf(u.displayName)} lang={userLang()}>
                        <option value="" selected={u.groupId === null} lang={htmlLang(portalLang())}>
                          {t.ungrouped}
                        </option>
                        {groups.map((g) => (
                          <option value={g.id} selected={g.id === u.groupId}>
                            {g.name}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="small">
                        {t.save}
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
        <h2>{t.rankingTitle}</h2>
        <p>{rankingSaved ? t.rankingSaved : <strong>{t.rankingDefaults}</strong>}</p>
        <form method="post" action="/console/evaluation/settings/ranking">
          <FormGuard staff={staff} />
          <table>
            <thead>
              <tr>
                <th>{t.colIndicator}</th>
                <th>{t.colMethod}</th>
                <th>{t.colWeight}</th>
              </tr>
            </thead>
            <tbody>
              {INDICATOR_IDS.map((id) => (
                <tr>
                  <td>
                    <label for={`rk-${id}`}>{en ? INDICATORS[id].nameEn : INDICATORS[id].name}</label>
                  </td>
                  <td class="hint">
                    {en ? INDICATORS[id].formulaEn : INDICATORS[id].formula}
                    {INDICATORS[id].higherIsBetter ? "" : t.lowerIsBetter}
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
          <p class="hint">{t.weightsHint}</p>
          <label for="rk-min">
            {t.minSample} <span class="hint">{t.minSampleHint}</span>
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
            {t.prior} <span class="hint">{t.priorHint}</span>
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
            {t.panelShare} <span class="hint">{t.panelShareHint}</span>
          </label>
          <input
            type="text"
            id="rk-panel"
            name="panelShare"
            value={sent("ranking", "panelShare", String(ranking.panelShare))}
            required
            inputmode="decimal"
          />
          <button type="submit">{t.saveRanking}</button>
        </form>
        {rankingSaved && (
          <form method="post" action="/console/evaluation/settings/ranking/reset">
            <FormGuard staff={staff} />
            <button type="submit" class="small">
              {t.resetRanking}
            </button>
          </form>
        )}
      </section>
    </ConsoleLayout>
  );
}
