import type { MetaOptions } from "../../../../shared/db/case-queries";
import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { TYPE_LABELS } from "../../../../shared/ui/labels";
import { Layout } from "../../../../shared/ui/layout";

export type FormValues = Partial<Record<string, string>>;

export interface SubmitPageProps {
  meta: MetaOptions;
  formToken: string;
  values: FormValues;
  errors: Record<string, string>;
  generalErrors: string[];
}

function Options(props: { items: { code: string; name: string }[]; selected?: string; empty?: string }) {
  return (
    <>
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {props.items.map((i) => (
        <option value={i.code} selected={i.code === props.selected}>
          {i.name}
        </option>
      ))}
    </>
  );
}

/** The fields in the order they appear, so the error summary lists them in reading order. */
const FIELD_ORDER = [
  "type",
  "title",
  "body",
  "regionCode",
  "address",
  "category",
  "addressee",
  "name",
  "phone",
  "email",
  "isPublic",
];

/**
 * The message form. Posts plainly to /submit (the language in the action's query: the form's
 * parser refuses unknown fields); a partner site can copy the same fields.
 */
export function SubmitPage({ meta, formToken, values: v, errors: given, generalErrors }: SubmitPageProps) {
  const lang = portalLang();
  const t = text(lang);
  // The route words its field messages in zh-CN; the English form says the same in English.
  const errors = Object.fromEntries(
    Object.entries(given).map(([k, m]) => [k, lang === "en" ? (t.fieldMessages[k] ?? m) : m]),
  );
  const types = MESSAGE_TYPES.map((code) => ({ code, name: TYPE_LABELS[code][lang] }));
  const invalid = (name: string) => (errors[name] ? "true" : undefined);
  const describedBy = (name: string) => (errors[name] ? `${name}-error` : undefined);
  const labelOf: Record<string, string> = {
    type: t.submitType,
    title: t.submitTitleField,
    body: t.submitBody,
    regionCode: t.submitRegion,
    address: t.submitAddress,
    category: t.submitCategory,
    addressee: t.submitAddressee,
    name: t.submitName,
    phone: t.submitPhone,
    email: t.submitEmail,
    isPublic: t.submitPublic,
  };
  const fieldErrors = FIELD_ORDER.filter((f) => errors[f]);
  const Err = ({ name }: { name: string }) =>
    errors[name] ? (
      <span class="field-error" id={`${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  return (
    <Layout title={t.submitTitle}>
      <h1>{t.submitTitle}</h1>
      {(generalErrors.length > 0 || fieldErrors.length > 0) && (
        <div class="errors" role="alert" aria-labelledby="error-summary">
          <p id="error-summary">
            <strong>{t.submitErrorIntro}</strong>
          </p>
          <ul>
            {generalErrors.map((e) => (
              <li>{e}</li>
            ))}
            {fieldErrors.map((f) => (
              <li>
                <a href={`#${f}`}>{`${labelOf[f] ?? f}${t.colon}${errors[f]}`}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={localHref("/submit", lang)} class="card" accept-charset="utf-8">
        <input type="hidden" name="formToken" value={formToken} />
        <label for="type">{t.submitType}</label>
        <select id="type" name="type" required aria-invalid={invalid("type")} aria-describedby={describedBy("type")}>
          <Options items={types} selected={v.type} empty={t.choose} />
        </select>
        <Err name="type" />

        <label for="title">
          {t.submitTitleField} <span class="hint">{t.submitTitleHint}</span>
        </label>
        <input
          type="text"
          id="title"
          name="title"
          value={v.title ?? ""}
          minlength={5}
          maxlength={100}
          required
          aria-invalid={invalid("title")}
          aria-describedby={describedBy("title")}
        />
        <Err name="title" />

        <label for="body">
          {t.submitBody} <span class="hint">{t.submitBodyHint}</span>
        </label>
        <textarea
          id="body"
          name="body"
          minlength={10}
          maxlength={4000}
          required
          aria-invalid={invalid("body")}
          aria-describedby={describedBy("body")}
        >
          {v.body ?? ""}
        </textarea>
        <Err name="body" />

        <label for="regionCode">{t.submitRegion}</label>
        <select
          id="regionCode"
          name="regionCode"
          required
          aria-invalid={invalid("regionCode")}
          aria-describedby={describedBy("regionCode")}
        >
          <Options items={meta.regions} selected={v.regionCode} empty={t.choose} />
        </select>
        <Err name="regionCode" />

        <label for="address">
          {t.submitAddress} <span class="hint">{t.optional}</span>
        </label>
        <input
          type="text"
          id="address"
          name="address"
          value={v.address ?? ""}
          maxlength={200}
          autocomplete="street-address"
          aria-invalid={invalid("address")}
          aria-describedby={describedBy("address")}
        />
        <Err name="address" />

        <label for="category">
          {t.submitCategory} <span class="hint">{t.submitCategoryHint}</span>
        </label>
        <select
          id="category"
          name="category"
          aria-invalid={invalid("category")}
          aria-describedby={describedBy("category")}
        >
          <Options items={meta.categories} selected={v.category} empty={t.notSure} />
        </select>
        <Err name="category" />

        <label for="addressee">
          {t.submitAddressee} <span class="hint">{t.submitAddresseeHint}</span>
        </label>
        <select
          id="addressee"
          name="addressee"
          aria-invalid={invalid("addressee")}
          aria-describedby={describedBy("addressee")}
        >
          <Options items={meta.addressees} selected={v.addressee} empty={t.noAddressee} />
        </select>
        <Err name="addressee" />

        <label for="name">
          {t.submitName} <span class="hint">{t.submitNameHint}</span>
        </label>
        <input
          type="text"
          id="name"
          name="name"
          value={v.name ?? ""}
          maxlength={40}
          autocomplete="name"
          aria-invalid={invalid("name")}
          aria-describedby={describedBy("name")}
        />
        <Err name="name" />

        <label for="phone">
          {t.submitPhone} <span class="hint">{t.submitPhoneHint}</span>
        </label>
        <input
          type="tel"
          id="phone"
          name="phone"
          value={v.phone ?? ""}
          inputmode="numeric"
          pattern="1[3-9][0-9]{9}"
          required
          autocomplete="tel"
          aria-invalid={invalid("phone")}
          aria-describedby={describedBy("phone")}
        />
        <Err name="phone" />

        <label for="email">
          {t.submitEmail} <span class="hint">{t.optional}</span>
        </label>
        <input
          type="email"
          id="email"
          name="email"
          value={v.email ?? ""}
          maxlength={120}
          autocomplete="email"
          aria-invalid={invalid("email")}
          aria-describedby={describedBy("email")}
        />
        <Err name="email" />

        <fieldset>
          <legend>{t.submitNotify}</legend>
          <input type="hidden" name="notifyChoice" value="1" />
          <label>
            <input type="checkbox" name="notifySms" value="true" checked={v.notifySms === "true"} /> {t.submitNotifySms}
          </label>
          <label>
            <input type="checkbox" name="notifyEmail" value="true" checked={v.notifyEmail === "true"} />{" "}
            {t.submitNotifyEmail}
          </label>
        </fieldset>

        <label>
          <input type="checkbox" id="isPublic" name="isPublic" value="true" checked={v.isPublic === "true"} />{" "}
          {t.submitPublic}
        </label>
        <Err name="isPublic" />
        <button type="submit">{t.submitButton}</button>
      </form>
    </Layout>
  );
}
