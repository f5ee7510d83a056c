import type { RuleEvent, SlaUnit } from '@anxin/knowledge';
import type { QaRole } from './quality.types';

/** Simplified Chinese words the engine's explanations use. */
export const ROLE_LABELS: Readonly<Record<QaRole, string>> = {
  customer: '客户',
  bot: '机器人',
  agent: '人工客服',
  system: '系统',
};

export const EVENT_LABELS: Readonly<Record<RuleEvent, string>> = {
  conversation_opened: '会话开始',
  ai_label_shown: '展示AI标识',
  handoff_offered: '提供人工服务',
  handoff_requested: '发起转人工',
  queue_notice_sent: '告知排队情况',
  handoff_queued: '进入人工队列',
  agent_offered: '分配给人工客服',
  handoff_accepted: '人工接入',
  handoff_transferred: '转接',
  handoff_returned: '转回机器人',
  closed_by_timeout: '超时自动结束',
  kyc_passed: '身份核验通过',
  ticket_created: '登记工单',
  application_submitted: '提交投保',
  auto_renewal_enabled: '开通自动续保',
  renewal_consent: '客户同意自动续保',
  survey_sent: '发送满意度邀请',
  outbound_sent: '主动外呼或推送',
  conversation_closed: '会话结束',
};

export const UNIT_LABELS: Readonly<Record<SlaUnit, string>> = {
  minutes: '分钟',
  hours: '小时',
  days: '天',
  working_days: '个工作日',
  months: '个月',
  years: '年',
};

/** "机器人" / "人工客服" / "机器人或人工客服". */
export function rolesLabel(roles: readonly QaRole[]): string {
  return roles.map((role) => ROLE_LABELS[role]).join('或');
}

export function eventsLabel(events: readonly string[]): string {
  return events.map((event) => `“${EVENT_LABELS[event as RuleEvent] ?? event}”`).join('或');
}

/** Why a detector whose trigger reads conversation slots is not assessed. */
export function slotReason(slots: readonly string[]): string {
  return `触发条件依赖会话槽位（${[...new Set(slots)].join('、')}），对话记录未提供，未评估`;
}

export function eventLabel(event: string): string {
  return EVENT_LABELS[event as RuleEvent] ?? event;
}
