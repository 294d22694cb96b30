import { Hono } from "hono";
import { toShanghaiIso } from "../../../../shared/clocks/period";
import { ApiError } from "../../../../shared/http/errors";
import { Layout } from "../../../../shared/ui/layout";

/**
 * The developer's inbox (`npm start`): every SMS and e-mail the local provider "sent", newest first,
 * as a page and as JSON. Local development only: WENZHENG_ENV is "local" only at the top level of the
 * wrangler configs, so in every deployed environment both answer 404 before anything is read.
 */
export const devOutbox = new Hono<{ Bindings: IntakeEnv }>();

devOutbox.use("*", async (c, next) => {
  if (c.env.WENZHENG_ENV !== "local") throw new ApiError(404, "not_found", "No such resource.");
  await next();
});

interface InboxRow {
  channel: string;
  recipient: string;
  template: string;
  text: string;
  tracking_no: string | null;
  at: string;
}

async function inbox(db: D1Database) {
  const { results } = await db
    .prepare(
      "SELECT channel, recipient, template, text, tracking_no, at FROM dev_outbox ORDER BY at DESC, id LIMIT 200",
    )
    .all<InboxRow>();
  return results.map((r) => ({
    channel: r.channel,
    to: r.recipient,
    template: r.template,
    text: r.text,
    at: toShanghaiIso(r.at),
    trackingNo: r.tracking_no,
  }));
}

devOutbox.get("/outbox.json", async (c) => c.json({ messages: await inbox(c.env.DB) }));

devOutbox.get("/outbox", async (c) => {
  const messages = await inbox(c.env.DB);
  return c.html(
    <Layout title="Dev outbox">
      <h1>Dev outbox</h1>
      <p class="hint">
        What the local provider delivered: nothing leaves this machine. JSON:{" "}
        <a href="/__dev/outbox.json">outbox.json</a>
      </p>
      <p class="hint">
        SMS due between 22:00 and 08:00 Beijing time wait for the morning (quiet hours); every message and its state,
        held or not, is in the console's <a href="/console/notifications">notification log</a>.
      </p>
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">at</th>
                <th scope="col">channel</th>
                <th scope="col">to</th>
                <th scope="col">template</th>
                <th scope="col">case</th>
                <th scope="col">text</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr>
                  <td>{m.at.slice(0, 19).replace("T", " ")}</td>
                  <td>{m.channel}</td>
                  <td>{m.to}</td>
                  <td>{m.template}</td>
                  <td>{m.trackingNo ?? "—"}</td>
                  <td style="white-space:pre-wrap">{m.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
});
