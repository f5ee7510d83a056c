/*
 * Labels and small helpers of the agent desk and the supervisor view: presence, states, priorities,
 * transcript events, live timers and the server clock.
 *
 * Times in the desk API are the server's clock (waitingSince, expiresAt, since). The browser's
 * clock may differ (a wrong PC clock; the tests run the server on a fixed day), so live timers
 * count from the seconds the server reported (waitingSeconds, seconds) plus the time passed in the
 * browser since, and an offer's deadline is read against the server time learnt from those pairs.
 */
import { EVENT_LABELS, mmss } from './format.js';

export const PRESENCE_LABELS = { online: '在线', away: '小休', offline: '离线' };
export const STATE_LABELS = { queued: '排队中', agent: '人工服务中', bot: '机器人服务中', closed: '已结束' };
export const PRIORITY_LABELS = { 2: '紧急/适老优先', 1: '投诉优先' };
export const ASSIGNMENT_LABELS = { auto: '系统自动分配', manual: '坐席手动接入' };
export const TICKET_REASON_LABELS = {
  after_hours: '非人工服务时间',
  no_agent: '暂无坐席在线',
  queue_timeout: '排队超时',
};
export const VERIFY_METHOD_LABELS = {
  identity_check: '姓名+证件尾号+短信验证码',
  app_login: 'App 登录',
};
export const POLICY_STATUS_LABELS = {
  in_force: '有效',
  grace_period: '宽限期',
  lapsed: '失效',
  terminated: '已终止',
  cooling_off: '犹豫期',
};
export const PRODUCT_LINE_LABELS = {
  life: '寿险',
  critical_illness: '重疾险',
  medical: '医疗险',
  accident: '意外险',
  annuity: '年金险',
  motor: '车险',
  property: '财产险',
};
export const WITHDRAWN_LABELS = {
  expired: '接入请求已超时，已转给其他坐席',
  taken: '该客户已由其他坐席接入',
  left: '该客户已不在排队中',
};

const DESK_EVENT_LABELS = {
  handoff_queued: '进入人工队列',
  agent_offered: '已分配坐席，等待接入',
  handoff_transferred: '会话转接',
  agent_override: '坐席确认发送了触发规范提醒的回复',
  agent_note: '内部备注',
  closed_by_timeout: '超时自动结束',
  injection_detected: '检测到提示词攻击',
};

/** The Chinese name of a transcript event. */
export function eventLabel(event) {
  return DESK_EVENT_LABELS[event] || EVENT_LABELS[event] || event || '系统事件';
}

/** A conversation id as the desk shows it: the first 8 characters. */
export function shortId(id) {
  return String(id || '').slice(0, 8);
}

/** A fresh clientMsgId for a desk message (1–64 of A–Z a–z 0–9 _ : . -). */
export function newClientMsgId() {
  const random = Math.random().toString(36).slice(2, 10);
  return 'desk-' + Date.now().toString(36) + '-' + random;
}

/** "14:03:27" in the browser's time zone. */
export function clockTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString('zh-CN', { hour12: false });
}

/** The server's clock as learnt from (server time, seconds since) pairs; null offset until then. */
export const serverClock = {
  offset: null,
  /** `sinceIso` was `seconds` ago on the server when the response left it. */
  learn(sinceIso, seconds) {
    const since = Date.parse(sinceIso);
    if (Number.isNaN(since) || typeof seconds !== 'number') return;
    this.offset = since + seconds * 1000 - Date.now();
  },
  now() {
    return Date.now() + (this.offset || 0);
  },
};

/** Local ms at which a server-clock deadline falls (an unknown or absurd clock: `fallbackMs` from now). */
export function localDeadline(expiresIso, fallbackMs) {
  const expires = Date.parse(expiresIso);
  const remaining = Number.isNaN(expires) ? NaN : expires - serverClock.now();
  const plausible = remaining > -5000 && remaining < 10 * 60 * 1000;
  return Date.now() + (plausible ? remaining : fallbackMs);
}

/**
 * A live counter: <span data-elapsed-base="42" data-elapsed-at="<local ms>"> shows 00:42, 00:43…;
 * <span data-deadline="<local ms>"> counts down to 0. tickTimers() refreshes them (once a second).
 */
export function elapsedAttrs(seconds, receivedAt) {
  return { elapsedBase: String(Math.max(0, Number(seconds) || 0)), elapsedAt: String(receivedAt) };
}

export function elapsedSeconds(node, now = Date.now()) {
  const base = Number(node.dataset.elapsedBase) || 0;
  const at = Number(node.dataset.elapsedAt) || now;
  return base + Math.max(0, (now - at) / 1000);
}

export function tickTimers(root) {
  const now = Date.now();
  root.querySelectorAll('[data-elapsed-base]').forEach((node) => {
    const seconds = elapsedSeconds(node, now);
    node.textContent = mmss(seconds);
    const due = Number(node.dataset.due);
    if (due > 0) {
      const breached = seconds > due;
      node.classList.toggle('is-breached', breached);
      const row = node.closest('[data-breached]');
      if (row && breached) row.dataset.breached = 'true';
    }
  });
  root.querySelectorAll('[data-deadline]').forEach((node) => {
    const left = Math.max(0, Math.ceil((Number(node.dataset.deadline) - now) / 1000));
    node.textContent = left + ' 秒';
    node.classList.toggle('is-urgent', left <= 10);
  });
}
