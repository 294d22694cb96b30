import { formatShanghai } from "../../../../shared/clocks/period";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { AdminOverview } from "../desk/admin-queries";
import type { Staff } from "../desk/session";
import { Guard, Remove } from "./admin-page";

/** Partner API keys on the admin page: each key's state and its quota a minute; a new key. */
export function ApiKeysSection({ staff, keys }: { staff: Staff; keys: AdminOverview["keys"] }) {
  const t = consoleText();
  return (
    <section class="card" id="keys">
      <h2>{t.keysTitle}</h2>
      <table>
        <thead>
          <tr>
            <th>{t.colPartner}</th>
            <th>{t.colCreated}</th>
            <th>{t.colState}</th>
            <th>{t.partnerQuota}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr>
              <td lang={userLang()}>{k.partnerName}</td>
              <td>{formatShanghai(k.createdAt)}</td>
              <td>{k.revokedAt ? t.revoked(formatShanghai(k.revokedAt)) : t.valid}</td>
              <td>
                {k.revokedAt ? (
                  k.quotaPerMinute
                ) : (
                  <form method="post" action="/console/admin/keys/quota" class="inline">
                    <Guard staff={staff} />
                    <input type="hidden" name="id" value={k.id} />
                    <input
                      type="number"
                      name="quotaPerMinute"
                      value={String(k.quotaPerMinute)}
                      min={0}
                      max={100000}
                      aria-label={`${t.partnerQuota}: ${k.partnerName}`}
                    />
                    <button type="submit">{t.partnerQuotaSave}</button>
                  </form>
                )}
              </td>
              <td>
                {!k.revokedAt && (
                  <Remove staff={staff} action="/console/admin/keys/revoke" fields={{ id: k.id }} label={t.revoke} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/console/admin/keys">
        <Guard staff={staff} />
        <label for="k-partner">{t.partnerName}</label>
        <input type="text" id="k-partner" name="partnerName" required />
        <button type="submit">{t.createKey}</button>
      </form>
    </section>
  );
}
