/**
 * The bench's own window on D1, served beside the platform with the same database. The bench reads
 * D1 over HTTP through this Worker rather than through Miniflare's binding proxy, because that
 * proxy answers some calls synchronously (`prepare` blocks Node's event loop until workerd
 * replies): under load it froze the open-loop generator for seconds at a time.
 */
interface Env {
  DB: D1Database;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { sql, params } = await request.json<{ sql: string; params?: unknown[] }>();
    try {
      const { results } = await env.DB.prepare(sql)
        .bind(...(params ?? []))
        .all();
      return Response.json(results);
    } catch (error) {
      return Response.json({ error: String(error) }, { status: 500 });
    }
  },
} satisfies ExportedHandler<Env>;
