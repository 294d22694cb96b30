import { parseArgs } from "node:util";
import * as z from "zod";
import { ImportSource } from "../../shared/import/import-item.schema";

export const USAGE = `npm run import -- --file F [--file F2] --format tipdm|wenzheng [--mapping M] [--source S]
                  [--dry-run] [--env local|staging|production] [--url U]

  --format tipdm     the TipDM 留言板 exports (留言编号, 留言主题, 留言时间, 留言详情, 点赞数/反对数, 答复意见/答复时间);
                     needs --mapping for places and departments
  --format wenzheng  Wenzheng's CSV/JSON format (README "Importing a board's history")
  --mapping M        YAML place/department/type rules (example: scripts/import/mappings/tipdm-pingliang.yaml)
  --source S         the board's name when no mapping gives one (with the message id it makes re-runs idempotent)
  --dry-run          check everything, send nothing; writes only the refusals file
  --env local        http://localhost:$PORT (8787), IMPORT_TOKEN from .dev.vars
  --env staging|production  needs --url and IMPORT_TOKEN in the environment`;

export const ImportArgs = z
  .strictObject({
    file: z.array(z.string().min(1)).min(1, "give at least one --file"),
    format: z.enum(["tipdm", "wenzheng"], "--format is tipdm or wenzheng"),
    mapping: z.string().min(1).optional(),
    source: ImportSource.optional(),
    "dry-run": z.boolean().default(false),
    env: z.enum(["local", "staging", "production"], "--env is local, staging or production").default("local"),
    url: z.url().optional(),
    help: z.boolean().default(false),
  })
  .refine((a) => a.format !== "tipdm" || a.mapping, "--format tipdm needs --mapping (places and departments)")
  .refine((a) => a.format === "tipdm" || a.mapping || a.source, "give --mapping or --source (the board's name)")
  .refine((a) => a.env === "local" || a.url, "--env staging/production needs --url");
export type ImportArgs = z.infer<typeof ImportArgs>;

export function parseImportArgs(argv: string[]): ImportArgs | { help: true } | { error: string } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        file: { type: "string", multiple: true },
        format: { type: "string" },
        mapping: { type: "string" },
        source: { type: "string" },
        "dry-run": { type: "boolean" },
        env: { type: "string" },
        url: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { help: true };
  const parsed = ImportArgs.safeParse({ file: [], ...values });
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join("\n") };
  return parsed.data;
}
