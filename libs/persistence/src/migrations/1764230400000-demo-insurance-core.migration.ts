import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEMO_CLAIMS, DEMO_INSURED_PARTIES, DEMO_POLICIES } from './demo-insurance-seed.data';

const LINES = `'life', 'critical_illness', 'medical', 'accident', 'annuity', 'motor', 'property'`;
const POLICY_STATUSES = `'in_force', 'grace_period', 'lapsed', 'terminated', 'cooling_off'`;
const CLAIM_STATUSES = `'reported', 'documents_pending', 'under_review', 'approved', 'paid', 'declined', 'withdrawn'`;

/**
 * The demo insurance core: the insurer's customer, policy, claim and ticket systems simulated on
 * our own tables (prefix demo_), seeded with fictional data so the whole system works offline.
 * Claim and ticket numbers are PREFIX + yyyymmdd + 4-digit serial, counted per day in
 * demo_number_counter. Identity challenges keep the remaining attempts; the "sent" SMS land in
 * demo_sms_outbox.
 */
export class DemoInsuranceCore1764230400000 implements MigrationInterface {
  name = 'DemoInsuranceCore1764230400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE demo_insured_party (
        customer_ref varchar(16) PRIMARY KEY,
        name varchar(50) NOT NULL,
        id_number char(18) NOT NULL UNIQUE CHECK (id_number ~ '^[1-9][0-9]{16}[0-9X]$'),
        mobile varchar(11) NOT NULL CHECK (mobile ~ '^1[3-9][0-9]{9}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ix_demo_insured_party_name ON demo_insured_party (name)`);
    await db.query(`
      CREATE TABLE demo_policy (
        policy_no varchar(16) PRIMARY KEY CHECK (policy_no ~ '^AX[A-Z]{2}[0-9]{12}$'),
        customer_ref varchar(16) NOT NULL REFERENCES demo_insured_party(customer_ref),
        insured_name varchar(50) NOT NULL,
        product_name varchar(100) NOT NULL,
        line varchar(20) NOT NULL CHECK (line IN (${LINES})),
        status varchar(16) NOT NULL CHECK (status IN (${POLICY_STATUSES})),
        effective_date date NOT NULL,
        expiry_date date CHECK (expiry_date > effective_date),
        sum_insured numeric(14, 2) NOT NULL CHECK (sum_insured >= 0),
        premium numeric(14, 2) NOT NULL CHECK (premium >= 0),
        payment_frequency varchar(8) NOT NULL CHECK (payment_frequency IN ('single', 'monthly', 'yearly')),
        next_premium_due date,
        beneficiaries text[] NOT NULL DEFAULT '{}',
        vehicle_plate varchar(16),
        CONSTRAINT ck_demo_policy_plate CHECK ((line = 'motor') = (vehicle_plate IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ix_demo_policy_customer ON demo_policy (customer_ref)`);
    await db.query(`
      CREATE TABLE demo_claim (
        claim_no varchar(14) PRIMARY KEY CHECK (claim_no ~ '^CL[0-9]{12}$'),
        policy_no varchar(16) NOT NULL REFERENCES demo_policy(policy_no),
        customer_ref varchar(16) NOT NULL REFERENCES demo_insured_party(customer_ref),
        status varchar(20) NOT NULL CHECK (status IN (${CLAIM_STATUSES})),
        reported_at timestamptz NOT NULL,
        incident_at timestamptz NOT NULL,
        place varchar(200) NOT NULL,
        description text NOT NULL,
        injuries text NOT NULL DEFAULT '',
        missing_documents text[] NOT NULL DEFAULT '{}',
        approved_amount numeric(14, 2) CHECK (approved_amount >= 0),
        updated_at timestamptz NOT NULL,
        conversation_id varchar(64),
        CONSTRAINT ck_demo_claim_amount CHECK (approved_amount IS NOT NULL OR status NOT IN ('approved', 'paid'))
      )`);
    await db.query(`CREATE INDEX ix_demo_claim_customer ON demo_claim (customer_ref, reported_at DESC)`);
    await db.query(`
      CREATE TABLE demo_ticket (
        ticket_no varchar(14) PRIMARY KEY CHECK (ticket_no ~ '^TK[0-9]{12}$'),
        kind varchar(16) NOT NULL CHECK (kind IN ('complaint', 'callback', 'message')),
        customer_ref varchar(16) REFERENCES demo_insured_party(customer_ref),
        contact_phone varchar(32),
        summary text NOT NULL,
        policy_no varchar(16),
        conversation_id varchar(64) NOT NULL,
        respond_by timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE demo_identity_challenge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_ref varchar(16) NOT NULL REFERENCES demo_insured_party(customer_ref),
        code char(6) NOT NULL CHECK (code ~ '^[0-9]{6}$'),
        attempts integer NOT NULL CHECK (attempts >= 0),
        expires_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX ix_demo_identity_challenge_customer ON demo_identity_challenge (customer_ref, created_at)`,
    );
    await db.query(`
      CREATE TABLE demo_sms_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        mobile varchar(11) NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ix_demo_sms_outbox_mobile ON demo_sms_outbox (mobile, id)`);
    await db.query(`
      CREATE TABLE demo_number_counter (
        prefix char(2) NOT NULL CHECK (prefix IN ('CL', 'TK')),
        day char(8) NOT NULL CHECK (day ~ '^[0-9]{8}$'),
        last_value integer NOT NULL CHECK (last_value BETWEEN 1 AND 9999),
        PRIMARY KEY (prefix, day)
      )`);
    await this.seed(db);
  }

