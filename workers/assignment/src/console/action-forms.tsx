import { type CaseStatus, OUTCOMES } from "../../../../shared/domain/case-model";
import type { CaseCommandName } from "../../../../shared/domain/commands";
import { can } from "../../../../shared/domain/permissions";
import { TRANSITIONS } from "../../../../shared/domain/transitions";
import { OUTCOME_LABELS } from "../../../../shared/ui/labels";
import type { Staff } from "../desk/session";
import { FormGuard } from "./console-layout";

const LABELS: Partial<Record<CaseCommandName, string>> = {
  accept: "受理",
  reject: "不予受理",
  hold: "转入审核",
  assign: "交办",
  rejectReturn: "驳回退回（原单位继续办理）",
  decideExtension: "审批延期",
  acknowledge: "签收",
  returnCase: "申请退回",
  requestExtension: "申请延期",
  draftReply: "保存答复稿",
  publishReply: "审核并发布答复",
  close: "办结",
  merge: "合并为重复留言",
  reopen: "重办",
  urge: "发出催办 / 督办",
};

/** Commands a person may run from the console (rating belongs to the citizen). */
const DESK_COMMANDS = Object.keys(LABELS) as CaseCommandName[];

export interface DeskCase {
  trackingNo: string;
  status: CaseStatus;
  departmentId: string | null;
  coDepartmentIds: string[];
  returnCount: number;
  finalDispatch: boolean;
  pendingExtensionDays: number | null;
  draftText: string | null;
  draftedAt: string | null;
}

/** The commands this person may run on this case now: the one table and the state machine decide. */
export function availableCommands(staff: Staff, c: DeskCase): CaseCommandName[] {
  return DESK_COMMANDS.filter((name) => TRANSITIONS[name].from.includes(c.status) && can(staff, name, c))
    .filter((name) => name !== "decideExtension" || c.pendingExtensionDays !== null)
    .filter((name) => name !== "publishReply" || c.draftText !== null)
    .filter((name) => name !== "returnCase" || !c.finalDispatch);
}

function Reason(props: { name: string; label: string }) {
  return (
    <>
      <label for={`${props.name}-field`}>{props.label}</label>
      <textarea id={`${props.name}-field`} name={props.name} required minlength={2} maxlength={500} />
    </>
  );
}

function Fields({
  name,
  departments,
  c,
  categories,
}: {
  name: CaseCommandName;
  departments: { id: string; name: string }[];
  c: DeskCase;
  categories: CategoryChoice[];
}) {
  switch (name) {
    case "reject":
      return <Reason name="reason" label="不予受理原因（将公开）" />;
    case "hold":
    case "returnCase":
    case "reopen":
      return <Reason name="reason" label="原因" />;
    case "rejectReturn":
      return <Reason name="note" label="裁定意见" />;
    case "assign":
      return (
        <>
          {c.returnCount >= 2 && <p class="hint">已退回 {c.returnCount} 次，本次交办为终审，承办单位不得再退回。</p>}
          <label for="assign-cat">
            问题分类 <span class="hint">您的选择会作为样本改进自动分类</span>
          </label>
          <select id="assign-cat" name="category">
            {categories.map((k) => (
              <option value={k.code}>
                {k.name}
                {k.confidence !== undefined ? `（系统建议 ${Math.round(k.confidence * 100)}%）` : ""}
              </option>
            ))}
          </select>
          <label for="assign-dept">主办单位</label>
          <select id="assign-dept" name="departmentId" required>
            {departments.map((d) => (
              <option value={d.id}>{d.name}</option>
            ))}
          </select>
          <label for="assign-co">
            协办单位 <span class="hint">可多选</span>
          </label>
          <select id="assign-co" name="coDepartmentIds" multiple size={4}>
            {departments.map((d) => (
              <option value={d.id}>{d.name}</option>
            ))}
          </select>
          <label for="assign-note">交办意见</label>
          <input type="text" id="assign-note" name="note" maxlength={500} />
        </>
      );
    case "decideExtension":
      return (
        <>
          <p>申请延期 {c.pendingExtensionDays} 个工作日。</p>
          <label>
            <input type="radio" name="approved" value="yes" required /> 同意
          </label>
          <label>
            <input type="radio" name="approved" value="no" /> 不同意
          </label>
          <label for="ext-note">意见</label>
          <input type="text" id="ext-note" name="note" maxlength={500} />
        </>
      );
    case "requestExtension":
      return (
        <>
          <label for="ext-days">
            延期工作日数 <span class="hint">最多 10 个工作日，仅可申请一次</span>
          </label>
          <input type="number" id="ext-days" name="workingDays" min={1} max={10} required />
          <Reason name="reason" label="延期原因" />
        </>
      );
    case "draftReply":
      return (
        <>
          <label for="reply-text">答复内容</label>
          <textarea id="reply-text" name="text" required minlength={10} maxlength={4000}>
            {c.draftText ?? ""}
          </textarea>
          <label for="reply-outcome">办理结果</label>
          <select id="reply-outcome" name="outcome" required>
            {OUTCOMES.map((o) => (
              <option value={o}>{OUTCOME_LABELS[o].zh}</option>
            ))}
          </select>
          <label for="reply-note">
            结果说明 <span class="hint">“暂无法解决”须写明原因和计划，“非本部门职责”须写明责任单位</span>
          </label>
          <input type="text" id="reply-note" name="outcomeNote" maxlength={500} />
        </>
      );
    case "urge":
      return (
        <>
          <label>
            <input type="radio" name="level" value="urge" required /> 催办
          </label>
          <label>
            <input type="radio" name="level" value="supervise" /> 督办
          </label>
          <Reason name="note" label="督查意见" />
        </>
      );
    case "publishReply":
      return <input type="hidden" name="draftedAt" value={c.draftedAt ?? ""} />;
    case "merge":
      return (
        <>
          <label for="merge-into">合并到留言编号</label>
          <input type="text" id="merge-into" name="intoTrackingNo" required maxlength={20} />
        </>
      );
    default:
      return null;
  }
}

export interface CategoryChoice {
  code: string;
  name: string;
  /** The classifier's confidence, when it suggested this category for the case. */
  confidence?: number;
}

export function ActionForms(props: {
  staff: Staff;
  c: DeskCase;
  departments: { id: string; name: string }[];
  categories: CategoryChoice[];
}) {
  const commands = availableCommands(props.staff, props.c);
  if (commands.length === 0) return <p class="hint">当前状态下您没有可执行的操作。</p>;
  return (
    <>
      {commands.map((name) => (
        <form method="post" action={`/console/cases/${props.c.trackingNo}/do/${name}`} class="card action">
          <h3>{LABELS[name]}</h3>
          <FormGuard staff={props.staff} />
          <Fields name={name} departments={props.departments} c={props.c} categories={props.categories} />
          <button type="submit">{LABELS[name]}</button>
        </form>
      ))}
    </>
  );
}
