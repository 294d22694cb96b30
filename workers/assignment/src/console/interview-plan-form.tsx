import type { InterviewPlan } from "../../../../shared/interviews/interview.schema";
import { userLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import { beijingLocal, GUEST_SLOTS } from "../desk/interview-forms";
import type { Staff } from "../desk/session";
import { FormGuard } from "./console-layout";

export interface PlanOptions {
  regions: { code: string; name: string }[];
  departments: { id: string; name: string }[];
}

/** The platform office's scheduling form: a new session, or the plan of one that has not started. */
export function PlanForm(props: {
  staff: Staff;
  action: string;
  options: PlanOptions;
  plan?: InterviewPlan;
  values?: Record<string, string>;
}) {
  const t = interviewText();
  const v = props.values ?? {};
  const p = props.plan;
  const value = (field: string, fromPlan: string | undefined) => v[field] ?? fromPlan ?? "";
  return (
    <form method="post" action={props.action} class="card">
      <FormGuard staff={props.staff} />
      <label for="plan-title">{t.fieldTitle}</label>
      <input
        type="text"
        id="plan-title"
        name="title"
        value={value("title", p?.title)}
        lang={userLang()}
        required
        minlength={5}
        maxlength={100}
      />
      <label for="plan-description">{t.fieldDescription}</label>
      <textarea id="plan-description" name="description" maxlength={2000} rows={3} lang={userLang()}>
        {value("description", p?.description)}
      </textarea>
      <label for="plan-region">{t.fieldRegion}</label>
      <select id="plan-region" name="regionCode">
        {props.options.regions.map((r) => (
          <option value={r.code} selected={value("regionCode", p?.regionCode) === r.code}>
            {r.name}
          </option>
        ))}
      </select>
      <label for="plan-starts">{t.fieldStartsAt}</label>
      <input
        type="datetime-local"
        id="plan-starts"
        name="startsAt"
        value={value("startsAt", p ? beijingLocal(p.startsAt) : undefined)}
        required
      />
      <label for="plan-ends">{t.fieldEndsAt}</label>
      <input
        type="datetime-local"
        id="plan-ends"
        name="endsAt"
        value={value("endsAt", p ? beijingLocal(p.endsAt) : undefined)}
        required
      />
      <p class="hint">{t.guestsHint}</p>
      {Array.from({ length: GUEST_SLOTS }, (_, i) => {
        const n = i + 1;
        const guest = p?.guests.find((g) => g.id === `g${n}`);
        return (
          <fieldset>
            <legend>{t.fieldGuest(n)}</legend>
            <label for={`guest${n}-name`}>{t.fieldGuestName}</label>
            <input
              type="text"
              id={`guest${n}-name`}
              name={`guest${n}Name`}
              value={value(`guest${n}Name`, guest?.name)}
              maxlength={40}
              lang={userLang()}
            />
            <label for={`guest${n}-title`}>{t.fieldGuestTitle}</label>
            <input
              type="text"
              id={`guest${n}-title`}
              name={`guest${n}Title`}
              value={value(`guest${n}Title`, guest?.title)}
              maxlength={80}
              lang={userLang()}
            />
            <label for={`guest${n}-department`}>{t.fieldGuestDepartment}</label>
            <select id={`guest${n}-department`} name={`guest${n}Department`}>
              <option value="">—</option>
              {props.options.departments.map((d) => (
                <option value={d.id} selected={value(`guest${n}Department`, guest?.departmentId) === d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </fieldset>
        );
      })}
      <button type="submit">{t.scheduleSubmit}</button>
    </form>
  );
}
