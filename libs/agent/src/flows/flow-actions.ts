import type {
  ClaimRecord,
  InsuranceCore,
  PolicyDetail,
  PolicySummary,
} from '../insurance/insurance-core.port';
import { fill, type FlowDefinition, messageOf } from './flow-definition.loader';
import type { AgentState, FlowContext, FlowState, FlowStep } from './flow.types';
import { beijingTime } from './slot-reader';

type Continue = (flow: FlowDefinition, current: FlowState, state: AgentState) => Promise<FlowStep>;

/** What completes each flow: calls into the insurer's systems and words the outcome from the flow's data. */
export class FlowActions {
  constructor(private readonly core: InsuranceCore) {}

  /** Identity check: name + ID tail → SMS challenge → code → verified (kyc_passed). */
  async verify(
    flow: FlowDefinition,
    current: FlowState,
    state: AgentState,
    ctx: FlowContext,
    passed: Continue,
  ): Promise<FlowStep> {
    const ask = (key: string, next: FlowState = current): FlowStep => {
      const slot = flow.slots.find((s) => s.key === key);
      const text = fill(slot?.ask ?? '', { ...next.slots, mobile_tail: next.mobileTail ?? '' });
      return { text, state: { ...state, flow: { ...next, awaiting: key } }, events: [] };
    };
    const { name, id_last4: idLast4, sms_code: code } = current.slots;
    if (name === undefined) return ask('name');
    if (idLast4 === undefined) return ask('id_last4');
    if (!current.challengeId) return this.challenge(flow, current, state, ask);
    if (code === undefined) return ask('sms_code');
    const result = await this.core.confirmIdentity({ challengeId: current.challengeId, code });
    if (result.ok) {
      const identity = {
        customerRef: result.party.customerRef,
        name: result.party.name,
        verifiedAt: ctx.now.toISOString(),
      };
      const next = { ...state, identity, flow: undefined };
      const step = await passed(flow, current, next);
      return {
        ...step,
        events: [
          {
            type: 'kyc_passed',
            note: '客户身份核验通过（姓名+身份证后四位+短信验证码）',
            data: { customerRef: identity.customerRef, method: 'name_id4_sms' },
          },
          ...step.events,
        ],
      };
    }
    const { sms_code: _dropped, ...rest } = current.slots;
    if (result.reason === 'wrong_code') {
      const text = fill(messageOf(flow, 'wrong_code'), { attempts_left: result.attemptsLeft });
      return {
        text,
        state: { ...state, flow: { ...current, slots: rest, awaiting: 'sms_code' } },
        events: [],
      };
    }
    if (result.reason === 'expired')
      return {
        text: messageOf(flow, 'expired'),
        state: { ...state, flow: { ...current, slots: rest, awaiting: 'sms_code' } },
        events: [],
      };
    return this.locked(flow, state);
  }

  async resendCode(
    flow: FlowDefinition,
    current: FlowState,
    state: AgentState,
    next: Continue,
  ): Promise<FlowStep> {
    const { sms_code: _dropped, ...slots } = current.slots;
    return next(flow, { ...current, slots, challengeId: undefined }, state);
  }

  async run(
    flow: FlowDefinition,
    current: FlowState,
    state: AgentState,
    ctx: FlowContext,
    next: Continue,
  ): Promise<FlowStep> {
    const done = (text: string, extra: Partial<FlowStep> = {}): FlowStep => ({
      text,
      state: { ...state, flow: undefined },
      events: [],
      ...extra,
    });
    const customerRef = state.identity?.customerRef;
    switch (flow.action) {
      case 'report_claim': {
        if (!customerRef) return done(messageOf(flow, 'cancelled'));
        const s = current.slots;
        const result = await this.core.reportClaim(customerRef, {
          policyNo: s.policy_no,
          insuredName: s.insured_name,
          incidentAt: s.incident_at,
          place: s.place,
          description: s.description,
          injuries: s.injuries === '无' ? '' : s.injuries,
          conversationId: ctx.conversationId,
        });
        if (result.ok) {
          const { claim } = result;
          return done(
            fill(messageOf(flow, 'done'), {
              claim_no: claim.claimNo,
              documents: claim.missingDocuments.join('、'),
            }),
            {
              events: [
                {
                  type: 'claim_reported',
                  note: `报案成功，报案号${claim.claimNo}`,
                  data: { claimNo: claim.claimNo, policyNo: claim.policyNo },
                },
              ],
            },
          );
        }
        const text = fill(messageOf(flow, `refused_${result.reason}`), { policy_no: s.policy_no });
        if (result.reason === 'policy_not_in_force') return done(text);
        const slot = result.reason === 'policy_not_found' ? 'policy_no' : 'insured_name';
        const { [slot]: _dropped, ...slots } = s;
        return { text, state: { ...state, flow: { ...current, slots, awaiting: slot } }, events: [] };
      }
      case 'lookup_policies': {
        if (!customerRef) return done(messageOf(flow, 'none'));
        const policies = await this.core.lookupPolicies(customerRef);
        if (policies.length === 0) return done(messageOf(flow, 'none'));
        const lines = policies.map((policy, i) =>
          fill(messageOf(flow, 'policy_line'), this.policyValues(flow, policy, i)),
        );
        return done(fill(messageOf(flow, 'done'), { count: policies.length, policies: lines.join('\n') }), {
          events: [
            {
              type: 'tool_called',
              note: '查询客户名下保单',
              data: { tool: 'lookup_policies', count: policies.length },
            },
          ],
        });
      }
      case 'get_claim_status': {
        if (!customerRef) return done(messageOf(flow, 'none'));
        const claims = await this.core.getClaimStatus(customerRef);
        if (claims.length === 0) return done(messageOf(flow, 'none'));
        const lines = claims.map((claim, i) =>
          fill(messageOf(flow, 'claim_line'), this.claimValues(flow, claim, i)),
        );
        return done(fill(messageOf(flow, 'done'), { claims: lines.join('\n') }), {
          events: [
            {
              type: 'tool_called',
              note: '查询理赔进度',
              data: { tool: 'get_claim_status', count: claims.length },
            },
          ],
        });
      }
      case 'create_ticket': {
        const receipt = await this.core.createTicket({
          kind: 'complaint',
          customerRef: customerRef ?? null,
          contactPhone: current.slots.contact_phone || null,
          summary: current.slots.summary ?? '',
          policyNo: null,
          conversationId: ctx.conversationId,
        });
        return done(
          fill(messageOf(flow, 'done'), {
            ticket_no: receipt.ticketNo,
            respond_by: beijingTime(receipt.respondBy),
          }),
          {
            events: [
              {
                type: 'ticket_created',
                note: `登记投诉工单${receipt.ticketNo}`,
                data: { ticketNo: receipt.ticketNo, kind: receipt.kind },
              },
            ],
            handoff: { reason: 'complaint', skill: 'complaints' },
          },
        );
      }
      case 'verify_identity':
        return next(flow, current, state);
    }
  }