  private async seed(db: QueryRunner): Promise<void> {
    for (const p of DEMO_INSURED_PARTIES) {
      await db.query(
        `INSERT INTO demo_insured_party (customer_ref, name, id_number, mobile) VALUES ($1, $2, $3, $4)`,
        [p.customerRef, p.name, p.idNumber, p.mobile],
      );
    }
    for (const p of DEMO_POLICIES) {
      await db.query(
        `INSERT INTO demo_policy (policy_no, customer_ref, insured_name, product_name, line, status,
           effective_date, expiry_date, sum_insured, premium, payment_frequency, next_premium_due,
           beneficiaries, vehicle_plate)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date, $9, $10, $11, $12::date, $13::text[], $14)`,
        [
          p.policyNo,
          p.customerRef,
          p.insuredName,
          p.productName,
          p.line,
          p.status,
          p.effectiveDate,
          p.expiryDate,
          p.sumInsured,
          p.premium,
          p.paymentFrequency,
          p.nextPremiumDue,
          [...p.beneficiaries],
          p.vehiclePlate,
        ],
      );
    }
    for (const c of DEMO_CLAIMS) {
      await db.query(
        `INSERT INTO demo_claim (claim_no, policy_no, customer_ref, status, reported_at, incident_at, place,
           description, injuries, missing_documents, approved_amount, updated_at)
         VALUES ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7, $8, $9, $10::text[], $11, $12::timestamptz)`,
        [
          c.claimNo,
          c.policyNo,
          c.customerRef,
          c.status,
          c.reportedAt,
          c.incidentAt,
          c.place,
          c.description,
          c.injuries,
          [...c.missingDocuments],
          c.approvedAmount,
          c.updatedAt,
        ],
      );
    }
    // New claims continue the seeded days' serials instead of colliding with them.
    await db.query(`
      INSERT INTO demo_number_counter (prefix, day, last_value)
      SELECT 'CL', substr(claim_no, 3, 8), max(substr(claim_no, 11, 4)::integer)
      FROM demo_claim GROUP BY substr(claim_no, 3, 8)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE demo_number_counter`);
    await db.query(`DROP TABLE demo_sms_outbox`);
    await db.query(`DROP TABLE demo_identity_challenge`);
    await db.query(`DROP TABLE demo_ticket`);
    await db.query(`DROP TABLE demo_claim`);
    await db.query(`DROP TABLE demo_policy`);
    await db.query(`DROP TABLE demo_insured_party`);
  }
}
