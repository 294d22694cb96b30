import { Hono } from "hono";
import { limitBody } from "../../../../shared/http/body-limit";
import { UNSUBSCRIBE_TOKEN } from "../../../../shared/notify/unsubscribe";
import { portalLang, text } from "../../../../shared/ui/i18n";
import { Layout } from "../../../../shared/ui/layout";
import { optOut } from "../optout-queries";

/**
 * The link at the end of every e-mail. GET asks (mail scanners follow links, so a visit alone must
 * not unsubscribe anyone); POST records the opt-out by the address's digest, once. The token is the
 * one stored with the e-mail that carried it, so it opts out exactly that address.
 */
export const unsubscribe = new Hono<{ Bindings: IntakeEnv }>();

function Page({ token, done, invalid }: { token: string; done?: boolean; invalid?: boolean }) {
  const t = text(portalLang());
  return (
    <Layout title={t.unsubscribeTitle}>
      <h1>{t.unsubscribeTitle}</h1>
      <section class="card">
        {invalid ? (
          <p role="alert">{t.unsubscribeInvalid}</p>
        ) : done ? (
          <p role="status">{t.unsubscribeDone}</p>
        ) : (
          <form method="post">
            <p>{t.unsubscribeAsk}</p>
            <input type="hidden" name="t" value={token} />
            <button type="submit">{t.unsubscribeButton}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}

/** The address a token was sent to, or null for a token that is malformed or not ours. */
async function addressOf(db: D1Database, token: string) {
  if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
  return db
    .prepare("SELECT channel, recipient FROM notifications WHERE unsubscribe_token = ?")
    .bind(token)
    .first<{ channel: string; recipient: string }>();
}

unsubscribe.get("/", async (c) => {
  const token = c.req.query("t") ?? "";
  const valid = (await addressOf(c.env.DB, token)) !== null;
  return c.html(<Page token={token} invalid={!valid} />, valid ? 200 : 400);
});

unsubscribe.post("/", limitBody, async (c) => {
  const form = await c.req.parseBody();
  const address = await addressOf(c.env.DB, typeof form.t === "string" ? form.t : "");
  if (!address) return c.html(<Page token="" invalid />, 400);
  await optOut(c.env.DB, [{ channel: address.channel, address: address.recipient }]);
  return c.html(<Page token="" done />);
});
