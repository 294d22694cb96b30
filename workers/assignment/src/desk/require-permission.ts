import type { MiddlewareHandler } from "hono";
import { can, type StaffAction } from "../../../../shared/domain/permissions";
import type { DeskEnv, Staff } from "./session";

/** What a leader's office (书记信箱, 市长信箱 …) may do beyond its role: read what its leader reads. */
const LEADER_OFFICE_ACTIONS: readonly StaffAction[] = ["eval.opinion"];

/** The permission table's answer for a desk page (no case in view), with the leader's office's additions. */
function mayOpen(staff: Staff, action: StaffAction): boolean {
  return can(staff, action) || (staff.leaderOffice && LEADER_OFFICE_ACTIONS.includes(action));
}

/** Refuses with 403 anyone the permission table does not let do `action`, before the handler runs. */
export function requirePermission(action: StaffAction): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    if (!mayOpen(c.get("staff"), action)) return c.text("没有权限 / not allowed", 403);
    await next();
  };
}
