import { Layout } from "../../../../shared/ui/layout";

interface Operation {
  summary?: string;
  responses?: Record<string, { description?: string }>;
}

/** A plain reference page rendered from the generated OpenAPI document (no third-party script). */
export function ApiReferencePage({ doc }: { doc: { paths?: object } }) {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <Layout title="开放接口">
      <h1>开放接口 API v1</h1>
      <p>
        机器可读文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>（OpenAPI 3.1，由校验用的 zod
        模式生成）。错误统一为 <code>{'{ "error": { "code", "message", "issues"? } }'}</code>。
      </p>
      {operations.map(({ path, method, op }) => (
        <section class="card">
          <h2 class="mono">
            {method} {path}
          </h2>
          <p>{op.summary}</p>
          <table>
            <tbody>
              {Object.entries(op.responses ?? {}).map(([status, r]) => (
                <tr>
                  <td class="mono">{status}</td>
                  <td>{r.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Layout>
  );
}
