import type { ProductLine, TicketKind } from './insurance-core.port';

/**
 * Business rules of the demo insurance core, kept as data so they read like the insurer's
 * service standards. (The seed rows themselves live with the migration that inserts them.)
 */

export const DEMO_IDENTITY_RULES = {
  /** An SMS code is valid this long. */
  codeTtlMinutes: 5,
  /** Wrong codes allowed per customer within the lock window before verification locks. */
  maxAttempts: 5,
  /** A locked customer may start a new check once this long has passed. */
  lockWindowMinutes: 30,
} as const;

/** The simulated SMS with the verification code. */
export function identityCodeSms(code: string): string {
  return `【安心保险】您的身份验证码为${code}，${DEMO_IDENTITY_RULES.codeTtlMinutes}分钟内有效。请勿将验证码告知任何人。`;
}

/** First response promised per ticket kind, in hours after creation. */
export const DEMO_TICKET_RESPONSE_HOURS: Readonly<Record<TicketKind, number>> = {
  complaint: 24,
  callback: 2,
  message: 24,
};

/** The documents a new claim asks for first, by product line. */
export const DEMO_FIRST_CLAIM_DOCUMENTS: Readonly<Record<ProductLine, readonly string[]>> = {
  life: ['理赔申请书', '被保险人死亡证明', '户籍注销证明', '受益人身份证件及关系证明', '受益人银行卡'],
  critical_illness: ['理赔申请书', '被保险人身份证件', '诊断证明书', '病理或检查报告', '出院小结', '银行卡'],
  medical: ['理赔申请书', '被保险人身份证件', '病历', '费用发票及清单', '银行卡'],
  accident: ['理赔申请书', '被保险人身份证件', '意外事故证明', '病历及诊断证明', '费用发票及清单', '银行卡'],
  annuity: ['给付申请书', '领取人身份证件', '生存证明', '银行卡'],
  motor: ['理赔申请书', '驾驶证', '行驶证', '事故认定书', '现场及车损照片', '维修发票', '银行卡'],
  property: [
    '理赔申请书',
    '被保险人身份证件',
    '财产损失清单',
    '损失照片',
    '事故证明',
    '购货发票或价值证明',
    '银行卡',
  ],
};

/** Claim and ticket numbers carry the date in China Standard Time (UTC+8, no daylight saving). */
export const DEMO_NUMBERING_UTC_OFFSET_HOURS = 8;
