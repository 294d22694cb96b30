/** Domain errors carry their HTTP status so the edge maps them without string matching. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class InvalidTransition extends DomainError {
  constructor(command: string, status: string) {
    super(409, "invalid_transition", `Command ${command} is not allowed while the case is ${status}.`);
  }
}

export class Forbidden extends DomainError {
  constructor(command: string, role: string) {
    super(403, "forbidden", `Role ${role} may not ${command} this case.`);
  }
}

export class IdempotencyConflict extends DomainError {
  constructor() {
    super(422, "idempotency_conflict", "This idempotency key was already used with a different request.");
  }
}

export class CaseNotFound extends DomainError {
  constructor() {
    super(404, "not_found", "No such case.");
  }
}

/** Errors cross the durable-object RPC boundary as plain data and are rebuilt on the other side. */
export interface DomainErrorData {
  status: DomainError["status"];
  code: string;
  message: string;
}

export function toErrorData(error: DomainError): DomainErrorData {
  return { status: error.status, code: error.code, message: error.message };
}

/** The other side of `toErrorData`: the same status, code and message as a DomainError again. */
export function fromErrorData(data: DomainErrorData): DomainError {
  return new DomainError(data.status, data.code, data.message);
}
