import { formatShanghai } from "../../../../shared/clocks/period";
import { can } from "../../../../shared/domain/permissions";
import type { ModeratorView } from "../../../../shared/interviews/contract";
import type { Guest } from "../../../../shared/interviews/interview.schema";
import type { Answer, Question } from "../../../../shared/interviews/questions";
import { userLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";
import { PlanForm, type PlanOptions } from "./interview-plan-form";

export interface DeskProps {
  staff: Staff;
  view: ModeratorView;
  options: PlanOptions;
  error?: string;
  values?: Record<string, string>;
}

const guestLabel = (g: Guest) => `${g.name}（${g.title}）`;

/**
 * One session for the platform office (moderating: approve, decline, merge; pause, resume, end;
 * the plan until the start) and for the guests (answering what was put to them). Nobody here sees
 * an asker's name or phone: only whether they left one.
 */
export function InterviewDeskPage({ staff, view, options, error, values }: DeskProps) {
  const t = interviewText();
  const { session, status } = view;
  const moderator = can(staff, "interview.moderate");
  const mayAnswer = session.plan.guests.filter((g) =>
    can(staff, "interview.answer", { departmentId: g.departmentId, coDepartmentIds: [] }),
  );
  const by = (s: Question["status"]) => view.questions.filter((q) => q.status === s);
  const action = (name: string) => `/console/interviews/${session.id}/do/${name}`;
  return (
    <ConsoleLayout title={t.moderate} staff={staff} current="/console/interviews">
      <p>
        <a href="/console/interviews">{t.consoleTitle}</a> · <a href={`/interviews/${session.id}`}>{t.publicPage}</a>
      </p>
      <h1>
        <span lang={userLang()}>{session.plan.title}</span>{" "}
        <span class={`status ${status}`} data-testid="desk-status">
          {session.paused && status === "live" ? t.paused : t.status[status]}
        </span>
      </h1>
      <p class="meta">
        <span>
          {t.when(formatShanghai(session.plan.startsAt), formatShanghai(session.endedAt ?? session.plan.endsAt))}
        </span>
        <span>{t.viewers(view.viewers)}</span>
      </p>
      {error && (
        <div class="errors" role="alert">
          <p>
            {t.refused}
            {error}
          </p>
        </div>
      )}
      {moderator && status === "live" && (
        <section class="card" aria-label={t.moderate}>
          {(session.paused ? ["resume", "end"] : ["pause", "end"]).map((name) => (
            <form method="post" action={action(name)} class="inline">
              <FormGuard staff={staff} />
              <button type="submit">{t[name as "pause" | "resume" | "end"]}</button>
            </form>
          ))}
        </section>
      )}
      {status === "ended" && (
        <p class="notice" data-testid="conversion">
          {view.conversion.finishedAt ? t.conversionDone : t.conversion(view.conversion.done, view.conversion.pending)}
        </p>
      )}
      {moderator && status !== "ended" && (
        <section>
          <h2>
            {t.pending} ({by("pending").length})
          </h2>
          {by("pending").map((q) => (
            <PendingItem q={q} view={view} staff={staff} action={action} />
          ))}
        </section>
      )}
      <section>
        <h2>
          {t.approvedList} ({by("approved").length})
        </h2>
        {by("approved").map((q) => (
          <ApprovedItem
            q={q}
            answers={view.answers}
            guests={session.plan.guests}
            mayAnswer={status === "live" ? mayAnswer : []}
            staff={staff}
            action={action}
          />
        ))}
      </section>
      {moderator && (
        <details>
          <summary>
            {t.declinedList} / {t.statusLabels.merged} ({by("declined").length + by("merged").length})
          </summary>
          <ul>
            {[...by("declined"), ...by("merged")].map((q) => (
              <li>
                <span lang={userLang()}>{q.publicText}</span> — {t.statusLabels[q.status]}
                {q.declineReason && (
                  <>
                    {" "}
                    (<span lang={userLang()}>{q.declineReason}</span>)
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {can(staff, "interview.schedule") && status === "scheduled" && (
        <section>
          <h2>{t.editTitle}</h2>
          <PlanForm
            staff={staff}
            action={`/console/interviews/${session.id}/plan`}
            options={options}
            plan={session.plan}
            values={values}
          />
        </section>
      )}
    </ConsoleLayout>
  );
}

function PendingItem({
  q,
  view,
  staff,
  action,
}: {
  q: Question;
  view: ModeratorView;
  staff: Staff;
  action: (n: string) => string;
}) {
  const t = interviewText();
  const others = view.questions.filter((o) => o.id !== q.id && (o.status === "approved" || o.status === "pending"));
  return (
    <article class="card" id={`q-${q.id}`} data-testid="pending-question">
      {/* Masked here too: a phone typed into a question reaches only the case it may become. */}
      <p class="body-text" lang={userLang()}>
        {q.publicText}
      </p>
      <p class="meta">
        <time datetime={q.askedAt}>{formatShanghai(q.askedAt)}</time>
        {q.hasPhone && <span>{t.hasPhone}</span>}
        {q.flag && (
          <strong>
            {t.flagged}: <span lang={userLang()}>{q.flag}</span>
          </strong>
        )}
      </p>
      <form method="post" action={action("approve")}>
        <FormGuard staff={staff} />
        <input type="hidden" name="questionId" value={q.id} />
        <label for={`approve-${q.id}-guest`}>{t.approveAs}</label>
        <select id={`approve-${q.id}-guest`} name="guestId" lang={userLang()}>
          {view.session.plan.guests.map((g) => (
            <option value={g.id}>{guestLabel(g)}</option>
          ))}
        </select>
        <label for={`approve-${q.id}-text`}>{t.editText}</label>
        <textarea id={`approve-${q.id}-text`} name="text" rows={2} maxlength={500} lang={userLang()}>
          {q.publicText}
        </textarea>
        <button type="submit">{t.approve}</button>
      </form>
      <form method="post" action={action("decline")} class="inline">
        <FormGuard staff={staff} />
        <input type="hidden" name="questionId" value={q.id} />
        <label for={`decline-${q.id}`}>{t.declineReason}</label>
        <input type="text" id={`decline-${q.id}`} name="reason" required minlength={2} maxlength={200} />
        <button type="submit">{t.decline}</button>
      </form>
      {others.length > 0 && (
        <form method="post" action={action("merge")} class="inline">
          <FormGuard staff={staff} />
          <input type="hidden" name="questionId" value={q.id} />
          <label for={`merge-${q.id}`}>{t.mergeInto}</label>
          <select id={`merge-${q.id}`} name="intoQuestionId" lang={userLang()}>
            {others.map((o) => (
              <option value={o.id}>{o.publicText.slice(0, 40)}</option>
            ))}
          </select>
          <button type="submit">{t.merge}</button>
        </form>
      )}
    </article>
  );
}

function ApprovedItem(props: {
  q: Question;
  answers: Answer[];
  guests: Guest[];
  mayAnswer: Guest[];
  staff: Staff;
  action: (n: string) => string;
}) {
  const t = interviewText();
  const { q } = props;
  const guest = props.guests.find((g) => g.id === q.guestId);
  const own = props.answers.filter((a) => a.questionId === q.id);
  return (
    <article class="card" id={`q-${q.id}`} data-testid="approved-question">
      <p class="body-text" lang={userLang()}>
        {q.publicText}
      </p>
      <p class="meta">
        {guest && (
          <span>
            {t.to} <span lang={userLang()}>{guestLabel(guest)}</span>
          </span>
        )}
        {q.caseTrackingNo && <a href={`/console/cases/${q.caseTrackingNo}`}>{q.caseTrackingNo}</a>}
      </p>
      {own.map((a) => (
        <p class="reply" lang={userLang()}>
          {a.text}
        </p>
      ))}
      {props.mayAnswer.length > 0 && (
        <form method="post" action={props.action("answer")}>
          <FormGuard staff={props.staff} />
          <input type="hidden" name="questionId" value={q.id} />
          <label for={`answer-${q.id}-guest`}>{t.answerAs}</label>
          <select id={`answer-${q.id}-guest`} name="guestId" lang={userLang()}>
            {props.mayAnswer.map((g) => (
              <option value={g.id} selected={g.id === q.guestId}>
                {guestLabel(g)}
              </option>
            ))}
          </select>
          <label for={`answer-${q.id}-text`}>{t.answerText}</label>
          <textarea id={`answer-${q.id}-text`} name="text" rows={3} required minlength={2} maxlength={4000} />
          <button type="submit">{t.answerSubmit}</button>
        </form>
      )}
    </article>
  );
}
