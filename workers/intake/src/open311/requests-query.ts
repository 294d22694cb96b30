import * as z from "zod";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { Open311Error } from "./format";
import type { RequestFilters } from "./open311-queries";

/** GeoReport's window: start_date/end_date default to the last 90 days and may not span more. */
export const MAX_SPAN_MS = 90 * 24 * 3600_000;
/** Paging is our extension (`page`, `page_size`); the spec leaves a list's length to the server. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
const MAX_IDS = 100;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const commaList = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.split(",").map((s) => s.trim()) : undefined),
    z.array(item).min(1).max(MAX_IDS).optional(),
  );
const W3cDate = z.preprocess(
  blank,
  z.iso
    .datetime({ offset: true, message: "a W3C date-time with its offset, e.g. 2026-12-01T00:00:00+08:00" })
    .optional(),
);
const PageNumber = (max: number, fallback: number) =>
  z.preprocess(blank, z.coerce.number().int().min(1).max(max).default(fallback));

const RequestsQuery = z.object({
  service_request_id: commaList(z.string().min(1).max(24)),
  service_code: commaList(z.string().min(1).max(32)),
  start_date: W3cDate,
  end_date: W3cDate,
  status: commaList(z.enum(["open", "closed"])),
  page: PageNumber(10_000, 1),
  page_size: PageNumber(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
});

export type RequestsQuery = { ids: string[] } | { ids: null; filters: RequestFilters };

/** GET requests' parameters: a list of ids (which overrides every other parameter, as the spec says), or filters. */
export function parseRequestsQuery(query: Record<string, string>, nowMs: number): RequestsQuery {
  const parsed = RequestsQuery.safeParse(query);
  if (!parsed.success)
    throw new Open311Error(
      400,
      parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "),
    );
  const q = parsed.data;
  if (q.service_request_id)
    return { ids: [...new Set(q.service_request_id.map((id) => normalizeTrackingNo(id) ?? id))] };
  const start = q.start_date ? Date.parse(q.start_date) : undefined;
  const end = q.end_date ? Date.parse(q.end_date) : undefined;
  const to = end ?? (start !== undefined ? start + MAX_SPAN_MS : nowMs);
  const from = start ?? to - MAX_SPAN_MS;
  if (from > to) throw new Open311Error(400, "start_date: must not be after end_date");
  if (to - from > MAX_SPAN_MS) throw new Open311Error(400, "start_date, end_date: may not span more than 90 days");
  return {
    ids: null,
    filters: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      serviceCodes: q.service_code,
      statuses: q.status,
      page: q.page,
      pageSize: q.page_size,
    },
  };
}
