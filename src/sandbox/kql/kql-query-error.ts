import { BotError, ErrorCodes } from '../../errors.js';

/** Why Log Analytics refuses a query: the inner error code of its 400 answer. */
export type KqlErrorKind = 'SyntaxError' | 'SemanticError';

/** A query the sandbox refuses; becomes a 400 `BadArgumentError` carrying this message. */
export class KqlQueryError extends BotError {
  readonly kind: KqlErrorKind;
  /** The language service's diagnostic code (e.g. `KS142`), or `SANDBOX_UNSUPPORTED`. */
  readonly diagnosticCode: string;

  constructor(kind: KqlErrorKind, message: string, diagnosticCode: string) {
    super(ErrorCodes.QueryInvalid, message);
    this.kind = kind;
    this.diagnosticCode = diagnosticCode;
  }
}

/** Refuses a construct the sandbox does not evaluate, naming it, rather than ignoring it. */
export function refuseUnsupported(what: string): never {
  throw new KqlQueryError(
    'SemanticError',
    `${what} is not supported by the Azure sandbox's query engine.`,
    'SANDBOX_UNSUPPORTED',
  );
}
