import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from './config/app-config';
import { Clock, SystemClock } from './clock/clock.port';
import { LOGGER } from './logging/logger.token';

/**
 * The composition root hands in the validated config and the logger; every other module
 * injects them (AppConfig and Clock are their own DI tokens).
 */
@Global()
@Module({})
export class CommonModule {
  static forRoot(options: { config: AppConfig; logger: Logger; clock?: Clock }): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
      ],
      exports: [AppConfig, LOGGER, Clock],
    };
  }
}
