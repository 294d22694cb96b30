import type { StaffClocks } from "../../../../shared/clocks/case-clocks";
import { formatShanghai } from "../../../../shared/clocks/period";
import type { CaseState, MessageType } from "../../../../shared/domain/case-model";
import type { CaseEvent, StoredEvent } from "../../../../shared/domain/events";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { can } from "../../../../shared/domain/permissions";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import { draftCheck } from "../desk/reply-check";
import type { Staff } from "../desk/session";
import { ActionForms, availableCommands, type CategoryChoice, type DeskCase } from "./action-forms";
import { DueBadge } from "./case-table";
import { ConsoleLayout, FormGuard } from "./console-layout";
import { DraftCard } from "./draft-card";
import { noticeKind } from "./notice-page";

/** What a staff member sees of an event: its kind, who, and the free-text notes it carries. */
export function eventNote(e: CaseEvent, names: Map<string, string>): string {
  const t = consoleText();
  const days = (n: number) => t.workingDays(n);
  const parts = ((): (string | undefined)[] => {
    switch (e.type) {
      case "case.submitted":
      case "case.accepted":
      case "case.acknowledged":
      case "case.reply_published":
        return [];
      case "case.rejected":
      case "case.held":
      case "case.returned":
      case "case.reopened":
        return [e.payload.reason];
      case "case.assigned":
        return [`→ ${names.get(e.payload.departmentId) ?? e.payload.departmentId}`, e.payload.note];
      case "case.return_rejected":
        return [e.payload.note];
      case "case.extension_requested":
        return [e.payload.reason, days(e.payload.workingDays)];
      case "case.extension_decided":
        return [e.payload.note, days(e.payload.workingDays), e.payload.approved ? t.approved : t.refused];
      case "case.reply_drafted":
        return [e.payload.text];
      case "case.rated":
        return [e.payload.rating, e.payload.comment];
      case "case.closed":
        return [e.payload.rating];
      case "case.merged":
        return [e.payload.intoTrackingNo];
      case "case.urged":
        return [t.ladder[e.payload.level], e.payload.note];
      case "case.escalated":
        return [t.ladder[e.payload.kind]];
      case "case.supported":
        return [String(e.payload.supporters)];
      case "case.merge_absorbed":
        return [e.payload.fromTrackingNo, `+${e.payload.added}`];
      default: {
        const _exhaustive: never = e;
        return _exhaustive;
      }
    }
  })();
  return parts.filter((p) => p !== undefined).join(" · ");
}

export interface CaseDeskProps {
  staff: Staff;
  clocks: StaffClocks;
  labels: { category: string | null; region: string };
  state: CaseState;
  petitioner: Petitioner;
  events: StoredEvent[];
  names: Map<string, string>;
  departments: { id: string; name: string }[];
  duplicates: { candidateTrackingNo: string; similarity: number }[];
  /** Categories for the assignment form: the case's own first, else the classifier's suggestions first. */
  categories: CategoryChoice[];
  error?: string;
  done?: string;
}

