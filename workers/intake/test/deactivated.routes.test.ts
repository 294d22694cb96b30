import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectEnvelope, json, postCase } from "./cases-fixtures";
import { SUBMISSION, uniqueKey } from "./fixtures";

// Rows an admin deactivated (or a city file stopped listing): kept for old cases, offered to no new one.
beforeAll(async () => {
  const at = "2026-12-01T00:00:00.000Z";
  await env.DB.batch([
    env.DB.prepare("INSERT INTO categories (code, name, deactivated_at) VALUES ('retired', '已撤销的分类', ?)").bind(
      at,
    ),
    env.DB.prepare("INSERT INTO regions (code, name, deactivated_at) VALUES ('620899', '已撤销的区', ?)").bind(at),
    env.DB.prepare(
      "INSERT INTO addressees (code, name, department_id, deactivated_at) VALUES ('old-mayor', '原市长信箱', 'pl-mayor-office', ?)",
    ).bind(at),
    env.DB.prepare("UPDATE departments SET head_name = '郑慧敏', head_title = '主任' WHERE id = 'pl-health'"),
  ]);
});

describe("deactivated categories, regions and mailboxes", () => {
  it("are not offered to partners' forms", async () => {
    const meta = (await (await exports.default.fetch("http://intake.test/api/v1/meta")).json()) as Record<
      string,
      { code: string }[]
    >;
    expect(meta.categories?.map((c) => c.code)).not.toContain("retired");
    expect(meta.regions?.map((r) => r.code)).not.toContain("620899");
    expect(meta.addressees?.map((a) => a.code)).not.toContain("old-mayor");
    expect(meta.categories?.map((c) => c.code)).toContain("urban_rural");
  });

  it("are refused in a new message, each named", async () => {
    const res = await postCase(
      json({ ...SUBMISSION, category: "retired", regionCode: "620899", addressee: "old-mayor" }),
      { key: uniqueKey() },
    );
    const error = await expectEnvelope(res, 400, "validation_failed");
    expect(error.issues?.map((i) => i.path).sort()).toEqual(["addressee", "category", "regionCode"]);
  });
});

it("a department's public page names its head", async () => {
  const page = await (await exports.default.fetch("http://intake.test/departments/pl-health")).text();
  expect(page).toContain("负责人");
  expect(page).toContain("郑慧敏 · 主任");
});
