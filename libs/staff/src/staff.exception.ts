import { AppException, type ErrorKind } from '@anxin/common';

export type StaffErrorCode =
  | 'STAFF.INVALID_CREDENTIALS'
  | 'STAFF.UNAUTHENTICATED'
  | 'STAFF.FORBIDDEN'
  | 'STAFF.INVALID_INPUT'
  | 'STAFF.USERNAME_TAKEN'
  | 'STAFF.NOT_FOUND'
  | 'STAFF.LOCKED';

const KIND: Record<StaffErrorCode, ErrorKind> = {
  'STAFF.INVALID_CREDENTIALS': 'unauthenticated',
  'STAFF.UNAUTHENTICATED': 'unauthenticated',
  'STAFF.FORBIDDEN': 'forbidden',
  'STAFF.INVALID_INPUT': 'invalid_input',
  'STAFF.USERNAME_TAKEN': 'conflict',
  'STAFF.NOT_FOUND': 'not_found',
  'STAFF.LOCKED': 'rate_limited',
};

/** Failures of staff sign-in and access control; messages are shown to staff as they are. */
export class StaffException extends AppException<StaffErrorCode> {
  constructor(code: StaffErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KIND[code], message, details);
  }
}

export const INVALID_CREDENTIALS_MESSAGE = '用户名或密码错误';

export function unauthenticated(message = '请先登录'): StaffException {
  return new StaffException('STAFF.UNAUTHENTICATED', message);
}