export function CaseDeskPage({
  staff,
  clocks,
  labels,
  state: row,
  petitioner,
  events,
  names,
  departments,
  duplicates,
  categories,
  error,
  done,
}: CaseDeskProps) {
  const suggested = categories.filter((k) => k.confidence !== undefined);
  const now = Date.now();
  const t = consoleText();
  const lang = portalLang();
  const check = draftCheck(row);
  const deskCase: DeskCase = {
    ...row,
    pendingExtensionDays: row.pendingExtension?.workingDays ?? null,
    draftText: row.draft?.text ?? null,
    draftedAt: row.draft?.draftedAt ?? null,
    draftFlags: check?.flags ?? [],
  };
  return (
    <ConsoleLayout title={t.caseHeading(formatTrackingNo(row.trackingNo))} staff={staff}>
      <h1>
        {t.caseHeading(formatTrackingNo(row.trackingNo))}{" "}
        <span class={`status ${row.status}`}>
          {STATUS_LABELS[row.status as keyof typeof STATUS_LABELS]?.[lang] ?? row.status}
        </span>
      </h1>
      {error && (
        <div class="errors" role="alert">
          <p>{error}</p>
        </div>
      )}
      {done && (
        <div class="notice" role="status">
          <p>{t.done}</p>
        </div>
      )}
      <section class="card">
        <h2 lang={userLang()}>{row.title}</h2>
        <p class="body-text" lang={userLang()}>
          {row.body}
        </p>
        <dl class="facts">
          <dt>{t.factType}</dt>
          <dd>{TYPE_LABELS[row.type as MessageType]?.[lang] ?? row.type}</dd>
          <dt>{t.factCategory}</dt>
          <dd>
            {labels.category ?? t.uncategorised}
            {!row.category && suggested.length > 0 && (
              <span class="hint">
                {t.suggested(
                  suggested.map((k) => `${k.name} ${Math.round((k.confidence ?? 0) * 100)}%`).join(t.listSeparator),
                )}
              </span>
            )}
          </dd>
          <dt>{t.factRegion}</dt>
          <dd>
            {labels.region}
            {row.address && <span lang={userLang()}>{` · ${row.address}`}</span>}
          </dd>
          <dt>{t.factAddressee}</dt>
          <dd>{row.addressee ?? "—"}</dd>
          <dt>{t.factDepartment}</dt>
          <dd>{row.departmentId ? (names.get(row.departmentId) ?? row.departmentId) : t.unassigned}</dd>
          <dt>{t.factPetitioner}</dt>
          <dd>
            {can(staff, "case.contact", row) ? (
              <>
                {petitioner.name ? <span lang={userLang()}>{petitioner.name}</span> : t.noName}
                {` · ${petitioner.phone}${petitioner.email ? ` · ${petitioner.email}` : ""}`}
              </>
            ) : (
              t.contactHidden
            )}
          </dd>
          <dt>{t.factPublic}</dt>
          <dd>{row.isPublic ? t.isPublic : t.notPublic}</dd>
          <dt>{t.factTimes}</dt>
          <dd>
            {formatShanghai(row.submittedAt)} / {formatShanghai(row.assignedAt)} / {formatShanghai(row.acknowledgedAt)}
          </dd>
        </dl>
      </section>
      <section class="card">
        <h2>
          {t.clocksTitle}{" "}
          <span class={`clock ${clocks.status === "overdue" ? "late" : clocks.status === "due_soon" ? "soon" : "ok"}`}>
            {t.clockStatus[clocks.status]}
          </span>
        </h2>
        <dl class="facts">
          <dt>{t.acknowledgeDue}</dt>
          <dd>
            {clocks.acknowledgeDueAt ? (
              <>
                {formatShanghai(clocks.acknowledgeDueAt)}{" "}
                <DueBadge dueAt={row.acknowledgedAt ? null : clocks.acknowledgeDueAt} now={now} />
              </>
            ) : (
              "—"
            )}
          </dd>
          <dt>{t.replyDue}</dt>
          <dd>
            {clocks.replyDueAt ? (
              <>
                {formatShanghai(clocks.replyDueAt)} <DueBadge dueAt={row.reply ? null : clocks.replyDueAt} now={now} />
              </>
            ) : (
              "—"
            )}
          </dd>
          <dt>{t.returnUntil}</dt>
          <dd>{formatShanghai(clocks.returnWindowEndsAt)}</dd>
          <dt>{t.calendar}</dt>
          <dd>
            {t.calendarVersion(clocks.calendarVersion)}
            {clocks.coverage === "weekends-only" ? t.weekendsOnly : ""}
          </dd>
        </dl>
      </section>
      {row.draft && check && <DraftCard draft={row.draft} check={check} />}
      {row.reply && (
        <section class="card">
          <h2>{t.replyTitle}</h2>
          <p class="reply" lang={userLang()}>
            {row.reply.text}
          </p>
          <p class="hint">
            {t.spokesperson} <span lang={userLang()}>{row.reply.spokesperson.name}</span>
            {t.open}
            <span lang={userLang()}>{row.reply.spokesperson.title}</span>
            {t.close}
          </p>
        </section>
      )}
      {duplicates.length > 0 && (
        <section class="card">
          <h2>{t.duplicatesTitle}</h2>
          <ul>
            {duplicates.map((d) => (
              <li>
                <a href={`/console/cases/${d.candidateTrackingNo}`}>{formatTrackingNo(d.candidateTrackingNo)}</a>
                {t.similarity(d.similarity)}
                {availableCommands(staff, deskCase).includes("merge") && (
                  <form method="post" action={`/console/cases/${row.trackingNo}/do/merge`} class="inline">
                    <FormGuard staff={staff} />
                    <input type="hidden" name="intoTrackingNo" value={d.candidateTrackingNo} />
                    <button type="submit" class="small">
                      {t.mergeHere}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2>{t.actionsTitle}</h2>
        <ActionForms staff={staff} c={deskCase} departments={departments} categories={categories} />
      </section>
      <section class="card">
        <h2>{t.timelineTitle}</h2>
        <ol class="timeline">
          {events.map((e) => (
            <li>
              {formatShanghai(e.at)} {t.events[e.type] ?? e.type}
              {t.open}
              {e.actor.role}
              {t.close}
              {/* The note carries what staff and citizens wrote (reasons, replies, comments). */}
              {eventNote(e, names) && (
                <>
                  {t.colon}
                  <span lang={userLang()}>{eventNote(e, names)}</span>
                </>
              )}
              {noticeKind(e) && ["urge", "supervise", "notice"].includes(noticeKind(e) ?? "") && (
                <>
                  {" "}
                  <a href={`/console/notices/${e.id}`}>{t.printNotice}</a>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </ConsoleLayout>
  );
}
