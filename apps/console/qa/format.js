/* Formatting of numbers, rates, durations and dates as the console shows them. */

export const DASH = '—';

const pad = (n) => String(n).padStart(2, '0');

/** A 0–1 rate as "87.5%"; null (no denominator) as "—". */
export function percent(rate) {
  return rate === null || rate === undefined || Number.isNaN(rate) ? DASH : (rate * 100).toFixed(1) + '%';
}

/** A score: integers as they are, otherwise one decimal. */
export function score(value) {
  if (value === null || value === undefined) return DASH;
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(1);
}

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return Number(value).toLocaleString('zh-CN', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** Seconds as "12秒" / "2分05秒" / "1小时03分". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return DASH;
  const s = Math.round(seconds);
  if (s < 60) return s + '秒';
  if (s < 3600) return Math.floor(s / 60) + '分' + pad(s % 60) + '秒';
  return Math.floor(s / 3600) + '小时' + pad(Math.floor((s % 3600) / 60)) + '分';
}

/** Seconds from the start of a transcript as mm:ss (hours roll into minutes). */
export function mmss(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  return pad(Math.floor(s / 60)) + ':' + pad(s % 60);
}

/** An ISO timestamp as local "2026-11-25 14:03"; null as "—". */
export function dateTime(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return isoDate(d) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
}

/** A Date as its local calendar day YYYY-MM-DD. */
export function isoDate(d) {
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
}

/** KPIs and list dates are Beijing calendar days, whatever the browser's own time zone. */
export const SERVICE_TIMEZONE = 'Asia/Shanghai';

/** The Beijing calendar day `days` after (negative: before) today, YYYY-MM-DD. */
export function serviceDay(days = 0) {
  const parts = {};
  for (const p of new Intl.DateTimeFormat('en-US', {
    timeZone: SERVICE_TIMEZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date()))
    parts[p.type] = p.value;
  const d = new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day + days));
  return d.toISOString().slice(0, 10);
}

export const ROLE_LABELS = { qa: '质检员', supervisor: '主管', admin: '管理员', agent: '坐席' };
export const SPEAKER_LABELS = { customer: '客户', bot: 'AI客服', agent: '人工坐席', system: '系统' };
export const SEVERITY_LABELS = { minor: '轻微', major: '严重', critical: '红线' };
export const SOURCE_LABELS = { conversation: '线上会话', import: '外部导入' };
export const FINDING_SOURCE_LABELS = { rule: '规则', judge: '大模型', review: '人工补充' };
export const VERDICT_LABELS = { confirmed: '已确认', overturned: '已推翻' };
export const ACTION_LABELS = {
  confirm: '确认发现',
  overturn: '推翻发现',
  add: '补充发现',
  comment: '评语',
  dispute: '坐席申诉',
};
export const CHANNEL_LABELS = {
  web: '网页在线',
  app: 'App',
  'wechat-oa': '微信公众号',
  'wecom-kf': '企业微信客服',
  phone: '电话',
};
export const EVENT_LABELS = {
  conversation_opened: '会话开始',
  ai_label_shown: '已展示AI身份标识',
  handoff_offered: '提供转人工',
  handoff_requested: '客户请求转人工',
  queue_notice_sent: '已发送排队提示',
  handoff_accepted: '人工坐席接入',
  handoff_returned: '转回AI客服',
  kyc_passed: '身份核验通过',
  ticket_created: '已创建工单',
  application_submitted: '已提交申请',
  auto_renewal_enabled: '已开通自动续保',
  renewal_consent: '客户同意续保',
  survey_sent: '已发送满意度邀请',
  outbound_sent: '已外呼/外发',
  conversation_closed: '会话结束',
};

export function channelLabel(channel) {
  return CHANNEL_LABELS[channel] || channel || DASH;
}
