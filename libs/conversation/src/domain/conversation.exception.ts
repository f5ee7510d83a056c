import { AppException, type ErrorKind } from '@anxin/common';

export type ConversationErrorCode =
  | 'CONVERSATION.NOT_FOUND'
  | 'CONVERSATION.ILLEGAL_TRANSITION'
  | 'CONVERSATION.STATE_CONFLICT'
  | 'CONVERSATION.AGENT_CHANGED'
  | 'CONVERSATION.AGENT_AT_CAPACITY'
  | 'CONVERSATION.CLOSED'
  | 'CONVERSATION.CSAT_INVALID'
  | 'CONVERSATION.CSAT_NOT_INVITED'
  | 'CONVERSATION.CSAT_ALREADY_SUBMITTED';

const KIND: Record<ConversationErrorCode, ErrorKind> = {
  'CONVERSATION.NOT_FOUND': 'not_found',
  'CONVERSATION.ILLEGAL_TRANSITION': 'conflict',
  'CONVERSATION.STATE_CONFLICT': 'conflict',
  'CONVERSATION.AGENT_CHANGED': 'conflict',
  'CONVERSATION.AGENT_AT_CAPACITY': 'conflict',
  'CONVERSATION.CLOSED': 'conflict',
  'CONVERSATION.CSAT_INVALID': 'invalid_input',
  'CONVERSATION.CSAT_NOT_INVITED': 'conflict',
  'CONVERSATION.CSAT_ALREADY_SUBMITTED': 'conflict',
};

export class ConversationException extends AppException<ConversationErrorCode> {
  constructor(code: ConversationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KIND[code], message, details);
  }
}
