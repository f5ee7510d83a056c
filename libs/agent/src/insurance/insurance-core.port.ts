/**
 * The insurer's core systems as the agent sees them: identity checks, policies, claims and tickets.
 * One adapter per backend; the demo adapter runs on our own tables with fictional data.
 * Every method takes already-validated arguments; "not found" and refusals are data, not throws.
 */

/** Product lines, as in knowledge/sla.yaml. */
export type ProductLine =
  'life' | 'critical_illness' | 'medical' | 'accident' | 'annuity' | 'motor' | 'property';

export type PolicyStatus = 'in_force' | 'grace_period' | 'lapsed' | 'terminated' | 'cooling_off';

export type ClaimStatus =
  | 'reported' // 已报案
  | 'documents_pending' // 待补充材料
  | 'under_review' // 审核中
  | 'approved' // 已结案，同意赔付
  | 'paid' // 已赔付
  | 'declined' // 拒赔
  | 'withdrawn'; // 已撤案

/** A verified customer of the insurer (not our conversation customer). */
export interface InsuredParty {
  /** The core system's customer number, e.g. "C000123". */
  readonly customerRef: string;
  readonly name: string;
  /** Masked for display, e.g. "138****5678". */
  readonly maskedMobile: string;
}

export interface PolicySummary {
  /** AX + two letters + 12 digits, e.g. AXCI202600001234. */
  readonly policyNo: string;
  readonly productName: string;
  readonly line: ProductLine;
  readonly status: PolicyStatus;
  /** YYYY-MM-DD */
  readonly effectiveDate: string;
  /** YYYY-MM-DD; null for whole-life. */
  readonly expiryDate: string | null;
  readonly insuredName: string;
}

export interface PolicyDetail extends PolicySummary {
  readonly holderName: string;
  readonly beneficiaries: readonly string[];
  /** Sum insured in yuan. */
  readonly sumInsured: number;
  /** Premium per payment in yuan. */
  readonly premium: number;
  readonly paymentFrequency: 'single' | 'monthly' | 'yearly';
  /** YYYY-MM-DD; null when fully paid. */
  readonly nextPremiumDue: string | null;
  /** Vehicle plate for motor policies, e.g. "沪A·12345"; null otherwise. */
  readonly vehiclePlate: string | null;
}

export interface ClaimRecord {
  /** e.g. CL202611250001 */
  readonly claimNo: string;
  readonly policyNo: string;
  readonly status: ClaimStatus;
  /** ISO timestamp. */
  readonly reportedAt: string;
  /** ISO timestamp of the accident / onset. */
  readonly incidentAt: string;
  readonly description: string;
  /** Documents still missing (only for documents_pending). */
  readonly missingDocuments: readonly string[];
  /** Yuan; null until decided. */
  readonly approvedAmount: number | null;
  /** ISO timestamp of the last status change. */
  readonly updatedAt: string;
}

export interface ClaimReportInput {
  readonly policyNo: string;
  readonly insuredName: string;
  /** ISO timestamp. */
  readonly incidentAt: string;
  readonly place: string;
  readonly description: string;
  /** Injuries (people hurt) if any; empty string when none. */
  readonly injuries: string;
  /** Our conversation id, for the claim's audit trail. */
  readonly conversationId: string;
}

export type TicketKind = 'complaint' | 'callback' | 'message';

export interface TicketInput {
  readonly kind: TicketKind;
  /** null when the customer is not verified (e.g. an anonymous complaint). */
  readonly customerRef: string | null;
  /** Call-back number as given by the customer (the adapter stores it, never logs it). */
  readonly contactPhone: string | null;
  readonly summary: string;
  readonly policyNo: string | null;
  readonly conversationId: string;
}

export interface TicketReceipt {
  /** e.g. TK202611250001 */
  readonly ticketNo: string;
  readonly kind: TicketKind;
  /** ISO timestamp by which the insurer promises a first response (from the adapter's rules). */
  readonly respondBy: string;
}

export type IdentityChallengeResult =
  | { readonly ok: true; readonly challengeId: string; readonly maskedMobile: string }
  | { readonly ok: false; readonly reason: 'no_match' | 'locked' };

export type IdentityConfirmResult =
  | { readonly ok: true; readonly party: InsuredParty }
  | {
      readonly ok: false;
      readonly reason: 'wrong_code' | 'expired' | 'locked';
      readonly attemptsLeft: number;
    };

export type ClaimReportResult =
  | { readonly ok: true; readonly claim: ClaimRecord }
  | { readonly ok: false; readonly reason: 'policy_not_found' | 'policy_not_in_force' | 'not_insured' };

export abstract class InsuranceCore {
  /**
   * Step 1 of identity verification: name + last 4 characters of the ID number. On a match an SMS
   * code goes to the mobile on file (the demo adapter records it instead of sending).
   */
  abstract startIdentityCheck(input: { name: string; idLast4: string }): Promise<IdentityChallengeResult>;
  /** Step 2: the code the customer received. Five wrong codes lock the challenge. */
  abstract confirmIdentity(input: { challengeId: string; code: string }): Promise<IdentityConfirmResult>;
  abstract lookupPolicies(customerRef: string): Promise<PolicySummary[]>;
  /** null when the policy does not exist or does not belong to this customer (no difference shown). */
  abstract getPolicy(customerRef: string, policyNo: string): Promise<PolicyDetail | null>;
  abstract reportClaim(customerRef: string, input: ClaimReportInput): Promise<ClaimReportResult>;
  /** The customer's claims, newest first; one claim when claimNo is given (empty if not theirs). */
  abstract getClaimStatus(customerRef: string, claimNo?: string): Promise<ClaimRecord[]>;
  abstract createTicket(input: TicketInput): Promise<TicketReceipt>;
}
