import { AppException, type ErrorKind } from '@anxin/common';

export type ChannelErrorCode =
  | 'CHANNEL.INVALID_PAYLOAD'
  | 'CHANNEL.TEXT_EMPTY'
  | 'CHANNEL.TEXT_TOO_LONG'
  | 'CHANNEL.RATE_LIMITED'
  | 'CHANNEL.TOKEN_INVALID'
  | 'CHANNEL.TOKEN_EXPIRED'
  | 'CHANNEL.APP_LOGIN_INVALID'
  | 'CHANNEL.APP_LOGIN_DISABLED'
  | 'CHANNEL.UNAVAILABLE';

const KIND: Record<ChannelErrorCode, ErrorKind> = {
  'CHANNEL.INVALID_PAYLOAD': 'invalid_input',
  'CHANNEL.TEXT_EMPTY': 'invalid_input',
  'CHANNEL.TEXT_TOO_LONG': 'invalid_input',
  'CHANNEL.RATE_LIMITED': 'rate_limited',
  'CHANNEL.TOKEN_INVALID': 'unauthenticated',
  'CHANNEL.TOKEN_EXPIRED': 'unauthenticated',
  'CHANNEL.APP_LOGIN_INVALID': 'unauthenticated',
  'CHANNEL.APP_LOGIN_DISABLED': 'invalid_input',
  'CHANNEL.UNAVAILABLE': 'unavailable',
};

export class ChannelException extends AppException<ChannelErrorCode> {
  constructor(code: ChannelErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KIND[code], message, details);
  }
}
