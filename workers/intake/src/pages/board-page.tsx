import { periodLabel } from "../../../../shared/clocks/period";
import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import { type Dict, localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";
import { BOARD_STATES, type BoardState } from "../board-queries";
import type { TranscriptHit } from "../interviews/interview-queries";
import type { ListedCase } from "../public-queries";
import { CaseList, type Names, typeLabel } from "./portal-parts";
import { TranscriptHits } from "./transcript-hits";

export type BoardField = "q" | "department" | "category" | "region" | "type" | "state" | "month" | "sort";
export type BoardValues = Partial<Record<BoardField, string>>;

export interface BoardPageProps {
  options: {
    departments: { id: string; name: string }[];
    categories: { code: string; name: string }[];
    regions: { code: string; name: string }[];
  };
  /** What the reader asked for, as typed (re-shown after an error). */
  values: BoardValues;
  /** Messages by field; a non-empty map means the list was not read. */
  errors: Partial<Record<BoardField | "page", string>>;
  cases: ListedCase[];
  prevHref: string | null;
  nextHref: string | null;
  nonPublic: { n: number; period: string; thisMonth: boolean } | null;
  names: Names;
  /** 在线访谈 questions and answers matching the word searched for. */
  transcripts?: TranscriptHit[];
}

const STATE_TEXT: Record<BoardState, keyof Dict> = {
  handling: "stateHandling",
  replied: "stateReplied",
  closed: "stateClosed",
};

/** 公开留言板: a GET form (works without script), the page of cases, keyset links to the neighbouring pages. */
export function BoardPage(props: BoardPageProps) {
  const lang = portalLang();
  const t = text(lang);
  const { values: v, errors } = props;
  const errorFields = Object.keys(errors) as (BoardField | "page")[];
  const describe = (name: BoardField, hint?: boolean) =>
    [hint ? `f-${name}-hint` : "", errors[name] ? `f-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const select = (name: BoardField, label: string, items: { value: string; label: string }[]) => (
    <div>
      <label for={`f-${name}`}>{label}</label>
      <select
        id={`f-${name}`}
        name={name}
        aria-invalid={errors[name] ? "true" : undefined}
        aria-describedby={describe(name)}
      >
        <option value="">{t.any}</option>
        {items.map((i) => (
          <option value={i.value} selected={v[name] === i.value}>
            {i.label}
          </option>
        ))}
      </select>
      {errors[name] && (
        <span class="field-error" id={`f-${name}-error`}>
          {errors[name]}
        </span>
      )}
    </div>
  );
  return (
    <Layout title={t.boardTitle}>
      <h1>{t.boardHeading}</h1>
      <p>{t.boardIntro}</p>
      {errorFields.length > 0 && (
        <div class="errors" role="alert" aria-labelledby="error-summary">
          <p id="error-summary">
            <strong>{t.errorSummary}</strong>
          </p>
          <ul>
            {errorFields.map((f) => (
              <li>{f === "page" ? errors.page : <a href={`#f-${f}`}>{errors[f]}</a>}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" action="/board" class="card" role="search" aria-labelledby="filter-title">
        <h2 id="filter-title">{t.filterTitle}</h2>
        {lang === "en" && <input type="hidden" name="lang" value="en" />}
        <div class="filters">
          <div class="wide">
            <label for="f-q">{t.fieldQ}</label>
            <input
              type="search"
              id="f-q"
              name="q"
              value={v.q ?? ""}
              maxlength={50}
              aria-invalid={errors.q ? "true" : undefined}
              aria-describedby={describe("q", true)}
            />
            <span class="hint" id="f-q-hint">
              {t.fieldQHint}
            </span>
            {errors.q && (
              <span class="field-error" id="f-q-error">
                {errors.q}
              </span>
            )}
          </div>
          {select(
            "department",
            t.fieldDepartment,
            props.options.departments.map((d) => ({ value: d.id, label: d.name })),
          )}
          {select(
            "category",
            t.fieldCategory,
            props.options.categories.map((c) => ({ value: c.code, label: c.name })),
          )}
          {select(
            "region",
            t.fieldRegion,
            props.options.regions.map((r) => ({ value: r.code, label: r.name })),
          )}
          {select(
            "type",
            t.fieldType,
            MESSAGE_TYPES.map((type) => ({ value: type, label: typeLabel(type, lang) })),
          )}
          {select(
            "state",
            t.fieldState,
            BOARD_STATES.map((s) => ({ value: s, label: String(t[STATE_TEXT[s]]) })),
          )}
          <div>
            <label for="f-month">{t.fieldMonth}</label>
            <input
              type="text"
              id="f-month"
              name="month"
              value={v.month ?? ""}
              inputmode="numeric"
              placeholder="YYYY-MM"
              maxlength={7}
              aria-invalid={errors.month ? "true" : undefined}
              aria-describedby={describe("month", true)}
            />
            <span class="hint" id="f-month-hint">
              {t.fieldMonthHint}
            </span>
            {errors.month && (
              <span class="field-error" id="f-month-error">
                {errors.month}
              </span>
            )}
          </div>
          <div>
            <label for="f-sort">{t.fieldSort}</label>
            <select id="f-sort" name="sort" aria-invalid={errors.sort ? "true" : undefined}>
              <option value="">{t.sortNewest}</option>
              <option value="supporters" selected={v.sort === "supporters"}>
                {t.sortSupporters}
              </option>
            </select>
            {errors.sort && (
              <span class="field-error" id="f-sort-error">
                {errors.sort}
              </span>
            )}
          </div>
          <div class="buttons">
            <button type="submit">{t.search}</button>
            <a href={localHref("/board", lang)}>{t.clear}</a>
          </div>
        </div>
      </form>

      {errorFields.length === 0 && (
        <section class="card" aria-labelledby="results-title">
          <h2 id="results-title">{t.resultsTitle}</h2>
          {props.nonPublic && props.nonPublic.n > 0 && (
            <p class="hint" data-testid="non-public">
              {props.nonPublic.thisMonth
                ? t.nonPublicThisMonth(props.nonPublic.n)
                : t.nonPublicInMonth(props.nonPublic.n, periodLabel(props.nonPublic.period, lang))}
            </p>
          )}
          {props.cases.length === 0 ? (
            <p>{t.noResults}</p>
          ) : (
            <CaseList cases={props.cases} names={props.names} lang={lang} />
          )}
          {(props.prevHref || props.nextHref) && (
            <nav class="pager" aria-label={t.pagesLabel}>
              {props.prevHref ? <a href={props.prevHref} rel="prev">{`← ${t.prevPage}`}</a> : <span />}
              {props.nextHref ? <a href={props.nextHref} rel="next">{`${t.nextPage} →`}</a> : <span />}
            </nav>
          )}
        </section>
      )}
      {errorFields.length === 0 && (props.transcripts ?? []).length > 0 && (
        <TranscriptHits hits={props.transcripts ?? []} lang={lang} />
      )}
    </Layout>
  );
}
