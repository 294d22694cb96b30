import { periodLabel } from "../../../../shared/clocks/period";
import type { Counters } from "../../../../shared/scoring/counters";
import { INDICATORS, type IndicatorId, indicatorValue, rateParts } from "../../../../shared/scoring/indicators";
import { type Dict, type Lang, localHref, percent, portalLang, text, userLang } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";
import { Said } from "../../../../shared/ui/said";
import type { ListedCase, PublicDepartment } from "../public-queries";
import { CaseList, type Names } from "./portal-parts";

/** 三率: what a department is held to in public each month. */
export const THREE_RATES: IndicatorId[] = ["responseRate", "onTimeRate", "satisfactionRate"];
const KIND_ORDER = ["municipal", "county", "leader_office", "office"];
const KIND_TEXT: Record<string, keyof Dict> = {
  municipal: "kindMunicipal",
  county: "kindCounty",
  leader_office: "kindLeader",
  office: "kindOffice",
};

const indicatorName = (id: IndicatorId, lang: Lang) => (lang === "en" ? INDICATORS[id].nameEn : INDICATORS[id].name);

/** "92.0%（25）": the rate with its sample, the denominator; "—" with no sample. */
function RateCell({ id, counters, t }: { id: IndicatorId; counters: Counters | undefined; t: Dict }) {
  if (!counters) return <td class="num">{t.none}</td>;
  const { denominator } = rateParts(INDICATORS[id], counters);
  if (denominator === 0) return <td class="num">{t.none}</td>;
  return (
    <td class="num" data-testid={`rate-${id}`}>
      {t.rateWithSample(percent(indicatorValue(id, counters)), denominator)}
    </td>
  );
}

export function DepartmentsPage({
  period,
  departments,
  counters,
}: {
  period: string;
  departments: PublicDepartment[];
  counters: Map<string, Counters>;
}) {
  const lang = portalLang();
  const t = text(lang);
  const kinds = KIND_ORDER.filter((k) => departments.some((d) => d.kind === k));
  return (
    <Layout title={t.departmentsTitle}>
      <h1>{t.departmentsTitle}</h1>
      <p>{t.departmentsIntro}</p>
      {kinds.map((kind) => (
        <section class="card" aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{String(t[KIND_TEXT[kind] ?? "kindOffice"])}</h2>
          <div class="table-wrap">
            <table>
              <caption class="hint">{`${periodLabel(period, lang)}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.unit}</th>
                  {THREE_RATES.map((id) => (
                    <th scope="col" class="num">
                      {indicatorName(id, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {departments
                  .filter((d) => d.kind === kind)
                  .map((d) => (
                    <tr data-testid={`dept-${d.id}`}>
                      <th scope="row">
                        <a href={localHref(`/departments/${d.id}`, lang)}>{d.name}</a>
                      </th>
                      {THREE_RATES.map((id) => (
                        <RateCell id={id} counters={counters.get(d.id)} t={t} />
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}

export interface DepartmentPageProps {
  department: PublicDepartment;
  months: { period: string; counters: Counters | undefined }[];
  spokespeople: { name: string; title: string | null }[];
  replies: ListedCase[];
  names: Names;
}

export function DepartmentPage({ department, months, spokespeople, replies, names }: DepartmentPageProps) {
  const lang = portalLang();
  const t = text(lang);
  return (
    <Layout title={department.name}>
      <h1>{department.name}</h1>
      {department.headName && (
        <p data-testid="department-head">
          {t.deptHead}
          {t.colon}
          <Said>
            {department.headName}
            {department.headTitle ? ` · ${department.headTitle}` : ""}
          </Said>
        </p>
      )}
      <p>
        <a href={localHref("/departments", lang)}>{t.allDepartments}</a> ·{" "}
        <a href={localHref(`/board?department=${encodeURIComponent(department.id)}`, lang)}>{t.deptBoardLink}</a>
      </p>
      <section class="card" aria-labelledby="rates">
        <h2 id="rates">{t.threeRates}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.indicator}</th>
              {months.map((m, i) => (
                <th
                  scope="col"
                  class="num"
                >{`${i === 0 ? t.thisMonth : t.lastMonth}${t.open}${periodLabel(m.period, lang)}${t.close}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {THREE_RATES.map((id) => (
              <tr>
                <th scope="row">
                  {indicatorName(id, lang)}
                  {lang === "zh" && (
                    <>
                      <br />
                      <span class="hint">{INDICATORS[id].formula}</span>
                    </>
                  )}
                </th>
                {months.map((m) => (
                  <RateCell id={id} counters={m.counters} t={t} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="spokespeople">
        <h2 id="spokespeople">{t.deptSpokespeople}</h2>
        {spokespeople.length === 0 ? (
          <p>{t.noSpokespeople}</p>
        ) : (
          <ul>
            {spokespeople.map((s) => (
              <li>
                <strong lang={userLang()}>{s.name}</strong>
                {s.title ? (
                  <>
                    {t.open}
                    <Said>{s.title}</Said>
                    {t.close}
                  </>
                ) : (
                  ""
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="replies">
        <h2 id="replies">{t.deptReplies}</h2>
        {replies.length === 0 ? <p>{t.noReplies}</p> : <CaseList cases={replies} names={names} lang={lang} />}
      </section>
    </Layout>
  );
}
