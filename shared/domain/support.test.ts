import { describe, expect, it } from "vitest";
import { CASE_STATUSES } from "./case-model";
import { supporterDigest, supportRefusal } from "./support";
import { caseIn } from "./test-fixtures";

describe("附议 rules", () => {
  it("opens exactly the public cases someone still owes an answer, replied ones included", () => {
    const verdict = Object.fromEntries(
      CASE_STATUSES.map((status) => {
        const refusal = supportRefusal(caseIn(status, { isPublic: true }));
        return [status, refusal ? `${refusal.status} ${refusal.code}` : "ok"];
      }),
    );
    expect(verdict).toEqual({
      submitted: "404 not_found",
      accepted: "ok",
      rejected: "404 not_found",
      held: "404 not_found",
      assigned: "ok",
      acknowledged: "ok",
      returned: "ok",
      replied: "ok",
      reopened: "ok",
      closed: "409 not_supportable",
      merged: "409 case_merged",
    });
    expect(supportRefusal(caseIn("assigned", { isPublic: false }))?.status).toBe(404);
    expect(supportRefusal(null)?.status).toBe(404);
  });

  it("digests a phone with a key: the same phone gives the same digest, another key another", () => {
    expect(supporterDigest("k1", "13900000001")).toBe(supporterDigest("k1", " 13900000001 "));
    expect(supporterDigest("k1", "13900000001")).not.toBe(supporterDigest("k2", "13900000001"));
    expect(supporterDigest("k1", "13900000001")).not.toContain("13900000001");
  });
});
