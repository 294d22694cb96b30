import type { RankingsUnit } from "../../../../shared/scoring/rankings.schema";
import type { Scoreboard } from "./scoreboard";
import { WIDGET_TEXT, type WidgetLang, type WidgetTheme } from "./widget-text";

const RATES = [
  ["responseRate", "response-rate"],
  ["onTimeRate", "on-time-rate"],
  ["resolutionRate", "resolution-rate"],
  ["satisfactionRate", "satisfaction-rate"],
] as const;

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** The iframe scoreboard: the script widget's scoreboard mode rendered on the server, no script. null board: no such unit. */
export function ScoreboardPage({
  board,
  lang,
  theme,
}: {
  board: Scoreboard | null;
  lang: WidgetLang;
  theme: WidgetTheme;
}) {
  const t = WIDGET_TEXT[lang];
  const [y = "", m = ""] = board?.period.split("-") ?? [];
  return (
    <html lang={lang === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${t.sbTitle}${board ? ` ${board.name}` : ""} · ${t.brand}`}</title>
        <link rel="stylesheet" href="/widget/widget.css" />
      </head>
      <body>
        <main class="wz" data-theme={theme} data-period={board?.period ?? ""} aria-label={t.sbTitle}>
          <p class="head">
            <span class="brand">{`${t.brand} · ${t.sbTitle}`}</span>
            {board && (
              <span class="no" part="period">
                {t.month
                  .replace("{y}", y)
                  .replace("{mm}", m)
                  .replace("{m}", String(Number(m)))}
              </span>
            )}
          </p>
          {!board ? (
            <p class="msg" part="message">
              {t.sbNotFound}
            </p>
          ) : (
            <>
              <h1 class="unit" part="unit">
                {board.name}
              </h1>
              {board.unit ? (
                <Figures board={board} unit={board.unit} lang={lang} />
              ) : (
                <p class="msg" part="message">
                  {t.sbNoData}
                </p>
              )}
            </>
          )}
        </main>
      </body>
    </html>
  );
}

function Figures({ board, unit, lang }: { board: Scoreboard; unit: RankingsUnit; lang: WidgetLang }) {
  const t = WIDGET_TEXT[lang];
  const rank =
    unit.rank !== null
      ? t.rankOf.replace("{rank}", String(unit.rank)).replace("{ranked}", String(board.ranked))
      : unit.sample < board.minSample
        ? t.unranked
        : t.noRank;
  return (
    <>
      <dl class="sb">
        {RATES.map(([key, part]) => (
          <div>
            <dt>{t[key]}</dt>
            <dd part={part}>{pct(unit[key])}</dd>
          </div>
        ))}
      </dl>
      <dl>
        <dt>{t.sample}</dt>
        <dd part="sample">{`${unit.sample}${t.sampleUnit}`}</dd>
        <dt>{t.score}</dt>
        <dd class="score" part="score">
          {unit.score === null ? "—" : unit.score.toFixed(1)}
        </dd>
        <dt>{t.rank}</dt>
        <dd class={unit.rank === null ? "rank none" : "rank"} part="rank">
          {rank}
        </dd>
      </dl>
      <p class="foot">
        <a href={`/reports/${board.period}`} target="_blank" rel="noopener">
          {t.report}
        </a>
      </p>
    </>
  );
}
