import { localName, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { AdminOverview } from "../desk/admin-queries";
import type { Staff } from "../desk/session";
import { ApiKeysSection } from "./api-keys-section";
import { ConsoleLayout } from "./console-layout";

export function Guard({ staff }: { staff: Staff }) {
  return <input type="hidden" name="_csrf" value={staff.csrf} />;
}

export function Remove(props: { staff: Staff; action: string; fields: Record<string, string>; label?: string }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Guard staff={props.staff} />
      {Object.entries(props.fields).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class="small">
        {props.label ?? consoleText().remove}
      </button>
    </form>
  );
}

export interface AdminPageProps {
  staff: Staff;
  data: AdminOverview;
  error?: string;
  /** A newly created API key, shown once: only its hash is stored. */
  newKey?: { partnerName: string; plaintext: string };
  /** A password an admin just reset, shown once. */
  oneTimePassword?: { username: string; plaintext: string };
}

/** One page for the platform operator: 派单目录, word list, users, partner API keys, departments. */
export function AdminPage({ staff, data, error, newKey, oneTimePassword }: AdminPageProps) {
  const t = consoleText();
  const deptName = new Map(data.departments.map((d) => [d.id, localName(d)]));
  const catName = new Map(data.categories.map((c) => [c.code, localName(c)]));
  return (
    <ConsoleLayout title={t.adminTitle} staff={staff}>
      <h1>{t.adminTitle}</h1>
      <p>
        <a href="/console/admin/clocks">{t.clocksLink}</a> · <a href="/console/admin/widget-origins">{t.widgetLink}</a>{" "}
        · <a href="/console/admin/failed-work">{t.failedWorkLink}</a> ·{" "}
        <a href="/console/admin/structure">{t.structureLink}</a> · <a href="/console/admin/audit">{t.auditLink}</a>
      </p>
      {error && (
        <div class="errors" role="alert">
          <p>{error}</p>
        </div>
      )}
      {newKey && (
        <div class="notice" role="status">
          <p>{t.newKey(newKey.partnerName)}</p>
          <p class="secret" data-testid="new-api-key">
            {newKey.plaintext}
          </p>
        </div>
      )}
      {oneTimePassword && (
        <div class="notice" role="status">
          <p>{t.oneTimePasswordFor(oneTimePassword.username)}</p>
          <p class="secret" data-testid="one-time-password">
            {oneTimePassword.plaintext}
          </p>
        </div>
      )}
      <section class="card" id="routing">
        <h2>{t.routingTitle}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.colCategory}</th>
              <th>{t.colRegion}</th>
              <th>{t.colDepartment}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rules.map((r) => (
              <tr>
                <td>{catName.get(r.category) ?? r.category}</td>
                <td>{r.regionCode === "*" ? t.allRegions : r.regionCode}</td>
                <td>{deptName.get(r.departmentId) ?? r.departmentId}</td>
                <td>
                  <Remove
                    staff={staff}
                    action="/console/admin/routing/delete"
                    fields={{ category: r.category, regionCode: r.regionCode }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/admin/routing">
          <Guard staff={staff} />
          <label for="rule-cat">{t.colCategory}</label>
          <select id="rule-cat" name="category">
            {data.categories.map((c) => (
              <option value={c.code}>{localName(c)}</option>
            ))}
          </select>
          <label for="rule-region">{t.colRegion}</label>
          <select id="rule-region" name="regionCode">
            <option value="*">{t.allRegions}</option>
            {data.regions.map((r) => (
              <option value={r.code}>{localName(r)}</option>
            ))}
          </select>
          <label for="rule-dept">{t.colDepartment}</label>
          <select id="rule-dept" name="departmentId">
            {data.departments.map((d) => (
              <option value={d.id}>{localName(d)}</option>
            ))}
          </select>
          <button type="submit">{t.saveRule}</button>
        </form>
      </section>
      <section class="card" id="words">
        <h2>{t.wordsTitle}</h2>
        <ul>
          {data.words.map((w) => (
            <li>
              <span lang={userLang()}>{w.word}</span>{" "}
              <Remove staff={staff} action="/console/admin/words/delete" fields={{ id: w.word }} />
            </li>
          ))}
        </ul>
        <form method="post" action="/console/admin/words">
          <Guard staff={staff} />
          <label for="word">{t.newWord}</label>
          <input type="text" id="word" name="word" required minlength={2} maxlength={20} />
          <button type="submit">{t.add}</button>
        </form>
      </section>
      <section class="card" id="users">
        <h2>{t.usersTitle}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.colUsername}</th>
              <th>{t.colName}</th>
              <th>{t.colRole}</th>
              <th>{t.colUnit}</th>
              <th>{t.colState}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr>
                <td class="mono">{u.username}</td>
                <td lang={userLang()}>
                  {u.displayName}
                  {u.publicTitle ? `（${u.publicTitle}）` : ""}
                </td>
                <td>{u.role}</td>
                <td>{deptName.get(u.departmentId) ?? u.departmentId}</td>
                <td>{u.disabledAt ? t.disabled : u.passwordChangeRequired ? t.awaitingPassword : t.active}</td>
                <td>
                  {u.id !== staff.userId && (
                    <>
                      <Remove
                        staff={staff}
                        action={u.disabledAt ? "/console/admin/users/enable" : "/console/admin/users/disable"}
                        fields={{ id: u.id }}
                        label={u.disabledAt ? t.enable : t.disable}
                      />{" "}
                      {!u.disabledAt && (
                        <Remove
                          staff={staff}
                          action="/console/admin/users/reset-password"
                          fields={{ id: u.id }}
                          label={t.resetPassword}
                        />
                      )}{" "}
                      {u.secondFactor && (
                        <Remove
                          staff={staff}
                          action="/console/admin/users/reset-second-factor"
                          fields={{ id: u.id }}
                          label={t.resetSecondFactor}
                        />
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/console/admin/users">
          <Guard staff={staff} />
          <label for="u-name">{t.colUsername}</label>
          <input type="text" id="u-name" name="username" required />
          <label for="u-display">{t.colName}</label>
          <input type="text" id="u-display" name="displayName" required />
          <label for="u-role">{t.colRole}</label>
          <select id="u-role" name="role">
            {["dispatcher", "handler", "spokesperson", "supervisor", "evaluator", "admin"].map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
          <label for="u-dept">{t.colUnit}</label>
          <select id="u-dept" name="departmentId">
            {data.departments.map((d) => (
              <option value={d.id}>{localName(d)}</option>
            ))}
          </select>
          <label for="u-title">
            {t.publicTitle} <span class="hint">{t.publicTitleHint}</span>
          </label>
          <input type="text" id="u-title" name="publicTitle" />
          <label for="u-pass">
            {t.initialPassword} <span class="hint">{t.passwordHint}</span>
          </label>
          <input type="password" id="u-pass" name="password" required minlength={10} autocomplete="new-password" />
          <button type="submit">{t.createUser}</button>
        </form>
      </section>
      <ApiKeysSection staff={staff} keys={data.keys} />
      <section class="card" id="departments">
        <h2>{t.departmentsTitle}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.colCode}</th>
              <th>{t.colDeptName}</th>
              <th>{t.colKind}</th>
              <th>{t.colRegion}</th>
            </tr>
          </thead>
          <tbody>
            {data.departments.map((d) => (
              <tr>
                <td class="mono">{d.id}</td>
                <td>{localName(d)}</td>
                <td>{d.kind}</td>
                <td>{d.regionCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </ConsoleLayout>
  );
}
