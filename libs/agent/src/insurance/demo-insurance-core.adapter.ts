import { randomInt } from 'node:crypto';
import type { Clock } from '@anxin/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEMO_FIRST_CLAIM_DOCUMENTS,
  DEMO_IDENTITY_RULES,
  DEMO_NUMBERING_UTC_OFFSET_HOURS,
  DEMO_TICKET_RESPONSE_HOURS,
  identityCodeSms,
} from './demo-insurance-rules.data';
import {
  type ClaimRecord,
  type ClaimReportInput,
  type ClaimReportResult,
  type ClaimStatus,
  type IdentityChallengeResult,
  type IdentityConfirmResult,
  InsuranceCore,
  type PolicyDetail,
  type PolicyStatus,
  type PolicySummary,
  type ProductLine,
  type TicketInput,
  type TicketReceipt,
} from './insurance-core.port';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_IN_FORCE: readonly PolicyStatus[] = ['lapsed', 'terminated'];

const POLICY_COLUMNS = `p.policy_no, p.product_name, p.line, p.status, p.insured_name,
  to_char(p.effective_date, 'YYYY-MM-DD') AS effective_date,
  to_char(p.expiry_date, 'YYYY-MM-DD') AS expiry_date`;
const CLAIM_COLUMNS = `claim_no, policy_no, status, reported_at, incident_at, description,
  missing_documents, approved_amount, updated_at`;

type Row = Record<string, unknown>;

/** Masks all but the first 3 and last 4 digits: 13800005678 → 138****5678. */
function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

const iso = (value: unknown): string => new Date(value as string | Date).toISOString();
const amount = (value: unknown): number | null => (value === null ? null : Number(value));

function toPolicySummary(row: Row): PolicySummary {
  return {
    policyNo: row.policy_no as string,
    productName: row.product_name as string,
    line: row.line as ProductLine,
    status: row.status as PolicyStatus,
    effectiveDate: row.effective_date as string,
    expiryDate: row.expiry_date as string | null,
    insuredName: row.insured_name as string,
  };
}