  /** One policy's details for a verified owner; null when it is not theirs. */
  async policyDetail(flow: FlowDefinition, customerRef: string, policyNo: string): Promise<string> {
    const policy = await this.core.getPolicy(customerRef, policyNo);
    if (!policy) return messageOf(flow, 'not_found');
    return fill(messageOf(flow, 'detail'), this.detailValues(flow, policy));
  }

  private async challenge(
    flow: FlowDefinition,
    current: FlowState,
    state: AgentState,
    ask: (key: string, next?: FlowState) => FlowStep,
  ): Promise<FlowStep> {
    const result = await this.core.startIdentityCheck({
      name: current.slots.name,
      idLast4: current.slots.id_last4,
    });
    if (result.ok)
      return ask('sms_code', {
        ...current,
        challengeId: result.challengeId,
        mobileTail: result.maskedMobile.slice(-4),
      });
    if (result.reason === 'locked') return this.locked(flow, state);
    return {
      text: messageOf(flow, 'no_match'),
      state: { ...state, flow: { ...current, slots: {}, challengeId: undefined, awaiting: 'name' } },
      events: [
        {
          type: 'identity_failed',
          note: '身份核验未通过：姓名与证件后四位不匹配',
          data: { reason: 'no_match' },
        },
      ],
    };
  }

  private locked(flow: FlowDefinition, state: AgentState): FlowStep {
    return {
      text: messageOf(flow, 'locked'),
      state: { ...state, flow: undefined },
      events: [{ type: 'identity_failed', note: '身份核验已锁定', data: { reason: 'locked' } }],
    };
  }

  private policyValues(
    flow: FlowDefinition,
    policy: PolicySummary,
    index: number,
  ): Record<string, string | number> {
    return {
      index: index + 1,
      product_name: policy.productName,
      policy_no: policy.policyNo,
      insured_name: policy.insuredName,
      status: flow.labels[policy.status] ?? policy.status,
      effective_date: policy.effectiveDate,
      expiry_date: policy.expiryDate ?? messageOf(flow, 'whole_life'),
    };
  }

  private detailValues(flow: FlowDefinition, policy: PolicyDetail): Record<string, string | number> {
    return {
      ...this.policyValues(flow, policy, 0),
      holder_name: policy.holderName,
      sum_insured: policy.sumInsured,
      premium: policy.premium,
      frequency: flow.labels[policy.paymentFrequency] ?? policy.paymentFrequency,
      next_premium_due: policy.nextPremiumDue ?? messageOf(flow, 'fully_paid'),
    };
  }

  private claimValues(
    flow: FlowDefinition,
    claim: ClaimRecord,
    index: number,
  ): Record<string, string | number> {
    const extra =
      claim.status === 'documents_pending' && claim.missingDocuments.length > 0
        ? fill(messageOf(flow, 'missing'), { documents: claim.missingDocuments.join('、') })
        : claim.approvedAmount !== null
          ? fill(messageOf(flow, 'amount'), { amount: claim.approvedAmount })
          : '';
    return {
      index: index + 1,
      claim_no: claim.claimNo,
      policy_no: claim.policyNo,
      status: flow.labels[claim.status] ?? claim.status,
      reported_at: beijingTime(claim.reportedAt).split(' ')[0],
      extra,
    };
  }
}
