import { localHref, portalLang, text, userLang } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";

export interface SpokespersonEntry {
  departmentId?: string;
  department: string;
  name: string;
  title: string | null;
}

/** 网络发言人: every department's named spokespeople, who answer in public under these names. */
export function SpokespeoplePage({ entries }: { entries: SpokespersonEntry[] }) {
  const lang = portalLang();
  const t = text(lang);
  return (
    <Layout title={t.spokespeopleTitle}>
      <h1>{t.spokespeopleTitle}</h1>
      <section class="card">
        <p>{t.spokespeopleIntro}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.unit}</th>
              <th scope="col">{t.spokesperson}</th>
              <th scope="col">{t.publicTitle}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>
                  {e.departmentId ? (
                    <a href={localHref(`/departments/${e.departmentId}`, lang)}>{e.department}</a>
                  ) : (
                    e.department
                  )}
                </td>
                <td lang={userLang()}>{e.name}</td>
                <td lang={userLang()}>{e.title ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
