import { formatShanghai } from "../../../../shared/clocks/period";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";

export interface PublicNotice {
  trackingNo: string | null;
  department: string | null;
  stage: string;
  dueAt: string;
  recordedAt: string;
}

/** 通报: cases left unanswered five working days past their deadline, by department, in public. */
export function NoticesPage({ notices }: { notices: PublicNotice[] }) {
  const lang = portalLang();
  const t = text(lang);
  return (
    <Layout title={t.noticesTitle}>
      <h1>{t.noticesHeading}</h1>
      <section class="card">
        <p>{t.noticesIntro}</p>
        {notices.length === 0 ? (
          <p class="hint">{t.noNotices}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.noticeAt}</th>
                  <th scope="col">{t.factDepartment}</th>
                  <th scope="col">{t.lookupTracking}</th>
                  <th scope="col">{t.noticeStage}</th>
                  <th scope="col">{t.noticeDue}</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => (
                  <tr>
                    <td>{formatShanghai(n.recordedAt)}</td>
                    <td>{n.department ?? t.noticeDispatch}</td>
                    <td class="mono">
                      {n.trackingNo ? (
                        <a href={localHref(`/cases/${n.trackingNo}`, lang)}>{formatTrackingNo(n.trackingNo)}</a>
                      ) : (
                        t.noticeNotPublic
                      )}
                    </td>
                    <td>{t.stages[n.stage] ?? n.stage}</td>
                    <td>{formatShanghai(n.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
