import { formatShanghai } from "../../../../shared/clocks/period";
import type { FieldErrors } from "../../../../shared/http/form-validator";
import { localName } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { Staff } from "../desk/session";
import { STRUCTURE_ENTITIES, type StructureEntity } from "../desk/structure.schema";
import type { StructureOverview } from "../desk/structure-queries";
import { ConsoleLayout, FormGuard } from "./console-layout";
import { fieldsOf, StructureFields } from "./structure-fields";

/** A refused form, to show again with its messages: which entity's, and the values as posted. */
export interface RefusedForm {
  entity: StructureEntity;
  errors: FieldErrors;
  values: Record<string, unknown>;
}

interface Row {
  /** What the edit and state actions address the row by. */
  key: string;
  cells: string[];
  deactivatedAt: string | null;
}

function rowsOf(entity: StructureEntity, data: StructureOverview): { columns: string[]; rows: Row[] } {
  const t = consoleText();
  const label = (name: string) => t.fieldLabels[name] ?? name;
  const deptName = new Map(data.departments.map((d) => [d.id, localName(d)]));
  const regionName = new Map(data.regions.map((r) => [r.code, localName(r)]));
  switch (entity) {
    case "department":
      return {
        columns: [t.colCode, t.colDeptName, t.colKind, t.colRegion, t.colSupervisedBy, t.colHead],
        rows: data.departments.map((d) => ({
          key: d.id,
          cells: [
            d.id,
            localName(d),
            t.departmentKinds[d.kind] ?? d.kind,
            regionName.get(d.regionCode ?? "") ?? d.regionCode ?? "",
            d.parentId ? (deptName.get(d.parentId) ?? d.parentId) : "",
            [d.headName, d.headTitle].filter(Boolean).join(" · "),
          ],
          deactivatedAt: d.deactivatedAt,
        })),
      };
    case "region":
      return {
        columns: [t.colCode, label("name"), label("nameEn"), t.colParentRegion],
        rows: data.regions.map((r) => ({
          key: r.code,
          cells: [r.code, r.name, r.nameEn ?? "", r.parentCode ? (regionName.get(r.parentCode) ?? r.parentCode) : ""],
          deactivatedAt: r.deactivatedAt,
        })),
      };
    case "category":
      return {
        columns: [t.colCode, label("name"), label("nameEn")],
        rows: data.categories.map((c) => ({
          key: c.code,
          cells: [c.code, c.name, c.nameEn ?? ""],
          deactivatedAt: c.deactivatedAt,
        })),
      };
    case "mailbox":
      return {
        columns: [t.colCode, label("name"), t.colDepartment],
        rows: data.mailboxes.map((m) => ({
          key: m.code,
          cells: [m.code, localName(m), deptName.get(m.departmentId) ?? m.departmentId],
          deactivatedAt: m.deactivatedAt,
        })),
      };
    case "spokesperson":
      return {
        columns: [t.colUsername, label("displayName"), label("publicTitle"), t.colDepartment],
        rows: data.spokespeople.map((s) => ({
          key: s.id,
          cells: [s.username, s.displayName, s.publicTitle ?? "", deptName.get(s.departmentId) ?? s.departmentId],
          deactivatedAt: s.disabledAt,
        })),
      };
  }
}

function StateButton({ staff, entity, row }: { staff: Staff; entity: StructureEntity; row: Row }) {
  const t = consoleText();
  const to = row.deactivatedAt ? "reactivate" : "deactivate";
  return (
    <form
      method="post"
      action={`/console/admin/structure/${entity}/${encodeURIComponent(row.key)}/${to}`}
      class="inline"
    >
      <FormGuard staff={staff} />
      <button type="submit" class="small" aria-label={`${t[to]} ${row.cells[0] ?? ""}`}>
        {t[to]}
      </button>
    </form>
  );
}

function Section(props: { staff: Staff; entity: StructureEntity; data: StructureOverview; refused?: RefusedForm }) {
  const t = consoleText();
  const { entity } = props;
  const { columns, rows } = rowsOf(entity, props.data);
  const title = t.structureSections[entity] ?? entity;
  const refused = props.refused?.entity === entity ? props.refused : undefined;
  return (
    <section class="card" id={entity}>
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th>{c}</th>
            ))}
            <th>{t.colState}</th>
            <th>{t.colAction}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-testid={`${entity}-row`} class={row.deactivatedAt ? "muted" : undefined}>
              {row.cells.map((cell, i) => (
                <td class={i === 0 ? "mono" : undefined}>{cell}</td>
              ))}
              <td>{row.deactivatedAt ? t.deactivated(formatShanghai(row.deactivatedAt)) : t.active}</td>
              <td>
                <a href={`/console/admin/structure/${entity}/${encodeURIComponent(row.key)}`}>{t.edit}</a>{" "}
                <StateButton staff={props.staff} entity={entity} row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details open={refused ? true : undefined}>
        <summary>{t.createIn(title)}</summary>
        <form method="post" action={`/console/admin/structure/${entity}`}>
          <FormGuard staff={props.staff} />
          <StructureFields
            entity={entity}
            fields={fieldsOf(entity, props.data, true)}
            values={refused?.values ?? {}}
            errors={refused?.errors ?? {}}
          />
          <button type="submit">{t.add}</button>
        </form>
      </details>
    </section>
  );
}

/** The platform operator's page for the city's structure: five lists, each with create, edit, deactivate. */
export function StructurePage(props: { staff: Staff; data: StructureOverview; refused?: RefusedForm; error?: string }) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.structureTitle} staff={props.staff}>
      <p>
        <a href="/console/admin">{t.backToAdmin}</a> · <a href="/console/admin/audit">{t.auditLink}</a>
      </p>
      <h1>{t.structureTitle}</h1>
      <p class="hint">{t.structureHint}</p>
      {(props.error || props.refused) && (
        <div class="errors" role="alert">
          <p>{props.error ?? t.inputError(Object.values(props.refused?.errors ?? {}).join(t.issueSeparator))}</p>
        </div>
      )}
      <nav class="tabs" aria-label={t.structureTitle}>
        {STRUCTURE_ENTITIES.map((e) => (
          <a href={`#${e}`}>{t.structureSections[e]}</a>
        ))}
      </nav>
      {STRUCTURE_ENTITIES.map((entity) => (
        <Section staff={props.staff} entity={entity} data={props.data} refused={props.refused} />
      ))}
    </ConsoleLayout>
  );
}

/** One row's edit form. */
export function StructureEditPage(props: {
  staff: Staff;
  entity: StructureEntity;
  data: StructureOverview;
  rowKey: string;
  label: string;
  values: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  const t = consoleText();
  const title = t.editTitle(t.structureSections[props.entity] ?? props.entity, props.label);
  const errors = props.errors ?? {};
  return (
    <ConsoleLayout title={title} staff={props.staff}>
      <p>
        <a href={`/console/admin/structure#${props.entity}`}>{t.backToStructure}</a>
      </p>
      <h1>{title}</h1>
      {Object.keys(errors).length > 0 && (
        <div class="errors" role="alert">
          <p>{t.inputError(Object.values(errors).join(t.issueSeparator))}</p>
        </div>
      )}
      <section class="card">
        <form method="post" action={`/console/admin/structure/${props.entity}/${encodeURIComponent(props.rowKey)}`}>
          <FormGuard staff={props.staff} />
          <StructureFields
            entity={props.entity}
            fields={fieldsOf(props.entity, props.data, false)}
            values={props.values}
            errors={errors}
          />
          <button type="submit">{t.saveChanges}</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
