import { Hono } from "hono";
import { departmentNames } from "../../../../shared/db/case-queries";
import { can } from "../../../../shared/domain/permissions";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { NoticePage, noticeDepartmentId, noticeKind } from "../console/notice-page";
import { noticeWithCase } from "./desk-queries";
import type { DeskEnv } from "./session";

/** A 催办单 / 督办单 / 通报 as a page of its own, addressed by the event that issued it. */
export const notices = new Hono<DeskEnv>();

notices.get("/:eventId", async (c) => {
  const staff = c.get("staff");
  const found = await noticeWithCase(c.env.DB, c.req.param("eventId"));
  const departmentId = found ? (noticeDepartmentId(found.event) ?? found.row.departmentId) : null;
  // The supervision office sees every notice; a department sees those about its own cases.
  if (
    !found ||
    !noticeKind(found.event) ||
    !(can(staff, "desk.overdue") || can(staff, "case.view", { departmentId, coDepartmentIds: [] }))
  ) {
    return c.text("没有这个通知 / no such notice", 404);
  }
  const names = await departmentNames(c.env.DB);
  return c.html(
    <NoticePage
      staff={staff}
      event={found.event}
      row={found.row}
      department={departmentId ? (names.get(departmentId) ?? departmentId) : consoleText().dispatchStage}
    />,
  );
});
