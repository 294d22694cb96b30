import type { MiddlewareHandler } from "hono";
import { ApiError } from "../../../../shared/http/errors";
import { Layout } from "../../../../shared/ui/layout";

const MESSAGES: Record<string, string> = {
  rate_limited: "提交过于频繁，请一分钟后再试。",
  payload_too_large: "提交的内容过长，请删减后重试。",
  unsupported_media_type: "表单格式不正确，请从留言页面重新提交。",
};

/**
 * A form post that fails before its fields are read (rate limit, size, content type) still answers
 * a person with a page, not the API's JSON envelope. Status and Retry-After stay as they were.
 */
export const formErrorsAsPages: MiddlewareHandler = async (c, next) => {
  await next();
  const error = c.error;
  if (!(error instanceof ApiError) || !MESSAGES[error.code]) return;
  const page = await c.html(
    <Layout title="未能提交">
      <h1>未能提交</h1>
      <section class="card">
        <p role="alert">{MESSAGES[error.code]}</p>
        <p>
          <a href="/submit">返回留言页面</a> · <a href="/lookup">查询进度</a>
        </p>
      </section>
    </Layout>,
    error.status,
  );
  for (const [k, v] of Object.entries(error.headers ?? {})) page.headers.set(k, v);
  c.res = page;
};
