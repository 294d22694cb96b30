import { randomId } from "../../../../shared/domain/ids";
import { type Lang, localHref, text } from "../../../../shared/ui/i18n";

/** Why the case object refused a 附议, by its error code, for the page. */
export const SUPPORT_REFUSALS: Record<string, Record<Lang, string>> = {
  not_supportable: { zh: "这条留言已办结，不能再附议。", en: "This case is closed and takes no more supporters." },
  case_merged: {
    zh: "这条留言已合并到另一条留言，请到那条留言附议。",
    en: "This message was merged into another; support that one.",
  },
  not_found: { zh: "这条留言不能附议。", en: "This message cannot be supported." },
};

/** 附议 on the public case page: the count, and (where the case takes supporters) the form. */
export function SupportSection(props: {
  trackingNo: string;
  supporters: number;
  open: boolean;
  lang: Lang;
  notice?: string;
  error?: string;
  phone?: string;
}) {
  const t = text(props.lang);
  return (
    <section class="card" aria-labelledby="support">
      <h2 id="support">{t.supportTitle}</h2>
      <p data-testid="supporters">{t.supportCount(props.supporters)}</p>
      {props.notice && <p role="status">{props.notice}</p>}
      {props.error && (
        <p class="error" role="alert" id="support-error">
          {props.error}
        </p>
      )}
      {props.open && (
        <form method="post" action={localHref(`/cases/${props.trackingNo}/support`, props.lang)}>
          <p class="hint">{t.supportHint}</p>
          {/* One key per rendered form: a double click counts once. Not a UUID: its digit groups read like a bank card. */}
          <input type="hidden" name="key" value={randomId()} />
          <label for="support-phone">{t.submitPhone}</label>
          <input
            type="tel"
            id="support-phone"
            name="phone"
            value={props.phone ?? ""}
            inputmode="numeric"
            pattern="1[3-9][0-9]{9}"
            maxlength={11}
            autocomplete="tel"
            required
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby={props.error ? "support-error" : undefined}
          />
          <button type="submit">{t.supportButton}</button>
        </form>
      )}
    </section>
  );
}