function toClaim(row: Row): ClaimRecord {
  return {
    claimNo: row.claim_no as string,
    policyNo: row.policy_no as string,
    status: row.status as ClaimStatus,
    reportedAt: iso(row.reported_at),
    incidentAt: iso(row.incident_at),
    description: row.description as string,
    missingDocuments: row.missing_documents as string[],
    approvedAmount: amount(row.approved_amount),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * The insurer's core systems simulated on the demo_* tables (seeded with fictional data by the
 * DemoInsuranceCore migration). SMS codes are written to demo_sms_outbox instead of being sent.
 */
export class DemoInsuranceCore extends InsuranceCore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly random: () => number = () => randomInt(1_000_000) / 1_000_000,
  ) {
    super();
  }

  async startIdentityCheck(input: { name: string; idLast4: string }): Promise<IdentityChallengeResult> {
    const name = input.name.trim();
    const idLast4 = input.idLast4.trim().toUpperCase();
    const parties = (await this.dataSource.query(
      `SELECT customer_ref, mobile FROM demo_insured_party WHERE name = $1 AND right(id_number, 4) = $2`,
      [name, idLast4],
    )) as { customer_ref: string; mobile: string }[];
    if (parties.length !== 1) return { ok: false, reason: 'no_match' };
    const [party] = parties;
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM demo_insured_party WHERE customer_ref = $1 FOR UPDATE`, [
        party.customer_ref,
      ]);
      if ((await this.failures(tx, party.customer_ref, now)) >= DEMO_IDENTITY_RULES.maxAttempts) {
        return { ok: false, reason: 'locked' } as const;
      }
      // Only the newest code counts: earlier open challenges expire now.
      await tx.query(
        `UPDATE demo_identity_challenge SET expires_at = $2
         WHERE customer_ref = $1 AND confirmed_at IS NULL AND expires_at > $2`,
        [party.customer_ref, now],
      );
      const code = this.newCode();
      const [challenge] = (await tx.query(
        `INSERT INTO demo_identity_challenge (customer_ref, code, attempts, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          party.customer_ref,
          code,
          DEMO_IDENTITY_RULES.maxAttempts,
          new Date(now.getTime() + DEMO_IDENTITY_RULES.codeTtlMinutes * MINUTE_MS),
          now,
        ],
      )) as { id: string }[];
      await tx.query(`INSERT INTO demo_sms_outbox (mobile, text, created_at) VALUES ($1, $2, $3)`, [
        party.mobile,
        identityCodeSms(code),
        now,
      ]);
      return { ok: true, challengeId: challenge.id, maskedMobile: maskMobile(party.mobile) } as const;
    });
  }

  async confirmIdentity(input: { challengeId: string; code: string }): Promise<IdentityConfirmResult> {
    const gone = { ok: false, reason: 'expired', attemptsLeft: 0 } as const;
    if (!UUID.test(input.challengeId)) return gone;
    const owner = (await this.dataSource.query(
      `SELECT customer_ref FROM demo_identity_challenge WHERE id = $1`,
      [input.challengeId],
    )) as { customer_ref: string }[];
    if (!owner[0]) return gone;
    const customerRef = owner[0].customer_ref;
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx): Promise<IdentityConfirmResult> => {
      // Party row first, then the challenge: the same lock order as startIdentityCheck.
      const [party] = (await tx.query(
        `SELECT customer_ref, name, mobile FROM demo_insured_party WHERE customer_ref = $1 FOR UPDATE`,
        [customerRef],
      )) as { customer_ref: string; name: string; mobile: string }[];
      const [challenge] = (await tx.query(
        `SELECT code, attempts, expires_at, confirmed_at FROM demo_identity_challenge WHERE id = $1 FOR UPDATE`,
        [input.challengeId],
      )) as { code: string; attempts: number; expires_at: Date; confirmed_at: Date | null }[];
      if (challenge.confirmed_at !== null) return gone;
      const budget = DEMO_IDENTITY_RULES.maxAttempts - (await this.failures(tx, customerRef, now));
      const attemptsLeft = Math.min(challenge.attempts, budget);
      if (attemptsLeft <= 0) return { ok: false, reason: 'locked', attemptsLeft: 0 };
      if (now.getTime() >= new Date(challenge.expires_at).getTime()) {
        return { ok: false, reason: 'expired', attemptsLeft };
      }
      if (input.code.trim() === challenge.code) {
        await tx.query(`UPDATE demo_identity_challenge SET confirmed_at = $2 WHERE id = $1`, [
          input.challengeId,
          now,
        ]);
        return {
          ok: true,
          party: {
            customerRef: party.customer_ref,
            name: party.name,
            maskedMobile: maskMobile(party.mobile),
          },
        };
      }
      const left = attemptsLeft - 1;
      await tx.query(`UPDATE demo_identity_challenge SET attempts = $2 WHERE id = $1`, [
        input.challengeId,
        left === 0 ? 0 : challenge.attempts - 1,
      ]);
      return left === 0
        ? { ok: false, reason: 'locked', attemptsLeft: 0 }
        : { ok: false, reason: 'wrong_code', attemptsLeft: left };
    });
  }

  async lookupPolicies(customerRef: string): Promise<PolicySummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${POLICY_COLUMNS} FROM demo_policy p WHERE p.customer_ref = $1
       ORDER BY p.effective_date DESC, p.policy_no DESC`,
      [customerRef],
    )) as Row[];
    return rows.map(toPolicySummary);
  }

  async getPolicy(customerRef: string, policyNo: string): Promise<PolicyDetail | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ${POLICY_COLUMNS}, h.name AS holder_name, p.beneficiaries, p.sum_insured, p.premium,
         p.payment_frequency, to_char(p.next_premium_due, 'YYYY-MM-DD') AS next_premium_due, p.vehicle_plate
       FROM demo_policy p JOIN demo_insured_party h ON h.customer_ref = p.customer_ref
       WHERE p.customer_ref = $1 AND p.policy_no = $2`,
      [customerRef, policyNo.trim().toUpperCase()],
    )) as Row[];
    if (!row) return null;
    return {
      ...toPolicySummary(row),
      holderName: row.holder_name as string,
      beneficiaries: row.beneficiaries as string[],
      sumInsured: Number(row.sum_insured),
      premium: Number(row.premium),
      paymentFrequency: row.payment_frequency as PolicyDetail['paymentFrequency'],
      nextPremiumDue: row.next_premium_due as string | null,
      vehiclePlate: row.vehicle_plate as string | null,
    };
  }

  async reportClaim(customerRef: string, input: ClaimReportInput): Promise<ClaimReportResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx): Promise<ClaimReportResult> => {
      const [policy] = (await tx.query(
        `SELECT policy_no, line, status, insured_name FROM demo_policy WHERE customer_ref = $1 AND policy_no = $2`,
        [customerRef, input.policyNo.trim().toUpperCase()],
      )) as { policy_no: string; line: ProductLine; status: PolicyStatus; insured_name: string }[];
      if (!policy) return { ok: false, reason: 'policy_not_found' };
      if (NOT_IN_FORCE.includes(policy.status)) return { ok: false, reason: 'policy_not_in_force' };
      if (policy.insured_name !== input.insuredName.trim()) return { ok: false, reason: 'not_insured' };
      const claimNo = await this.nextNumber(tx, 'CL', now);
      const [row] = (await tx.query(
        `INSERT INTO demo_claim (claim_no, policy_no, customer_ref, status, reported_at, incident_at, place,
           description, injuries, missing_documents, updated_at, conversation_id)
         VALUES ($1, $2, $3, 'reported', $4, $5::timestamptz, $6, $7, $8, $9::text[], $4, $10)
         RETURNING ${CLAIM_COLUMNS}`,
        [
          claimNo,
          policy.policy_no,
          customerRef,
          now,
          input.incidentAt,
          input.place,
          input.description,
          input.injuries,
          [...DEMO_FIRST_CLAIM_DOCUMENTS[policy.line]],
          input.conversationId,
        ],
      )) as Row[];
      return { ok: true, claim: toClaim(row) };
    });
  }

  async getClaimStatus(customerRef: string, claimNo?: string): Promise<ClaimRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${CLAIM_COLUMNS} FROM demo_claim
       WHERE customer_ref = $1 AND ($2::varchar IS NULL OR claim_no = $2::varchar)
       ORDER BY reported_at DESC, claim_no DESC`,
      [customerRef, claimNo?.trim().toUpperCase() ?? null],
    )) as Row[];
    return rows.map(toClaim);
  }

  async createTicket(input: TicketInput): Promise<TicketReceipt> {
    const now = this.clock.now();
    const respondBy = new Date(now.getTime() + DEMO_TICKET_RESPONSE_HOURS[input.kind] * HOUR_MS);
    return this.dataSource.transaction(async (tx) => {
      const ticketNo = await this.nextNumber(tx, 'TK', now);
      await tx.query(
        `INSERT INTO demo_ticket (ticket_no, kind, customer_ref, contact_phone, summary, policy_no,
           conversation_id, respond_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          ticketNo,
          input.kind,
          input.customerRef,
          input.contactPhone,
          input.summary,
          input.policyNo,
          input.conversationId,
          respondBy,
          now,
        ],
      );
      return { ticketNo, kind: input.kind, respondBy: respondBy.toISOString() };
    });
  }

  /** Demo only (not on the port): the code in the latest simulated SMS to this customer's mobile. */
  async lastSmsCode(customerRef: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT s.text FROM demo_sms_outbox s JOIN demo_insured_party p ON p.mobile = s.mobile
       WHERE p.customer_ref = $1 ORDER BY s.id DESC LIMIT 1`,
      [customerRef],
    )) as { text: string }[];
    return row ? (/\d{6}/.exec(row.text)?.[0] ?? null) : null;
  }

  /** Wrong codes since the lock window opened (or since the last successful check, if later). */
  private async failures(m: EntityManager, customerRef: string, now: Date): Promise<number> {
    const since = new Date(now.getTime() - DEMO_IDENTITY_RULES.lockWindowMinutes * MINUTE_MS);
    const [row] = (await m.query(
      `SELECT coalesce(sum($3::integer - attempts), 0)::integer AS failures FROM demo_identity_challenge
       WHERE customer_ref = $1 AND confirmed_at IS NULL AND created_at > greatest($2::timestamptz,
         (SELECT max(confirmed_at) FROM demo_identity_challenge WHERE customer_ref = $1))`,
      [customerRef, since, DEMO_IDENTITY_RULES.maxAttempts],
    )) as { failures: number }[];
    return row.failures;
  }

  private newCode(): string {
    return String(Math.floor(this.random() * 1_000_000) % 1_000_000).padStart(6, '0');
  }

  /** PREFIX + yyyymmdd (China time) + the day's 4-digit serial, counted in demo_number_counter. */
  private async nextNumber(m: EntityManager, prefix: 'CL' | 'TK', now: Date): Promise<string> {
    const local = new Date(now.getTime() + DEMO_NUMBERING_UTC_OFFSET_HOURS * HOUR_MS);
    const day = local.toISOString().slice(0, 10).replace(/-/g, '');
    const [row] = (await m.query(
      `INSERT INTO demo_number_counter (prefix, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, day) DO UPDATE SET last_value = demo_number_counter.last_value + 1
       RETURNING last_value`,
      [prefix, day],
    )) as { last_value: number }[];
    return `${prefix}${day}${String(row.last_value).padStart(4, '0')}`;
  }
}
