import { randomUUID } from 'node:crypto';
import { assertUnreachable } from './assert-unreachable.util';
import { type ErrorKind, isAppException } from './app.exception';

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  /** Set for internal errors: the id of the log line that holds the details. */
  readonly errorId?: string;
  /** Structured specifics of a client error (e.g. the list of problems), never of an internal one. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The one place where error kinds become HTTP statuses (sockets carry the same ErrorBody). */
export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'unprocessable':
      return 422;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
    default:
      return assertUnreachable(kind);
  }
}

export interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
  /** True when the error was not one of ours: log it with its stack. */
  readonly unexpected: boolean;
}

export function mapError(error: unknown): MappedError {
  if (isAppException(error)) {
    return {
      status: httpStatusOf(error.kind),
      body: {
        code: error.code,
        message: error.message,
        ...(error.details && error.kind !== 'internal' ? { details: error.details } : {}),
      },
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL', message: '系统繁忙，请稍后再试', errorId: randomUUID() },
    unexpected: true,
  };
}
