/** What kind of failure an error code is; the edge maps kinds to HTTP statuses (error-mapping.ts). */
export type ErrorKind =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** Well-formed but refused by a rule the caller may consciously override (e.g. a draft's warnings). */
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/**
 * Base of every lib's exception. Each lib declares one subclass with its own code union
 * (`CHANNEL.TEXT_TOO_LONG`, `CONVERSATION.ILLEGAL_TRANSITION`…) and a table code → kind.
 * `message` is safe to show to the user who caused it.
 */
export abstract class AppException<TCode extends string = string> extends Error {
  protected constructor(
    readonly code: TCode,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function isAppException(error: unknown): error is AppException {
  return error instanceof AppException;
}
