import { type CaseStatus, OUTCOMES } from "../../../../shared/domain/case-model";
import type { CaseCommandName } from "../../../../shared/domain/commands";
import { can } from "../../../../shared/domain/permissions";
import { TRANSITIONS } from "../../../../shared/domain/transitions";
import { portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { OUTCOME_LABELS } from "../../../../shared/ui/labels";
import type { Staff } from "../desk/session";
import { FormGuard } from "./console-layout";

/** Commands a person may run from the console (rating belongs to the citizen), in the order shown. */
const DESK_COMMANDS: CaseCommandName[] = [
  "accept",
  "reject",
  "hold",
  "assign",
  "rejectReturn",
  "decideExtension",
  "acknowledge",
  "returnCase",
  "requestExtension",
  "draftReply",
  "publishReply",
  "close",
  "merge",
  "reopen",
  "urge",
];

export interface DeskCase {
  trackingNo: string;
  status: CaseStatus;
  departmentId: string | null;
  coDepartmentIds: string[];
  returnCount: number;
  finalDispatch: boolean;
  pendingExtensionDays: number | null;
  draftText: string | null;
  draftedAt: string | null;
  /** The reply check's flags on the draft: publishing a flagged draft takes a confirmation. */
  draftFlags: readonly string[];
}

/** The commands this person may run on this case now: the one table and the state machine decide. */
export function availableCommands(staff: Staff, c: DeskCase): CaseCommandName[] {
  return DESK_COMMANDS.filter((name) => TRANSITIONS[name].from.includes(c.status) && can(staff, name, c))
    .filter((name) => name !== "decideExtension" || c.pendingExtensionDays !== null)
    .filter((name) => name !== "publishReply" || c.draftText !== null)
    .filter((name) => name !== "returnCase" || !c.finalDispatch);
}

function Reason(props: { name: string; label: string }) {
  return (
    <>
      <label for={`${props.name}-field`}>{props.label}</label>
      <textarea id={`${props.name}-field`} name={props.name} required minlength={2} maxlength={500} />
    </>
  );
}

function Fields({
  name,
  departments,
  c,
  categories,
}: {
  name: CaseCommandName;
  departments: { id: string; name: string }[];
  c: DeskCase;
  categories: CategoryChoice[];
}) {
  const t = consoleText();
  switch (name) {
    case "reject":
      return <Reason name="reason" label={t.rejectReason} />;
    case "hold":
    case "returnCase":
    case "reopen":
      return <Reason name="reason" label={t.reason} />;
    case "rejectReturn":
      return <Reason name="note" label={t.ruling} />;
    case "assign":
      return (
        <>
          {c.returnCount >= 2 && <p class="hint">{t.finalDispatch(c.returnCount)}</p>}
          <label for="assign-cat">
            {t.categoryLabel} <span class="hint">{t.categoryHint}</span>
          </label>
          <select id="assign-cat" name="category">
            {categories.map((k) => (
              <option value={k.code}>
                {k.name}
                {k.confidence !== undefined ? t.suggestedOption(Math.round(k.confidence * 100)) : ""}
              </option>
            ))}
          </select>
          <label for="assign-dept">{t.leadDepartment}</label>
          <select id="assign-dept" name="departmentId" required>
            {departments.map((d) => (
              <option value={d.id}>{d.name}</option>
            ))}
          </select>
          <label for="assign-co">
            {t.coDepartments} <span class="hint">{t.multiple}</span>
          </label>
          <select id="assign-co" name="coDepartmentIds" multiple size={4}>
            {departments.map((d) => (
              <option value={d.id}>{d.name}</option>
            ))}
          </select>
          <label for="assign-note">{t.assignNote}</label>
          <input type="text" id="assign-note" name="note" maxlength={500} />
        </>
      );
    case "decideExtension":
      return (
        <>
          <p>{t.extensionAsk(c.pendingExtensionDays)}</p>
          <label>
            <input type="radio" name="approved" value="yes" required /> {t.approved}
          </label>
          <label>
            <input type="radio" name="approved" value="no" /> {t.refused}
          </label>
          <label for="ext-note">{t.opinion}</label>
          <input type="text" id="ext-note" name="note" maxlength={500} />
        </>
      );
    case "requestExtension":
      return (
        <>
          <label for="ext-days">
            {t.extensionDays} <span class="hint">{t.extensionDaysHint}</span>
          </label>
          <input type="number" id="ext-days" name="workingDays" min={1} max={10} required />
          <Reason name="reason" label={t.extensionReason} />
        </>
      );
    case "draftReply":
      return (
        <>
          <label for="reply-text">{t.replyText}</label>
          <textarea id="reply-text" name="text" required minlength={10} maxlength={4000} lang={userLang()}>
            {c.draftText ?? ""}
          </textarea>
          <label for="reply-outcome">{t.outcome}</label>
          <select id="reply-outcome" name="outcome" required>
            {OUTCOMES.map((o) => (
              <option value={o}>{OUTCOME_LABELS[o][portalLang()]}</option>
            ))}
          </select>
          <label for="reply-note">
            {t.outcomeNote} <span class="hint">{t.outcomeNoteHint}</span>
          </label>
          <input type="text" id="reply-note" name="outcomeNote" maxlength={500} />
        </>
      );
    case "urge":
      return (
        <>
          <label>
            <input type="radio" name="level" value="urge" required /> {t.urgeLevel}
          </label>
          <label>
            <input type="radio" name="level" value="supervise" /> {t.superviseLevel}
          </label>
          <Reason name="note" label={t.supervisorNote} />
        </>
      );
    case "publishReply":
      return (
        <>
          <input type="hidden" name="draftedAt" value={c.draftedAt ?? ""} />
          {c.draftFlags.length > 0 && (
            <label>
              <input type="checkbox" name="confirmFlagged" value="yes" /> {t.confirmFlagged}
            </label>
          )}
        </>
      );
    case "merge":
      return (
        <>
          <label for="merge-into">{t.mergeInto}</label>
          <input type="text" id="merge-into" name="intoTrackingNo" required maxlength={20} />
        </>
      );
    default:
      return null;
  }
}

export interface CategoryChoice {
  code: string;
  name: string;
  /** The classifier's confidence, when it suggested this category for the case. */
  confidence?: number;
}

export function ActionForms(props: {
  staff: Staff;
  c: DeskCase;
  departments: { id: string; name: string }[];
  categories: CategoryChoice[];
}) {
  const commands = availableCommands(props.staff, props.c);
  const t = consoleText();
  if (commands.length === 0) return <p class="hint">{t.noActions}</p>;
  return (
    <>
      {commands.map((name) => (
        <form method="post" action={`/console/cases/${props.c.trackingNo}/do/${name}`} class="card action">
          <h3>{t.commands[name]}</h3>
          <FormGuard staff={props.staff} />
          <Fields name={name} departments={props.departments} c={props.c} categories={props.categories} />
          <button type="submit">{t.commands[name]}</button>
        </form>
      ))}
    </>
  );
}
