import { formatShanghai } from "../../../../shared/clocks/period";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";

export interface FailedWork {
  id: string;
  queue: string;
  body: unknown;
  error: string;
  attempts: number;
  receivedAt: string;
  replayedAt: string | null;
}

const PATH = "/console/admin/failed-work";

/** Dead letters and cases that never reached D1, newest first, each with its replay button. */
export function FailedWorkPage({ staff, letters, notice }: { staff: Staff; letters: FailedWork[]; notice?: string }) {
  const t = consoleText();
  const open = letters.filter((l) => l.replayedAt === null);
  return (
    <ConsoleLayout title={t.failedWorkTitle} staff={staff}>
      <p>
        <a href="/console/admin">{t.backToAdmin}</a>
      </p>
      <h1>{t.failedWorkTitle}</h1>
      <p class="hint">{t.failedWorkHint}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {letters.length === 0 ? (
        <p>{t.noFailedWork}</p>
      ) : (
        <section class="card">
          {open.length > 0 && (
            <form method="post" action={`${PATH}/replay-all`}>
              <FormGuard staff={staff} />
              <button type="submit">{t.replayAll(open.length)}</button>
            </form>
          )}
          <table>
            <thead>
              <tr>
                <th>{t.colQueue}</th>
                <th>{t.colError}</th>
                <th>{t.colAttempts}</th>
                <th>{t.colReceived}</th>
                <th>{t.colBody}</th>
                <th>{t.colAction}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr data-testid="dead-letter">
                  <td class="mono">{l.queue}</td>
                  <td>{l.error}</td>
                  <td>{l.attempts}</td>
                  <td>{formatShanghai(l.receivedAt)}</td>
                  <td class="mono">{JSON.stringify(l.body).slice(0, 300)}</td>
                  <td>
                    {l.replayedAt === null ? (
                      <form method="post" action={`${PATH}/replay`} class="inline">
                        <FormGuard staff={staff} />
                        <input type="hidden" name="id" value={l.id} />
                        <button type="submit" class="small">
                          {t.replay}
                        </button>
                      </form>
                    ) : (
                      t.replayedAt(formatShanghai(l.replayedAt))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </ConsoleLayout>
  );
}
