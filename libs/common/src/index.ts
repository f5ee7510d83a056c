export {
  AppConfig,
  type DatabaseConfig,
  type EmbeddingConfig,
  type LlmConfig,
  type LogLevel,
} from './config/app-config';
export { loadConfig } from './config/config.loader';
export { ConfigException, type ConfigErrorCode } from './config/config.exception';
export { AppException, isAppException, type ErrorKind } from './errors/app.exception';
export { httpStatusOf, mapError, type ErrorBody, type MappedError } from './errors/error-mapping';
export { assertUnreachable } from './errors/assert-unreachable.util';
export { Clock, SystemClock } from './clock/clock.port';
export { BEIJING_TIME_ZONE, beijingDate, isCalendarDate } from './clock/beijing-date';
export { CorrelationContext } from './logging/correlation.context';
export { createLogger, type Logger } from './logging/logger.factory';
export { LOGGER } from './logging/logger.token';
export { NestLoggerAdapter } from './logging/nest-logger.adapter';
export { maskPii, maskPiiDeep } from './logging/pii-mask.util';
export { CommonModule } from './common.module';
