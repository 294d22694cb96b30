import { formatShanghai } from "../../../../shared/clocks/period";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { NOTIFICATION_STATUSES, type recentNotifications, type unreachable } from "../desk/desk-queries";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";

/**
 * The platform office's notification log: what went to whom, on which channel, and how it ended
 * (a failure with the provider's error). Recipients are shown in full here only: this page is the
 * office's, and a citizen who says "I got nothing" is answered from it. Above it, who cannot be reached.
 */
export function NotificationsPage({
  staff,
  rows,
  status,
  gaps,
}: {
  staff: Staff;
  rows: Awaited<ReturnType<typeof recentNotifications>>;
  status: string | null;
  gaps: Awaited<ReturnType<typeof unreachable>>;
}) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.notificationsTitle} staff={staff} current="/console/notifications">
      <h1>{t.notificationsHeading}</h1>
      {(gaps.accounts.length > 0 || gaps.departmentGaps.length > 0) && (
        <section class="card">
          <h2>{t.unreachableHeading}</h2>
          <ul>
            {gaps.departmentGaps.map((g) => (
              <li>
                <span lang={userLang()}>{g.department}</span>
                {t.open}
                {[g.noHandler ? t.noReachableHandler : null, g.noHead ? t.noReachableHead : null]
                  .filter(Boolean)
                  .join(t.listSeparator)}
                {t.close}
              </li>
            ))}
            {gaps.accounts.map((a) => (
              <li>
                <span lang={userLang()}>
                  {a.department} · {a.name}
                </span>
                {t.open}
                {t.roles[a.role] ?? a.role}
                {t.close}
                {t.noContact}
              </li>
            ))}
          </ul>
        </section>
      )}
      <nav class="tabs" aria-label={t.notificationStatusFilter}>
        <a href="/console/notifications" aria-current={status === null ? "page" : undefined}>
          {t.allStatuses}
        </a>
        {NOTIFICATION_STATUSES.map((s) => (
          <a href={`/console/notifications?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {t.notificationStatus[s]}
          </a>
        ))}
      </nav>
      <section class="card">
        {rows.length === 0 ? (
          <p class="hint">{t.noNotifications}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.colTime}</th>
                  <th scope="col">{t.colCase}</th>
                  <th scope="col">{t.colChannel}</th>
                  <th scope="col">{t.colRecipient}</th>
                  <th scope="col">{t.colMessage}</th>
                  <th scope="col">{t.colStatus}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((n) => (
                  <tr>
                    <td>{formatShanghai(n.createdAt)}</td>
                    <td class="mono">
                      {n.trackingNo ? (
                        <a href={`/console/cases/${n.trackingNo}`}>{formatTrackingNo(n.trackingNo)}</a>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>{n.channel}</td>
                    <td class="mono">
                      {n.recipient}
                      <br />
                      <span class="hint">{n.recipientKind === "staff" ? t.recipientStaff : t.recipientCitizen}</span>
                    </td>
                    {/* The message as it was sent (its language is the recipient's); secrets masked. */}
                    <td lang={userLang()}>{n.message}</td>
                    <td>
                      {t.notificationStatus[n.status as (typeof NOTIFICATION_STATUSES)[number]] ?? n.status}
                      {n.provider ? ` · ${n.provider}` : ""}
                      {n.attempts > 1 ? ` · ×${n.attempts}` : ""}
                      {n.error ? <p class="hint">{n.error}</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ConsoleLayout>
  );
}
