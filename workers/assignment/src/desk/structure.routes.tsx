import { type Context, Hono } from "hono";
import { hashPassword } from "../../../../shared/auth/password";
import { randomId } from "../../../../shared/domain/ids";
import { type FieldErrors, formValidator, type PostedForm } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { KEY_FIELD } from "../console/structure-fields";
import { type RefusedForm, StructureEditPage, StructurePage } from "../console/structure-page";
import { usernameTaken } from "./admin-queries";
import { audited } from "./audit";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";
import { CreateForms, EditForms, STRUCTURE_ENTITIES, StateForm, type StructureEntity } from "./structure.schema";
import {
  activeKeys,
  findStructureRow,
  insertStructureRow,
  openCasesOf,
  platformOffice,
  type StructureValues,
  stateColumn,
  structureOverview,
  updateStructureRow,
} from "./structure-queries";

/**
 * The city's structure in the console: departments, regions, categories, leader mailboxes and
 * spokespeople, created, edited, deactivated and reactivated — each change with its audit record in
 * the same transaction. Admins only.
 */
export const structureAdmin = new Hono<DeskEnv>();
structureAdmin.use(requirePermission("admin.manage"));

// The alternation needs its own group: hono's RegExpRouter joins every route's pattern into one
// expression, and a bare a|b there splits the whole route (with one more sub-app mounted, POST
// /department/x/deactivate reached the create handler).
const ENTITY = `:entity{(?:${STRUCTURE_ENTITIES.join("|")})}`;
const entityOf = (c: Context<DeskEnv>) => c.req.param("entity") as StructureEntity;
const keyOf = (c: Context<DeskEnv>) => c.req.param("id") ?? "";
/** Spokespeople are staff accounts: their changes sit with every other account change in the log. */
const auditEntity = (entity: StructureEntity) => (entity === "spokesperson" ? "user" : entity);
/** A form's values as the log keeps them: never the form's own fields, never a password. */
const auditView = (form: StructureValues) =>
  Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith("_") && k !== "password"));

const renderList = async (
  c: Context<DeskEnv>,
  extra: { refused?: RefusedForm; error?: string },
  status: 200 | 400 | 404,
) => c.html(<StructurePage staff={c.get("staff")} data={await structureOverview(c.env.DB)} {...extra} />, status);

const renderEdit = async (
  c: Context<DeskEnv>,
  row: Record<string, unknown>,
  values: Record<string, unknown>,
  errors: FieldErrors,
  status: 200 | 400,
) => {
  const entity = entityOf(c);
  const label = String(row[KEY_FIELD[entity]] ?? keyOf(c));
  return c.html(
    <StructureEditPage
      staff={c.get("staff")}
      entity={entity}
      data={await structureOverview(c.env.DB)}
      rowKey={keyOf(c)}
      label={label}
      values={values}
      errors={errors}
    />,
    status,
  );
};

const done = (c: Context<DeskEnv>) => c.redirect(`/console/admin/structure#${entityOf(c)}`, 303);
const stringValues = (posted: PostedForm) =>
  Object.fromEntries(Object.entries(posted).filter(([, v]) => typeof v === "string"));

/** What the schema cannot know: the key is new, and every reference names an active row. */
async function referenceProblems(
  db: D1Database,
  entity: StructureEntity,
  form: StructureValues,
  current: Record<string, unknown> | null,
): Promise<FieldErrors> {
  const t = consoleText();
  const problems: FieldErrors = {};
  const keyField = KEY_FIELD[entity];
  const key = String(current?.[keyField] ?? form[keyField] ?? "");
  if (!current) {
    const taken =
      entity === "spokesperson" ? await usernameTaken(db, key) : (await findStructureRow(db, entity, key)) !== null;
    if (taken) problems[keyField] = t.keyTaken;
  }
  const mustBeActive = async (field: string, of: "department" | "region") => {
    const value = form[field];
    if (typeof value !== "string") return;
    if (value === key && of === (entity === "region" ? "region" : "department")) problems[field] = t.notItself;
    else if (!(await activeKeys(db, of, [value])).has(value)) problems[field] = t.inactiveReference;
  };
  if (entity === "department") {
    await mustBeActive("regionCode", "region");
    await mustBeActive("parentId", "department");
    const wasOffice = current?.kind === "office";
    if (wasOffice !== (form.kind === "office") && (wasOffice || (await platformOffice(db)) !== null))
      problems.kind = t.oneOffice;
  }
  if (entity === "region") await mustBeActive("parentCode", "region");
  if (entity === "mailbox" || entity === "spokesperson") await mustBeActive("departmentId", "department");
  return problems;
}

