/**
 * The architecture's own ceiling: what one case costs at the least — one new SQLite-backed durable
 * object per request, its schema set up, one row written, answered over RPC. Intake does this and
 * more for every submission, so intake's throughput over this Worker's is the share the platform's
 * own code leaves of what the design allows.
 */
import { DurableObject } from "cloudflare:workers";

interface Env {
  ONE_ROW: DurableObjectNamespace<OneRow>;
}

export class OneRow extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    });
  }

  write(body: string): number {
    return this.ctx.storage.sql.exec("INSERT INTO rows (body) VALUES (?) RETURNING id", body).one().id as number;
  }
}

export default {
  async fetch(request, env): Promise<Response> {
    const id = await env.ONE_ROW.getByName(crypto.randomUUID()).write(await request.text());
    return Response.json({ id }, { status: 201 });
  },
} satisfies ExportedHandler<Env>;
