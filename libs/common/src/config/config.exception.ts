import { AppException } from '../errors/app.exception';

export type ConfigErrorCode = 'CONFIG.INVALID';

export class ConfigException extends AppException<ConfigErrorCode> {
  constructor(readonly problems: string[]) {
    super(
      'CONFIG.INVALID',
      'internal',
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { problems },
    );
  }
}
