import { LOGGER, type Logger, mapError, type ErrorBody } from '@anxin/common';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';

const HTTP_CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'HTTP.UNAUTHORIZED',
  403: 'HTTP.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
};

/** Every HTTP error leaves as { error: { code, message, errorId? } } with the status of its kind. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    response.status(status).json({ error: body });
  }

  private describe(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'HTTP.ERROR');
      return { status, body: { code, message: exception.message } };
    }
    const mapped = mapError(exception);
    if (mapped.unexpected)
      this.logger.error({ err: exception, errorId: mapped.body.errorId }, 'request failed');
    return mapped;
  }
}
