import * as z from "zod";
import type { Contact, PlanContext } from "../../../../shared/notify/plan";
import type { Lang } from "../../../../shared/notify/templates";

const StaffRow = z.object({
  id: z.string(),
  role: z.string(),
  department_id: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  is_head: z.coerce.boolean(),
  lang: z.string(),
});
type StaffRow = z.infer<typeof StaffRow>;

const langOf = (lang: string | null | undefined): Lang => (lang === "en" ? "en" : "zh-CN");

/**
 * Who can be told about one case, read from D1 when the message is handled (the queue message
 * carries no personal data): the petitioner with the channels they opted in to, the names of the
 * departments the message names, and, `withStaff`, the active accounts that could hear — those
 * departments' own and the office roles — each with the phone or e-mail on its profile. Only the
 * rows the message needs are read.
 */
export async function planContext(
  db: D1Database,
  caseId: string | null,
  departmentIds: readonly (string | null)[],
  withStaff: boolean,
): Promise<PlanContext> {
  const departments = JSON.stringify([...new Set(departmentIds.filter((d) => d !== null))]);
  const [petitioner, staff, names] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        "SELECT petitioner_phone AS phone, petitioner_email AS email, petitioner_notify AS notify FROM cases WHERE case_id = ?",
      )
      .bind(caseId ?? ""),
    db
      .prepare(
        `SELECT id, role, department_id, phone, email, is_head, lang FROM users
         WHERE ?2 = 1 AND disabled_at IS NULL AND (phone IS NOT NULL OR email IS NOT NULL)
           AND (department_id IN (SELECT value FROM json_each(?1)) OR role IN ('supervisor', 'dispatcher'))`,
      )
      .bind(departments, withStaff ? 1 : 0),
    db.prepare("SELECT id, name FROM departments WHERE id IN (SELECT value FROM json_each(?))").bind(departments),
  ]);
  const nameOf = new Map((names?.results ?? []).map((d) => [String(d.id), String(d.name)]));
  const accounts = z.array(StaffRow).parse(staff?.results ?? []);
  const contact = (u: StaffRow): Contact => ({
    ref: u.id,
    kind: "staff",
    lang: langOf(u.lang),
    phone: u.phone,
    email: u.email,
  });
  const where = (keep: (u: StaffRow) => boolean) => accounts.filter(keep).map(contact);
  return {
    petitioner: petitionerContact(petitioner?.results[0]),
    departmentName: (id) => (id ? (nameOf.get(id) ?? id) : "分办中心"),
    handlers: (dept) => where((u) => u.role === "handler" && u.department_id === dept),
    heads: (dept) => where((u) => u.is_head && u.department_id === dept),
    supervisors: where((u) => u.role === "supervisor"),
    office: where((u) => u.role === "dispatcher"),
  };
}

function petitionerContact(row: Record<string, unknown> | undefined): Contact | null {
  if (!row) return null;
  // Cases from before the choice existed were told by SMS only.
  const channels = new Set<unknown>(typeof row.notify === "string" ? JSON.parse(row.notify) : ["sms"]);
  const phone = channels.has("sms") && typeof row.phone === "string" ? row.phone : null;
  const email = channels.has("email") && typeof row.email === "string" ? row.email : null;
  return phone || email ? { ref: "petitioner", kind: "citizen", lang: "zh-CN", phone, email } : null;
}
