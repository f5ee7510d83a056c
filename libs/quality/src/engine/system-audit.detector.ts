import type { Check, Detector } from '@anxin/knowledge';
import type { DetectorRunner, DetectorSink, RawFinding } from './detector.types';
import type { ScoringContext } from './scoring.context';

type AuditDetector = Extract<Detector, { kind: 'system_audit' }>;

/** Transcript fields a validated QaTranscript always has. */
const ALWAYS_PRESENT = new Set(['timestamps', 'roles']);
const FIELD_LABELS: Readonly<Record<string, string>> = {
  timestamps: '时间戳',
  roles: '角色',
  handoff_events: '转接事件',
  kyc_events: '身份核验事件',
  product_page_version: '产品页面版本',
  tamper_evidence: '防篡改凭证',
};

/**
 * system_audit detectors check the stored record, not the service; their findings are charged to the
 * system and (unless critical) take no points.
 * - pii_masking: stored turns (any role) must hold no maskable PII of the listed kinds; one finding.
 * - transcript_integrity: timestamps and roles are guaranteed by validation; handoff_events are checked
 *   (agent turns after a bot need a handoff_requested or handoff_accepted event); the rest (kyc events, product page
 *   version, tamper evidence) need the store and are reported not assessed.
 * - retention: needs the store; always not assessed.
 * - outbound_quiet_hours, do_not_contact: apply only to outbound sends; with an outbound_sent event they
 *   are not assessed (a transcript has relative times and no contact history), without one there is
 *   nothing to check.
 */
export function systemAuditRunner(check: Check, detector: AuditDetector): DetectorRunner {
  const finding = (
    ctx: ScoringContext,
    messageIndex: number | null,
    evidence: string,
    detail: string,
  ): RawFinding => ({
    check,
    detector: detector.id,
    outcome: detector.outcome,
    messageIndex,
    pos: messageIndex === null ? ctx.end : ctx.turns[messageIndex].pos,
    chargeRoles: [],
    evidence,
    explanation: `${check.title}：${detail}${detector.outcome.severity === 'critical' ? '' : '（系统审计，不扣分）'}`,
    source: 'rule',
    audit: true,
  });

  const run = (ctx: ScoringContext, sink: DetectorSink): void => {
    switch (detector.audit) {
      case 'pii_masking': {
        const hits = ctx.texts
          .map((text, index) => ({
            index,
            found: ctx.pii.maskable(text).filter((m) => detector.pii.includes(m.kind)),
          }))
          .filter((h) => h.found.length > 0);
        if (hits.length === 0) return;
        const kinds = [...new Set(hits.flatMap((h) => h.found.map((m) => m.kind)))];
        const titles = kinds.map((kind) => ctx.pii.title(kind)).join('、');
        const first = hits[0].found[0];
        sink.add(
          finding(ctx, hits[0].index, ctx.mask(first.value), `${hits.length}条消息含未脱敏的${titles}`),
        );
        return;
      }
      case 'transcript_integrity': {
        // A handoff is bot → human: a human-only record (a phone call answered by an agent) has none to log.
        const agentTurn = ctx.turns.find((t) => t.role === 'agent');
        if (
          detector.requires.includes('handoff_events') &&
          agentTurn &&
          ctx.turns.some((t) => t.role === 'bot') &&
          !ctx.hasEvent('handoff_requested') &&
          !ctx.hasEvent('handoff_accepted')
        )
          sink.add(finding(ctx, agentTurn.index, '人工客服接入', '有人工客服回复，但未记录转接事件'));
        const unchecked = detector.requires.filter((f) => !ALWAYS_PRESENT.has(f) && f !== 'handoff_events');
        if (unchecked.length > 0)
          sink.skip(
            check,
            detector,
            `${unchecked.map((f) => FIELD_LABELS[f] ?? f).join('、')}须在存储层审计，单条对话记录无法判定`,
          );
        return;
      }
      case 'retention':
        sink.skip(check, detector, '保存期限须在存储层审计，单条对话记录无法判定');
        return;
      case 'outbound_quiet_hours':
        if (ctx.hasEvent('outbound_sent'))
          sink.skip(check, detector, '对话记录只有相对时间，无法判定主动外呼是否在禁止时段，未评估');
        return;
      case 'do_not_contact':
        if (ctx.hasEvent('outbound_sent'))
          sink.skip(check, detector, '需客户拒绝联系记录，单条对话记录无法判定，未评估');
        return;
    }
  };
  return { check, detector, run };
}
