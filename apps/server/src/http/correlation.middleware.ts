import { randomUUID } from 'node:crypto';
import { CorrelationContext, type Logger } from '@anxin/common';
import type { NextFunction, Request, Response } from 'express';

const HEADER = 'x-correlation-id';
const VALID_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Takes the caller's correlation id (or makes one), returns it, and logs one line per request. */
export function correlationMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.header(HEADER);
    const correlationId = given && VALID_ID.test(given) ? given : randomUUID();
    res.setHeader(HEADER, correlationId);
    const started = process.hrtime.bigint();
    CorrelationContext.run(correlationId, () => {
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info(
          { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
          'http',
        );
      });
      next();
    });
  };
}
