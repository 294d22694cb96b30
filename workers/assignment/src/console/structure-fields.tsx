import { DEPARTMENT_KINDS } from "../../../../shared/city/city-file.schema";
import type { FieldErrors } from "../../../../shared/http/form-validator";
import { localName } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { StructureEntity } from "../desk/structure.schema";
import type { StructureOverview } from "../desk/structure-queries";

/** One input of a structure form; a select when it has options. */
interface FieldSpec {
  name: string;
  required?: boolean;
  options?: { value: string; label: string }[];
  password?: boolean;
}

/** The field a row is created with and known by: never edited afterwards. */
export const KEY_FIELD: Record<StructureEntity, string> = {
  department: "id",
  region: "code",
  category: "code",
  mailbox: "code",
  spokesperson: "username",
};

/** The fields of an entity's form, in order; `create` adds the key (and a spokesperson's password). */
export function fieldsOf(entity: StructureEntity, data: StructureOverview, create: boolean): FieldSpec[] {
  const t = consoleText();
  const activeDepartments = data.departments
    .filter((d) => !d.deactivatedAt)
    .map((d) => ({ value: d.id, label: localName(d) }));
  const activeRegions = data.regions
    .filter((r) => !r.deactivatedAt)
    .map((r) => ({ value: r.code, label: localName(r) }));
  const optional = (options: { value: string; label: string }[]) => [{ value: "", label: t.none }, ...options];
  const names = [{ name: "name", required: true }, { name: "nameEn" }];
  const fields: Record<StructureEntity, FieldSpec[]> = {
    department: [
      ...names,
      { name: "shortName" },
      // The common kind first: a city has one platform office, and it exists already.
      {
        name: "kind",
        required: true,
        options: [...DEPARTMENT_KINDS]
          .sort((a, b) => Number(a === "office") - Number(b === "office"))
          .map((k) => ({ value: k, label: t.departmentKinds[k] ?? k })),
      },
      { name: "regionCode", required: true, options: activeRegions },
      { name: "parentId", options: optional(activeDepartments) },
      { name: "headName" },
      { name: "headTitle" },
    ],
    region: [...names, { name: "parentCode", options: optional(activeRegions) }],
    category: names,
    mailbox: [...names, { name: "departmentId", required: true, options: activeDepartments }],
    spokesperson: [
      { name: "displayName", required: true },
      { name: "publicTitle", required: true },
      { name: "departmentId", required: true, options: activeDepartments },
      ...(create ? [{ name: "password", required: true, password: true }] : []),
    ],
  };
  return create ? [{ name: KEY_FIELD[entity], required: true }, ...fields[entity]] : fields[entity];
}

/** The inputs of one form, filled from `values`, each with its message when it was refused. */
export function StructureFields(props: {
  entity: StructureEntity;
  fields: FieldSpec[];
  values: Record<string, unknown>;
  errors: FieldErrors;
}) {
  const t = consoleText();
  return (
    <>
      {props.fields.map((f) => {
        const id = `${props.entity}-${f.name}`;
        const value = typeof props.values[f.name] === "string" ? String(props.values[f.name]) : "";
        const error = props.errors[f.name];
        const described = error ? { "aria-invalid": "true", "aria-describedby": `${id}-error` } : {};
        return (
          <>
            <label for={id}>{t.fieldLabels[f.name] ?? f.name}</label>
            {f.options ? (
              <select id={id} name={f.name} required={f.required} {...described}>
                {f.options.map((o) => (
                  <option value={o.value} selected={o.value === value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={f.password ? "password" : "text"}
                id={id}
                name={f.name}
                value={f.password ? "" : value}
                required={f.required}
                autocomplete={f.password ? "new-password" : "off"}
                {...described}
              />
            )}
            {error && (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
          </>
        );
      })}
    </>
  );
}
