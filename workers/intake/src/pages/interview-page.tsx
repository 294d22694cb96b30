import { formatShanghai } from "../../../../shared/clocks/period";
import { randomId } from "../../../../shared/domain/ids";
import type { PublicInterview } from "../../../../shared/interviews/interview.schema";
import { type Lang, localHref, portalLang, userLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import { Layout } from "../../../../shared/ui/layout";
import { scriptJson } from "../../../../shared/ui/script-json";
import { Countdown, GuestList, InterviewStatusBadge, QuestionItem } from "./interview-parts";
import { INTERVIEW_HEAD } from "./interviews-page";

export interface AskState {
  notice?: string;
  error?: string;
  fieldErrors?: Partial<Record<"text" | "name" | "phone", string>>;
  values?: { text?: string; name?: string; phone?: string };
}

/** The words the page's script needs to render frames the way the server renders the list. */
function liveData(view: PublicInterview, lang: Lang) {
  const t = interviewText(lang);
  return {
    id: view.id,
    version: view.version,
    lang,
    said: userLang() ?? null,
    text: {
      netizen: t.netizen,
      to: t.to,
      becameCase: t.becameCase,
      mergedCount: t.mergedCount(999_999),
      status: t.status,
      paused: t.paused,
      pausedNotice: t.pausedNotice,
      endedNotice: t.endedNotice,
    },
  };
}

/** /interviews/{id}: the session, the form to ask, and its questions and answers, kept live by the page's script. */
export function InterviewPage({ view, nowMs, ask = {} }: { view: PublicInterview; nowMs: number; ask?: AskState }) {
  const lang = portalLang();
  const t = interviewText(lang);
  const notice =
    view.status === "ended"
      ? t.endedNotice
      : view.paused
        ? t.pausedNotice
        : view.status === "scheduled"
          ? t.scheduledNotice
          : null;
  return (
    // The <title> is the platform's own words on English pages (it cannot carry a lang of its own).
    <Layout title={lang === "en" ? t.listTitle : view.title} head={INTERVIEW_HEAD}>
      <h1>
        <span lang={userLang()}>{view.title}</span>{" "}
        <InterviewStatusBadge status={view.status} paused={view.paused} lang={lang} />
      </h1>
      <section class="card" id="interview" data-interview-id={view.id}>
        <p class="meta">
          <span>{t.when(formatShanghai(view.startsAt), formatShanghai(view.endsAt))}</span>
          {view.status === "scheduled" && <Countdown startsAt={view.startsAt} nowMs={nowMs} lang={lang} />}
        </p>
        <h2>{t.guests}</h2>
        <GuestList guests={view.guests} />
        {view.description && (
          <p class="body-text" lang={userLang()}>
            {view.description}
          </p>
        )}
        <p class="notice" role="status" id="interview-notice" hidden={notice === null}>
          {notice}
        </p>
        {view.status === "ended" && ask.error && (
          <p class="error" role="alert">
            {ask.error}
          </p>
        )}
      </section>
      {view.status !== "ended" && <AskForm id={view.id} lang={lang} ask={ask} />}
      <section class="card" aria-labelledby="questions-title">
        <h2 id="questions-title">{view.status === "ended" ? t.transcript : t.liveFeed}</h2>
        {view.status !== "ended" && <p class="hint">{t.liveHint}</p>}
        <p id="no-questions" hidden={view.questions.length > 0}>
          {t.noQuestions}
        </p>
        <ol class="questions" id="questions">
          {view.questions.map((q) => (
            <QuestionItem q={q} guests={view.guests} lang={lang} />
          ))}
        </ol>
      </section>
      <script
        type="application/json"
        id="interview-data"
        dangerouslySetInnerHTML={{ __html: scriptJson(liveData(view, lang)) }}
      />
    </Layout>
  );
}

function AskForm({ id, lang, ask }: { id: string; lang: Lang; ask: AskState }) {
  const t = interviewText(lang);
  const v = ask.values ?? {};
  const fe = ask.fieldErrors ?? {};
  const described = (field: keyof typeof fe) => (fe[field] ? `ask-${field}-error` : undefined);
  return (
    <section class="card" aria-labelledby="ask" id="ask-section">
      <h2 id="ask">{t.askTitle}</h2>
      {ask.notice && <p role="status">{ask.notice}</p>}
      {ask.error && (
        <p class="error" role="alert">
          {ask.error}
        </p>
      )}
      <form method="post" action={localHref(`/interviews/${id}/questions`, lang)}>
        <p class="hint">{t.askHint}</p>
        {/* One key per rendered form: a double click sends the question once. */}
        <input type="hidden" name="key" value={randomId()} />
        <label for="ask-text">{t.askText}</label>
        <textarea
          id="ask-text"
          name="text"
          required
          minlength={10}
          maxlength={500}
          rows={4}
          aria-invalid={fe.text ? "true" : undefined}
          aria-describedby={described("text")}
        >
          {v.text ?? ""}
        </textarea>
        {fe.text && (
          <p class="field-error" id="ask-text-error">
            {fe.text}
          </p>
        )}
        <label for="ask-name">{t.askName}</label>
        <input
          type="text"
          id="ask-name"
          name="name"
          value={v.name ?? ""}
          maxlength={40}
          autocomplete="name"
          aria-invalid={fe.name ? "true" : undefined}
          aria-describedby={described("name")}
        />
        {fe.name && (
          <p class="field-error" id="ask-name-error">
            {fe.name}
          </p>
        )}
        <label for="ask-phone">{t.askPhone}</label>
        <input
          type="tel"
          id="ask-phone"
          name="phone"
          value={v.phone ?? ""}
          inputmode="numeric"
          pattern="1[3-9][0-9]{9}"
          maxlength={11}
          autocomplete="tel"
          aria-invalid={fe.phone ? "true" : undefined}
          aria-describedby={described("phone")}
        />
        {fe.phone && (
          <p class="field-error" id="ask-phone-error">
            {fe.phone}
          </p>
        )}
        <button type="submit">{t.askSubmit}</button>
      </form>
    </section>
  );
}
