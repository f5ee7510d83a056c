import { AppException, type ErrorKind } from '@anxin/common';

export type HandoffErrorCode =
  | 'HANDOFF.INVALID_INPUT'
  | 'HANDOFF.NOT_FOUND'
  | 'HANDOFF.NOT_ASSIGNED'
  | 'HANDOFF.ALREADY_TAKEN'
  | 'HANDOFF.NOT_QUEUED'
  | 'HANDOFF.NOT_ACTIVE'
  | 'HANDOFF.AT_CAPACITY'
  | 'HANDOFF.UNKNOWN_AGENT'
  | 'HANDOFF.AGENT_UNAVAILABLE'
  | 'HANDOFF.UNKNOWN_SKILL'
  | 'HANDOFF.DRAFT_WARNINGS'
  | 'HANDOFF.TICKET_NOT_FOUND'
  | 'HANDOFF.TICKET_CLOSED';

const KIND: Record<HandoffErrorCode, ErrorKind> = {
  'HANDOFF.INVALID_INPUT': 'invalid_input',
  'HANDOFF.NOT_FOUND': 'not_found',
  'HANDOFF.NOT_ASSIGNED': 'forbidden',
  'HANDOFF.ALREADY_TAKEN': 'conflict',
  'HANDOFF.NOT_QUEUED': 'conflict',
  'HANDOFF.NOT_ACTIVE': 'conflict',
  'HANDOFF.AT_CAPACITY': 'conflict',
  'HANDOFF.UNKNOWN_AGENT': 'not_found',
  'HANDOFF.AGENT_UNAVAILABLE': 'conflict',
  'HANDOFF.UNKNOWN_SKILL': 'invalid_input',
  'HANDOFF.DRAFT_WARNINGS': 'unprocessable',
  'HANDOFF.TICKET_NOT_FOUND': 'not_found',
  'HANDOFF.TICKET_CLOSED': 'conflict',
};

/** Errors of the human desk (docs/api/desk.md); the message is Chinese, for the agent. */
export class HandoffException extends AppException<HandoffErrorCode> {
  constructor(code: HandoffErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KIND[code], message, details);
  }
}
