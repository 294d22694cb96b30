import { createHmac } from "node:crypto";
import { type CaseState, UNPUBLISHED_STATUSES } from "./case-model";
import { CaseNotFound, DomainError } from "./errors";

/**
 * 附议 (supporting a case): a citizen with the same problem adds their voice to a public case
 * instead of writing it again. Only where the public can see the case and someone still owes it an
 * answer: a case the public cannot see is not found; a closed or merged one refuses.
 */
export function supportRefusal(state: CaseState | null): DomainError | null {
  if (!state?.isPublic || (UNPUBLISHED_STATUSES.includes(state.status) && state.status !== "merged"))
    return new CaseNotFound();
  if (state.status === "merged")
    return new DomainError(
      409,
      "case_merged",
      `This message was merged into ${state.mergedInto ?? "another case"}; support that one.`,
    );
  if (state.status === "closed") return new DomainError(409, "not_supportable", "This case is closed.");
  return null;
}

/**
 * What "one count per phone per case" is decided on: a keyed digest of the phone, never the phone
 * itself. Keyed, so a leaked table cannot be reversed by hashing every mobile number.
 */
export function supporterDigest(secret: string, phone: string): string {
  return createHmac("sha256", secret).update(`supporter\u0000${phone.trim()}`).digest("hex");
}
