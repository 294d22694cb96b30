import { loadMeta } from "../../../../shared/db/case-queries";
import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import { TYPE_LABELS } from "../../../../shared/ui/labels";
import type { XmlValue } from "./format";

/** The day this GeoReport interface last changed, as discovery's `changeset` tells clients. */
const CHANGESET = "2026-12-08T00:00:00+08:00";
const GROUP = "网络问政";

/** Service discovery: one GeoReport v2 endpoint, in both formats. */
export function discovery(origin: string, env: IntakeEnv["WENZHENG_ENV"]): XmlValue {
  return {
    changeset: CHANGESET,
    contact: `${origin}/ (网络问政办公室 / the platform office)`,
    key_service:
      "API keys (api_key) are the platform's partner keys, issued by the platform office in the staff console.",
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${origin}/open311/v2`,
        changeset: CHANGESET,
        type: env === "production" || env === "selfhost" ? "production" : "test",
        formats: ["text/xml", "application/json"],
      },
    ],
  };
}

/** Service list: the categories new messages may take (service_code = category code). */
export async function serviceList(db: D1Database): Promise<XmlValue[]> {
  const { categories } = await loadMeta(db, "zh", true);
  return categories.map((k) => ({
    service_code: k.code,
    service_name: k.name,
    description: `${k.name}方面的咨询、建议、求助、投诉、举报或感谢`,
    metadata: true,
    type: "realtime",
    keywords: null,
    group: GROUP,
  }));
}

/**
 * Service definition: the attributes a POST takes beside GeoReport's own fields. Every category
 * takes the same ones; null for a code that is not an active category.
 */
export async function serviceDefinition(db: D1Database, code: string): Promise<XmlValue | null> {
  const meta = await loadMeta(db, "zh", true);
  if (!meta.categories.some((k) => k.code === code)) return null;
  const list = (values: { key: string; name: string }[]) => values.map((v) => ({ key: v.key, name: v.name }));
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: "type",
        datatype: "singlevaluelist",
        required: true,
        datatype_description: "留言类型 / message type",
        order: 1,
        description: "留言类型 / message type",
        values: list(MESSAGE_TYPES.map((t) => ({ key: t, name: TYPE_LABELS[t].zh }))),
      },
      {
        variable: true,
        code: "is_public",
        datatype: "singlevaluelist",
        required: true,
        datatype_description: "true: 同意在网上公开 (published on the board once accepted); false: 不公开",
        order: 2,
        description: "是否公开 / publish on the public board",
        values: list([
          { key: "true", name: "公开" },
          { key: "false", name: "不公开" },
        ]),
      },
      {
        variable: true,
        code: "region",
        datatype: "singlevaluelist",
        required: false,
        datatype_description:
          "不填则按 address_string 中的地名，再不然为市本级 / else the place named in address_string, else the city",
        order: 3,
        description: "所属区县 / district or county",
        values: list(meta.regions.map((r) => ({ key: r.code, name: r.name }))),
      },
      {
        variable: true,
        code: "title",
        datatype: "string",
        required: false,
        datatype_description: "5–100 字；不填则取描述的前 30 字 / else the description's first 30 characters",
        order: 4,
        description: "标题 / title",
        values: [],
      },
    ],
  };
}
