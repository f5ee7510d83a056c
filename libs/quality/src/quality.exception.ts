import { AppException, type ErrorKind } from '@anxin/common';

export type QualityErrorCode =
  | 'QA.INVALID_REQUEST'
  | 'QA.INVALID_TRANSCRIPT'
  | 'QA.NOT_FOUND'
  | 'QA.REVIEW_FORBIDDEN'
  | 'QA.RUBRIC_MISSING';

const KIND: Record<QualityErrorCode, ErrorKind> = {
  'QA.INVALID_REQUEST': 'invalid_input',
  'QA.INVALID_TRANSCRIPT': 'invalid_input',
  'QA.NOT_FOUND': 'not_found',
  'QA.REVIEW_FORBIDDEN': 'forbidden',
  'QA.RUBRIC_MISSING': 'internal',
};

export class QualityException extends AppException<QualityErrorCode> {
  constructor(code: QualityErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KIND[code], message, details);
  }
}
