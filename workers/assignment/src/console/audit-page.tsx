import { formatShanghai } from "../../../../shared/clocks/period";
import { AUDITED_ENTITIES, type AuditRow } from "../../../../shared/db/audit-queries";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

/** Only the fields a change touched, so a long row reads as what happened to it. */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before, after };
  const keys = Object.keys({ ...before, ...after }).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  const pick = (row: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
  return { before: pick(before), after: pick(after) };
}

const json = (value: Record<string, unknown> | null) => (value ? JSON.stringify(value, null, 1) : "");

export function AuditPage(props: { staff: Staff; rows: AuditRow[]; entity?: string; older?: string }) {
  const t = consoleText();
  const filter = props.entity ? `entity=${encodeURIComponent(props.entity)}&` : "";
  return (
    <ConsoleLayout title={t.auditTitle} staff={props.staff}>
      <p>
        <a href="/console/admin">{t.backToAdmin}</a>
      </p>
      <h1>{t.auditTitle}</h1>
      <p class="hint">{t.auditHint}</p>
      <form method="get" action="/console/admin/audit" class="inline">
        <label for="audit-entity">{t.colEntity}</label>
        <select id="audit-entity" name="entity">
          <option value="">{t.auditAll}</option>
          {AUDITED_ENTITIES.map((e) => (
            <option value={e} selected={e === props.entity}>
              {e}
            </option>
          ))}
        </select>
        <button type="submit" class="small">
          {t.filter}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>{t.noAudit}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.colAt}</th>
              <th>{t.colActor}</th>
              <th>{t.colChange}</th>
              <th>{t.colObject}</th>
              <th>{t.colBefore}</th>
              <th>{t.colAfter}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => {
              const shown = changedFields(r.before, r.after);
              return (
                <tr data-testid="audit-row">
                  <td>{formatShanghai(r.at)}</td>
                  <td class="mono">{r.actorName}</td>
                  <td class="mono">{r.action}</td>
                  <td class="mono">{r.entityId}</td>
                  <td>
                    <pre>{json(shown.before)}</pre>
                  </td>
                  <td>
                    <pre>{json(shown.after)}</pre>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.older && (
        <p>
          <a href={`/console/admin/audit?${filter}before=${encodeURIComponent(props.older)}`}>{t.olderEntries}</a>
        </p>
      )}
    </ConsoleLayout>
  );
}
