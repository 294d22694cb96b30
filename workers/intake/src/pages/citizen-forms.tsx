import { type Lang, localHref, text } from "../../../../shared/ui/i18n";
import { RATING_LABELS, RESOLUTION_LABELS } from "../../../../shared/ui/labels";
import type { PublicView } from "../case-views";

/** The citizen's rating and redo forms: the query code rides along in a hidden field of this no-store page. */
export interface CitizenForms {
  queryCode: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string;
  /** The command just went through: the read model may not show it yet, so no form is offered again. */
  done?: boolean;
  /** The citizen just stopped their notifications. */
  stopped?: boolean;
}

export function CitizenActions(props: {
  view: PublicView;
  forms: CitizenForms;
  redone: boolean;
  justRatedDissatisfied: boolean;
  lang: Lang;
}) {
  const { view, forms, lang } = props;
  const t = text(lang);
  // The routes word their notices and refusals in zh-CN; the English page says the same in English where it knows the field.
  const message = (key: string, zh: string) => (lang === "en" ? (t.formErrors[key] ?? zh) : zh);
  const notice =
    forms.notice && lang === "en"
      ? forms.stopped
        ? t.stoppedNotice
        : forms.values.reason !== undefined
          ? t.redoNotice
          : t.ratedNotice
      : forms.notice;
  const errors = Object.fromEntries(Object.entries(forms.errors).map(([k, v]) => [k, message(k, v)]));
  const shown = { ...forms, errors };
  return (
    <>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {errors.form && (
        <div class="errors" role="alert">
          <p>{errors.form}</p>
        </div>
      )}
      {view.status === "replied" && !view.rating && !forms.done && (
        <RatingForm trackingNo={view.trackingNo} forms={shown} lang={lang} />
      )}
      {view.status === "replied" &&
        !props.redone &&
        (forms.done ? props.justRatedDissatisfied : view.rating === "dissatisfied") && (
          <RedoForm trackingNo={view.trackingNo} forms={shown} lang={lang} />
        )}
      {!forms.stopped && <StopNotificationsForm trackingNo={view.trackingNo} forms={shown} lang={lang} />}
    </>
  );
}

function Choice(props: {
  name: string;
  options: Record<string, { zh: string; en: string }>;
  forms: CitizenForms;
  legend: string;
  lang: Lang;
}) {
  const error = props.forms.errors[props.name];
  return (
    <fieldset aria-describedby={error ? `${props.name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {error && (
        <span class="field-error" id={`${props.name}-error`}>
          {error}
        </span>
      )}
      {Object.entries(props.options).map(([value, label]) => (
        <label class="choice">
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.forms.values[props.name] === value}
            required
          />{" "}
          {label[props.lang]}
        </label>
      ))}
    </fieldset>
  );
}

function CitizenFormGuard({ forms }: { forms: CitizenForms }) {
  return (
    <>
      <input type="hidden" name="queryCode" value={forms.queryCode} />
      <input type="hidden" name="formKey" value={crypto.randomUUID()} />
    </>
  );
}

/**
 * The rating routes refuse fields they do not know, so the language rides in the form's action
 * (`?lang=en`), and the answer page is rendered in it.
 */
const actionOf = (trackingNo: string, kind: "rating" | "redo" | "notifications/stop", lang: Lang) =>
  localHref(`/cases/${trackingNo}/${kind}`, lang);

/** 评价: asked once per reply, within the rating window; an unrated case closes as unrated, never as satisfied. */
function RatingForm({ trackingNo, forms, lang }: { trackingNo: string; forms: CitizenForms; lang: Lang }) {
  const t = text(lang);
  const { unrated: _unrated, ...ratings } = RATING_LABELS;
  return (
    <form
      method="post"
      action={actionOf(trackingNo, "rating", lang)}
      class="card"
      id="rate"
      aria-labelledby="rate-title"
    >
      <h2 id="rate-title">{t.rateTitle}</h2>
      <p class="hint">{t.rateHint}</p>
      <CitizenFormGuard forms={forms} />
      <Choice name="resolution" legend={t.rateSolved} options={RESOLUTION_LABELS} forms={forms} lang={lang} />
      <Choice name="rating" legend={t.rateSatisfied} options={ratings} forms={forms} lang={lang} />
      <label for="comment">{t.rateComment}</label>
      <textarea
        id="comment"
        name="comment"
        maxlength={500}
        rows={3}
        aria-describedby={forms.errors.comment ? "comment-error" : undefined}
      >
        {forms.values.comment ?? ""}
      </textarea>
      {forms.errors.comment && (
        <span class="field-error" id="comment-error">
          {forms.errors.comment}
        </span>
      )}
      <button type="submit">{t.rateSubmit}</button>
    </form>
  );
}

/** 重办: once, after a dissatisfied rating, while the rating window is open. */
/** 退订: no more SMS or e-mail to this phone and address, from any case (recorded by digest). */
function StopNotificationsForm({ trackingNo, forms, lang }: { trackingNo: string; forms: CitizenForms; lang: Lang }) {
  const t = text(lang);
  return (
    <form method="post" action={actionOf(trackingNo, "notifications/stop", lang)} class="card" id="stop-notifications">
      <p class="hint">{t.stopNotificationsHint}</p>
      <CitizenFormGuard forms={forms} />
      <button type="submit">{t.stopNotificationsButton}</button>
    </form>
  );
}

function RedoForm({ trackingNo, forms, lang }: { trackingNo: string; forms: CitizenForms; lang: Lang }) {
  const t = text(lang);
  return (
    <form method="post" action={actionOf(trackingNo, "redo", lang)} class="card" id="redo" aria-labelledby="redo-title">
      <h2 id="redo-title">{t.redoTitle}</h2>
      <p class="hint">{t.redoHint}</p>
      <CitizenFormGuard forms={forms} />
      <label for="reason">{t.redoReason}</label>
      <textarea
        id="reason"
        name="reason"
        required
        minlength={2}
        maxlength={500}
        rows={3}
        aria-describedby={forms.errors.reason ? "reason-error" : undefined}
      >
        {forms.values.reason ?? ""}
      </textarea>
      {forms.errors.reason && (
        <span class="field-error" id="reason-error">
          {forms.errors.reason}
        </span>
      )}
      <button type="submit">{t.redoSubmit}</button>
    </form>
  );
}
