import { createHmac } from "node:crypto";
import { type CaseState, type CaseStatus, UNPUBLISHED_STATUSES } from "./case-model";
import { CaseNotFound, DomainError } from "./errors";

/**
 * 附议 (supporting a case): a citizen with the same problem adds their voice to a public case
 * instead of writing it again. Only where the public can see the case and someone still owes it an
 * answer: a case the public cannot see is not found; a closed or merged one refuses.
 */
/** Where a supporter is taken: screened, public, and someone still owes (or owed) the answer. */
export const SUPPORTABLE_STATUSES: readonly CaseStatus[] = [
  "accepted",
  "assigned",
  "acknowledged",
  "returned",
  "replied",
  "reopened",
];

export function supportRefusal(state: CaseState | null): DomainError | null {
  if (!state?.isPublic || (UNPUBLISHED_STATUSES.includes(state.status) && state.status !== "merged"))
    return new CaseNotFound();
  if (SUPPORTABLE_STATUSES.includes(state.status)) return null;
  if (state.status === "merged")
    return new DomainError(
      409,
      "case_merged",
      `This message was merged into ${state.mergedInto ?? "another case"}; support that one.`,
    );
  return new DomainError(409, "not_supportable", "This case is closed.");
}

/**
 * What "one count per phone per case" is decided on: a keyed digest of the phone, never the phone
 * itself. Keyed, so a leaked table cannot be reversed by hashing every mobile number.
 */
export function supporterDigest(secret: string, phone: string): string {
  return createHmac("sha256", secret).update(`supporter\u0000${phone.trim()}`).digest("hex");
}
