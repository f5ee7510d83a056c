export { parseChineseNumber } from './chinese-number.util';
export { type DateTimeOptions, type DateTimeSlot, extractDateTime } from './date-time.extractor';
export { type AmountOptions, type AmountSlot, extractAmount } from './amount.extractor';
export { extractPersonName } from './person-name.extractor';
export { extractIdLast4 } from './id-last4.extractor';
export { extractSmsCode } from './sms-code.extractor';
export { classifyReply, type ReplyClass, type ReplyCues } from './reply.classifier';