structureAdmin.get("/", (c) => renderList(c, {}, 200));

structureAdmin.get(`/${ENTITY}/:id`, async (c) => {
  const row = await findStructureRow(c.env.DB, entityOf(c), keyOf(c));
  if (!row) return renderList(c, { error: consoleText().noSuchRow }, 404);
  return renderEdit(c, row, row, {}, 200);
});

structureAdmin.post(
  `/${ENTITY}`,
  formValidator(
    (c: Context<DeskEnv>) => CreateForms[entityOf(c)],
    (c: Context<DeskEnv>, errors, posted) =>
      renderList(c, { refused: { entity: entityOf(c), errors, values: stringValues(posted) } }, 400),
  ),
  async (c) => {
    const entity = entityOf(c);
    const form: StructureValues = c.req.valid("form");
    const problems = await referenceProblems(c.env.DB, entity, form, null);
    if (Object.keys(problems).length > 0)
      return renderList(c, { refused: { entity, errors: problems, values: auditView(form) } }, 400);
    const id = entity === "spokesperson" ? randomId() : String(form[KEY_FIELD[entity]]);
    const passwordHash = typeof form.password === "string" ? await hashPassword(form.password) : "";
    const office = entity === "department" ? await platformOffice(c.env.DB) : null;
    await audited(
      c,
      { action: `${auditEntity(entity)}.create`, entity: auditEntity(entity), entityId: id, after: auditView(form) },
      [insertStructureRow(c.env.DB, entity, form, { id, passwordHash, officeId: office })],
    );
    return done(c);
  },
);

structureAdmin.post(
  `/${ENTITY}/:id`,
  formValidator(
    (c: Context<DeskEnv>) => EditForms[entityOf(c)],
    async (c: Context<DeskEnv>, errors, posted) => {
      const row = await findStructureRow(c.env.DB, entityOf(c), keyOf(c));
      return row
        ? renderEdit(c, row, stringValues(posted), errors, 400)
        : renderList(c, { error: consoleText().noSuchRow }, 404);
    },
  ),
  async (c) => {
    const entity = entityOf(c);
    const before = await findStructureRow(c.env.DB, entity, keyOf(c));
    if (!before) return renderList(c, { error: consoleText().noSuchRow }, 404);
    const form: StructureValues = c.req.valid("form");
    const problems = await referenceProblems(c.env.DB, entity, form, before);
    if (Object.keys(problems).length > 0) return renderEdit(c, before, auditView(form), problems, 400);
    const after = { ...before, ...Object.fromEntries(Object.entries(auditView(form)).map(([k, v]) => [k, v ?? null])) };
    await audited(
      c,
      { action: `${auditEntity(entity)}.update`, entity: auditEntity(entity), entityId: keyOf(c), before, after },
      [updateStructureRow(c.env.DB, entity, keyOf(c), form)],
    );
    return done(c);
  },
);

for (const to of ["deactivate", "reactivate"] as const) {
  structureAdmin.post(
    `/${ENTITY}/:id/${to}`,
    formValidator(StateForm, (c: Context<DeskEnv>) => renderList(c, { error: consoleText().staleForm }, 400)),
    async (c) => {
      const t = consoleText();
      const entity = entityOf(c);
      const before = await findStructureRow(c.env.DB, entity, keyOf(c));
      if (!before) return renderList(c, { error: t.noSuchRow }, 404);
      if (to === "deactivate" && entity === "department") {
        if (before.kind === "office") return renderList(c, { error: t.officeStays }, 400);
        const open = await openCasesOf(c.env.DB, keyOf(c));
        if (open > 0) return renderList(c, { error: t.busyDepartment(open) }, 400);
      }
      const at = new Date();
      const value = to === "deactivate" ? at.toISOString() : null;
      await audited(
        c,
        {
          action: `${auditEntity(entity)}.${to}`,
          entity: auditEntity(entity),
          entityId: keyOf(c),
          before,
          after: { ...before, [stateColumn(entity)]: value },
        },
        [updateStructureRow(c.env.DB, entity, keyOf(c), { [stateColumn(entity)]: value })],
        at,
      );
      return done(c);
    },
  );
}
