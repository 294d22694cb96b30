import type * as z from "zod";
import type { RpcResult } from "../../../../shared/case-record/contract";
import type { DomainErrorData } from "../../../../shared/domain/errors";

/** Bad RPC arguments are refused as data, naming the fields but never echoing their values. */
export function invalidArguments(error: z.ZodError): RpcResult<never> {
  const fields = [...new Set(error.issues.map((i) => i.path.join(".")))].join(", ");
  return { ok: false, error: { status: 400, code: "invalid_command", message: `Invalid arguments: ${fields}` } };
}

/** A refusal as data: the client rebuilds the DomainError from it. */
export const refused = (error: DomainErrorData): RpcResult<never> => ({ ok: false, error });
