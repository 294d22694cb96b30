import { env, exports } from "cloudflare:workers";
import { periodOf, previousPeriod } from "../../../shared/clocks/period";
import { newTrackingNo } from "../../../shared/domain/ids";

const BASE = "http://intake.test";

export const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  exports.default.fetch(`${BASE}${path}`, { method, headers });

interface CaseFields {
  status?: string;
  isPublic?: boolean;
  title?: string;
  body?: string;
  address?: string;
  petitionerName?: string;
  petitionerPhone?: string;
  petitionerEmail?: string;
  departmentId?: string | null;
  dueAt?: string | null;
  reply?: { text: string; name: string; title: string } | null;
  rating?: string | null;
}

/** A read-model row as the durable object would project it; the widget reads nothing else. */
export async function insertCase(f: CaseFields = {}): Promise<string> {
  const trackingNo = newTrackingNo();
  const now = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, address, channel, is_public, department_id,
       petitioner_name, petitioner_phone, petitioner_email, query_code_hash, receipt_hash, submitted_at, assigned_at, due_at,
       replied_at, reply_text, reply_outcome, reply_spokesperson_name, reply_spokesperson_title, rating, last_seq, updated_at)
     VALUES (?, ?, 'complaint', ?, ?, ?, '620802', ?, 'api', ?, ?, ?, ?, ?, 'qh', 'rh', ?, ?, ?, ?, ?, ?, ?, ?, ?, 3, ?)`,
  )
    .bind(
      `widget-${trackingNo}`,
      trackingNo,
      f.status ?? "assigned",
      f.title ?? "小区路灯不亮",
      f.body ?? "路灯坏了两个月，请尽快维修。",
      f.address ?? null,
      (f.isPublic ?? true) ? 1 : 0,
      f.departmentId === undefined ? "pl-housing" : f.departmentId,
      f.petitionerName ?? null,
      f.petitionerPhone ?? "13700000000",
      f.petitionerEmail ?? null,
      now,
      now,
      f.dueAt === undefined ? new Date(Date.now() + 5 * 86400_000).toISOString() : f.dueAt,
      f.reply ? now : null,
      f.reply?.text ?? null,
      f.reply ? "resolved" : null,
      f.reply?.name ?? null,
      f.reply?.title ?? null,
      f.rating ?? null,
      now,
    )
    .run();
  return trackingNo;
}

// The months the default period looks at: the current Beijing month, then the one before.
export const CURRENT = periodOf(new Date().toISOString());
export const PREVIOUS = previousPeriod(CURRENT);
export const PAST = "2025-07"; // an explicit ?period= / data-period month
