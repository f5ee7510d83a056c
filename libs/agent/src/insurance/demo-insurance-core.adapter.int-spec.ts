import { randomInt, randomUUID } from 'node:crypto';
import { Clock } from '@anxin/common';
import { isValidGb11643 } from '@anxin/knowledge';
import { Database } from '@anxin/persistence';
import { databaseTargets } from '@anxin/testing';
import { DemoInsuranceCore } from './demo-insurance-core.adapter';
import type { ClaimReportInput } from './insurance-core.port';

const AT = new Date('2026-11-25T03:00:00Z'); // 11:00 in Shanghai
const MINUTE = 60_000;

class FakeClock extends Clock {
  private at = AT;

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date): void {
    this.at = at;
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** A fictional party of its own per test, so lock windows never leak between tests or runs. */
interface TestParty {
  readonly customerRef: string;
  readonly name: string;
  readonly idLast4: string;
}

function fictionalIdNumber(): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + randomInt(18_000) * 86_400_000);
  const body = `110101${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(randomInt(1000)).padStart(3, '0')}`;
  const check = [...'0123456789X'].find((c) => isValidGb11643(body + c));
  return body + check;
}

describe.each(databaseTargets())('DemoInsuranceCore on $name PostgreSQL', (target) => {
  let database: Database;
  let clock: FakeClock;
  let sut: DemoInsuranceCore;
  const testParties: string[] = [];

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
    clock = new FakeClock();
    sut = new DemoInsuranceCore(database.dataSource, clock);
  });
  beforeEach(() => clock.set(AT));
  afterAll(async () => {
    const sql = (table: string, column: string) =>
      database.dataSource.query(`DELETE FROM ${table} WHERE ${column} = ANY($1::varchar[])`, [testParties]);
    await sql('demo_identity_challenge', 'customer_ref');
    await database.dataSource.query(
      `DELETE FROM demo_sms_outbox WHERE mobile IN (SELECT mobile FROM demo_insured_party WHERE customer_ref = ANY($1::varchar[]))`,
      [testParties],
    );
    await sql('demo_insured_party', 'customer_ref');
    await database.close();
  });

  async function newParty(): Promise<TestParty> {
    const party = {
      customerRef: `T${randomUUID().slice(0, 12)}`,
      name: `测试${randomInt(1_000_000)}`,
      idNumber: fictionalIdNumber(),
      mobile: `139${String(randomInt(100_000_000)).padStart(8, '0')}`,
    };
    await database.dataSource.query(
      `INSERT INTO demo_insured_party (customer_ref, name, id_number, mobile) VALUES ($1, $2, $3, $4)`,
      [party.customerRef, party.name, party.idNumber, party.mobile],
    );
    testParties.push(party.customerRef);
    return { customerRef: party.customerRef, name: party.name, idLast4: party.idNumber.slice(-4) };
  }

  async function challenge(party: TestParty): Promise<{ challengeId: string; code: string; wrong: string }> {
    const started = await sut.startIdentityCheck({ name: party.name, idLast4: party.idLast4 });
    if (!started.ok) throw new Error(`identity check refused: ${started.reason}`);
    const code = (await sut.lastSmsCode(party.customerRef)) ?? '';
    return { challengeId: started.challengeId, code, wrong: code === '000000' ? '111111' : '000000' };
  }

  describe('identity check', () => {
    it('texts a 6-digit code to the mobile on file and verifies the customer with it', async () => {
      const started = await sut.startIdentityCheck({ name: ' 张伟 ', idLast4: '7610' });
      expect(started).toEqual({ ok: true, challengeId: expect.any(String), maskedMobile: '138****1234' });
      const code = await sut.lastSmsCode('C000101');
      expect(code).toMatch(/^\d{6}$/);
      if (!started.ok) return;

      const confirmed = await sut.confirmIdentity({ challengeId: started.challengeId, code: code ?? '' });
      expect(confirmed).toEqual({
        ok: true,
        party: { customerRef: 'C000101', name: '张伟', maskedMobile: '138****1234' },
      });
      // A code works once.
      expect(await sut.confirmIdentity({ challengeId: started.challengeId, code: code ?? '' })).toMatchObject(
        {
          ok: false,
          reason: 'expired',
        },
      );
    });

    it('writes the standard SMS text to the outbox', async () => {
      const party = await newParty();
      const fixed = new DemoInsuranceCore(database.dataSource, clock, () => 0.123456);
      await fixed.startIdentityCheck({ name: party.name, idLast4: party.idLast4 });
      const [sms] = (await database.dataSource.query(
        `SELECT s.text FROM demo_sms_outbox s JOIN demo_insured_party p ON p.mobile = s.mobile
         WHERE p.customer_ref = $1 ORDER BY s.id DESC LIMIT 1`,
        [party.customerRef],
      )) as { text: string }[];
      expect(sms.text).toBe('【安心保险】您的身份验证码为123456，5分钟内有效。请勿将验证码告知任何人。');
      expect(await fixed.lastSmsCode(party.customerRef)).toBe('123456');
    });

    it('accepts the ID check character X in either case', async () => {
      const started = await sut.startIdentityCheck({ name: '孙浩然', idLast4: '153x' });
      expect(started).toMatchObject({ ok: true, maskedMobile: '138****7890' });
    });

    it('finds no match for a wrong name or wrong ID digits, and sends nothing', async () => {
      const sent = async () =>
        (
          (await database.dataSource.query(`SELECT count(*)::int AS n FROM demo_sms_outbox`)) as {
            n: number;
          }[]
        )[0].n;
      const before = await sent();
      for (const attempt of [
        { name: '张三', idLast4: '7610' },
        { name: '张伟', idLast4: '7611' },
        { name: '张', idLast4: '7610' },
        { name: '', idLast4: '' },
      ]) {
        expect(await sut.startIdentityCheck(attempt)).toEqual({ ok: false, reason: 'no_match' });
      }
      expect(await sent()).toBe(before);
    });

    it('counts wrong codes down and locks after five, also against the right code and new checks', async () => {
      const party = await newParty();
      const { challengeId, code, wrong } = await challenge(party);
      for (const attemptsLeft of [4, 3, 2, 1]) {
        expect(await sut.confirmIdentity({ challengeId, code: wrong })).toEqual({
          ok: false,
          reason: 'wrong_code',
          attemptsLeft,
        });
      }
      const locked = { ok: false, reason: 'locked', attemptsLeft: 0 };
      expect(await sut.confirmIdentity({ challengeId, code: wrong })).toEqual(locked);
      expect(await sut.confirmIdentity({ challengeId, code })).toEqual(locked);
      expect(await sut.startIdentityCheck({ name: party.name, idLast4: party.idLast4 })).toEqual({
        ok: false,
        reason: 'locked',
      });

      clock.advance(31 * MINUTE);
      const again = await challenge(party);
      expect(await sut.confirmIdentity({ challengeId: again.challengeId, code: again.code })).toMatchObject({
        ok: true,
      });
    });

    it('does not reset the wrong-code count when a new check is started', async () => {
      const party = await newParty();
      const first = await challenge(party);
      for (let i = 0; i < 3; i++)
        await sut.confirmIdentity({ challengeId: first.challengeId, code: first.wrong });
      const second = await challenge(party);
      expect(await sut.confirmIdentity({ challengeId: second.challengeId, code: second.wrong })).toEqual({
        ok: false,
        reason: 'wrong_code',
        attemptsLeft: 1,
      });
      expect(
        await sut.confirmIdentity({ challengeId: second.challengeId, code: second.wrong }),
      ).toMatchObject({
        reason: 'locked',
      });
    });

    it('expires the code after five minutes', async () => {
      const party = await newParty();
      const early = await challenge(party);
      clock.advance(5 * MINUTE - 1000);
      expect(await sut.confirmIdentity({ challengeId: early.challengeId, code: early.code })).toMatchObject({
        ok: true,
      });

      const late = await challenge(party);
      clock.advance(5 * MINUTE);
      expect(await sut.confirmIdentity({ challengeId: late.challengeId, code: late.code })).toEqual({
        ok: false,
        reason: 'expired',
        attemptsLeft: 5,
      });
    });

    it('honours only the newest code', async () => {
      const party = await newParty();
      const first = await challenge(party);
      const second = await challenge(party);
      expect(await sut.confirmIdentity({ challengeId: first.challengeId, code: first.code })).toMatchObject({
        reason: 'expired',
      });
      expect(await sut.confirmIdentity({ challengeId: second.challengeId, code: second.code })).toMatchObject(
        {
          ok: true,
        },
      );
    });

    it('reports an unknown challenge as expired', async () => {
      for (const challengeId of [randomUUID(), 'not-a-uuid']) {
        expect(await sut.confirmIdentity({ challengeId, code: '123456' })).toEqual({
          ok: false,
          reason: 'expired',
          attemptsLeft: 0,
        });
      }
    });
  });

  describe('policies', () => {
    it("lists only the customer's own policies, newest first", async () => {
      const policies = await sut.lookupPolicies('C000101');
      expect(policies.map((p) => p.policyNo)).toEqual([
        'AXMD202601010003',
        'AXCI202106010002',
        'AXLF201903150001',
      ]);
      expect(policies[0]).toEqual({
        policyNo: 'AXMD202601010003',
        productName: '安心e生百万医疗保险（2026版）',
        line: 'medical',
        status: 'in_force',
        effectiveDate: '2026-01-01',
        expiryDate: '2026-12-31',
        insuredName: '张子涵',
      });
      expect(await sut.lookupPolicies('C999999')).toEqual([]);
    });

    it('returns the detail of an own policy', async () => {
      expect(await sut.getPolicy('C000101', 'AXLF201903150001')).toEqual({
        policyNo: 'AXLF201903150001',
        productName: '安心定期寿险',
        line: 'life',
        status: 'in_force',
        effectiveDate: '2019-03-15',
        expiryDate: '2049-03-14',
        insuredName: '张伟',
        holderName: '张伟',
        beneficiaries: ['王静（配偶，50%）', '张子涵（女儿，50%）'],
        sumInsured: 1_000_000,
        premium: 2_860,
        paymentFrequency: 'yearly',
        nextPremiumDue: '2027-03-15',
        vehiclePlate: null,
      });
      expect(await sut.getPolicy('C000105', 'AXMO202608220013')).toMatchObject({
        vehiclePlate: '川A·5F8K2',
        expiryDate: '2027-08-21',
      });
      expect(await sut.getPolicy('C000103', 'AXAN201501080007')).toMatchObject({
        expiryDate: null,
        nextPremiumDue: null,
        paymentFrequency: 'single',
      });
    });

    it("returns null for someone else's policy, as for an unknown one", async () => {
      expect(await sut.getPolicy('C000102', 'AXLF201903150001')).toBeNull();
      expect(await sut.getPolicy('C000101', 'AXLF209912310001')).toBeNull();
    });
  });

  describe('claims', () => {
    const report = (overrides: Partial<ClaimReportInput> = {}): ClaimReportInput => ({
      policyNo: 'AXMO202608220013',
      insuredName: '陈晓明',
      incidentAt: '2026-11-25T01:40:00.000Z',
      place: '四川省成都市锦江区东大街',
      description: '等红灯时被后车追尾，后保险杠受损。',
      injuries: '',
      conversationId: randomUUID(),
      ...overrides,
    });

    it('reports a claim with the first documents of its line, numbered after the seeded ones', async () => {
      const input = report();
      const result = await sut.reportClaim('C000105', input);
      expect(result).toEqual({
        ok: true,
        claim: {
          claimNo: expect.stringMatching(/^CL20261125\d{4}$/),
          policyNo: 'AXMO202608220013',
          status: 'reported',
          reportedAt: AT.toISOString(),
          incidentAt: '2026-11-25T01:40:00.000Z',
          description: input.description,
          missingDocuments: [
            '理赔申请书',
            '驾驶证',
            '行驶证',
            '事故认定书',
            '现场及车损照片',
            '维修发票',
            '银行卡',
          ],
          approvedAmount: null,
          updatedAt: AT.toISOString(),
        },
      });
      if (!result.ok) return;
      expect(result.claim.claimNo > 'CL202611250001').toBe(true); // seeded today's 0001
      expect(await sut.getClaimStatus('C000105', result.claim.claimNo)).toEqual([result.claim]);
      const [stored] = (await database.dataSource.query(
        `SELECT customer_ref, conversation_id, place FROM demo_claim WHERE claim_no = $1`,
        [result.claim.claimNo],
      )) as Record<string, string>[];
      expect(stored).toEqual({
        customer_ref: 'C000105',
        conversation_id: input.conversationId,
        place: input.place,
      });
    });

    it('numbers by the date in China: 01:30 in Shanghai is the next day', async () => {
      clock.set(new Date('2026-11-25T17:30:00Z'));
      const result = await sut.reportClaim('C000105', report());
      expect(result.ok && result.claim.claimNo).toMatch(/^CL20261126\d{4}$/);
    });

    it('accepts policies in the grace period and refuses lapsed, terminated, foreign and other-insured ones', async () => {
      const grace = await sut.reportClaim(
        'C000102',
        report({ policyNo: 'AXAC202605010005', insuredName: '李娜', injuries: '右手腕扭伤' }),
      );
      expect(grace).toMatchObject({ ok: true, claim: { status: 'reported' } });
      expect(grace.ok && grace.claim.missingDocuments).toContain('意外事故证明');

      expect(
        await sut.reportClaim('C000103', report({ policyNo: 'AXLF200806180008', insuredName: '王建国' })),
      ).toEqual({ ok: false, reason: 'policy_not_in_force' });
      expect(
        await sut.reportClaim('C000104', report({ policyNo: 'AXAC202001060011', insuredName: '刘芳' })),
      ).toEqual({
        ok: false,
        reason: 'policy_not_in_force',
      });
      expect(await sut.reportClaim('C000102', report())).toEqual({ ok: false, reason: 'policy_not_found' });
      expect(
        await sut.reportClaim('C000101', report({ policyNo: 'AXMD202601010003', insuredName: '张伟' })),
      ).toEqual({
        ok: false,
        reason: 'not_insured',
      });
    });

    it('lists the customer’s claims newest first', async () => {
      clock.set(new Date('2026-11-26T02:00:00Z'));
      const result = await sut.reportClaim(
        'C000107',
        report({ policyNo: 'AXMO202610080019', insuredName: '孙浩然' }),
      );
      const claims = await sut.getClaimStatus('C000107');
      expect(claims[0].claimNo).toBe(result.ok && result.claim.claimNo);
      const times = claims.map((c) => c.reportedAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(claims.map((c) => c.claimNo)).toEqual(
        expect.arrayContaining(['CL202611250001', 'CL202609120001']),
      );
      expect(claims.every((c) => c.policyNo.startsWith('AXAC') || c.policyNo.startsWith('AXMO'))).toBe(true);
    });

    it('returns one claim by number, and nothing for someone else’s', async () => {
      expect(await sut.getClaimStatus('C000101', 'CL202611180001')).toEqual([
        {
          claimNo: 'CL202611180001',
          policyNo: 'AXMD202601010003',
          status: 'documents_pending',
          reportedAt: '2026-11-18T12:15:00.000Z',
          incidentAt: '2026-11-09T23:30:00.000Z',
          description: '被保险人张子涵因支气管肺炎住院治疗5天，11月15日出院。',
          missingDocuments: ['出院小结', '住院费用明细清单'],
          approvedAmount: null,
          updatedAt: '2026-11-19T02:20:00.000Z',
        },
      ]);
      expect(await sut.getClaimStatus('C000101', 'CL202603020001')).toMatchObject([
        { status: 'paid', approvedAmount: 3_460 },
      ]);
      expect(await sut.getClaimStatus('C000102', 'CL202611180001')).toEqual([]);
    });
  });

  describe('tickets', () => {
    const ticket = {
      customerRef: 'C000102',
      summary: '对理赔进度不满意',
      policyNo: null,
      contactPhone: null,
    };

    it('numbers tickets per day and promises a response by kind', async () => {
      const first = await sut.createTicket({ ...ticket, kind: 'complaint', conversationId: randomUUID() });
      const second = await sut.createTicket({ ...ticket, kind: 'callback', conversationId: randomUUID() });
      const third = await sut.createTicket({ ...ticket, kind: 'message', conversationId: randomUUID() });
      expect(first.ticketNo).toMatch(/^TK20261125\d{4}$/);
      expect(Number(second.ticketNo.slice(-4))).toBe(Number(first.ticketNo.slice(-4)) + 1);
      expect(Number(third.ticketNo.slice(-4))).toBe(Number(first.ticketNo.slice(-4)) + 2);
      expect(first).toMatchObject({ kind: 'complaint', respondBy: '2026-11-26T03:00:00.000Z' });
      expect(second).toMatchObject({ kind: 'callback', respondBy: '2026-11-25T05:00:00.000Z' });
      expect(third).toMatchObject({ kind: 'message', respondBy: '2026-11-26T03:00:00.000Z' });
    });

    it('takes anonymous tickets with a call-back number', async () => {
      const receipt = await sut.createTicket({
        kind: 'callback',
        customerRef: null,
        contactPhone: '13800009999',
        summary: '咨询退保手续，请回电',
        policyNo: 'AXLF201903150001',
        conversationId: randomUUID(),
      });
      const [row] = (await database.dataSource.query(
        `SELECT customer_ref, contact_phone, policy_no FROM demo_ticket WHERE ticket_no = $1`,
        [receipt.ticketNo],
      )) as Record<string, unknown>[];
      expect(row).toEqual({
        customer_ref: null,
        contact_phone: '13800009999',
        policy_no: 'AXLF201903150001',
      });
    });
  });

  describe('seed data', () => {
    const query = <T>(sql: string) => database.dataSource.query(sql) as Promise<T[]>;

    it('has fictional parties with checksum-valid ID numbers and distinct name + last 4', async () => {
      const parties = await query<{ name: string; id_number: string; mobile: string }>(
        `SELECT name, id_number, mobile FROM demo_insured_party WHERE customer_ref ~ '^C[0-9]{6}$'`,
      );
      expect(parties.length).toBeGreaterThanOrEqual(6);
      for (const party of parties) {
        expect(isValidGb11643(party.id_number)).toBe(true);
        expect(party.mobile).toMatch(/^1380000\d{4}$/);
      }
      expect(new Set(parties.map((p) => `${p.name}/${p.id_number.slice(-4)}`)).size).toBe(parties.length);
    });

    it('has policies of every line and the main statuses', async () => {
      const policies = await query<{ policy_no: string; line: string; status: string }>(
        `SELECT policy_no, line, status FROM demo_policy`,
      );
      expect(policies.length).toBeGreaterThanOrEqual(12);
      expect(new Set(policies.map((p) => p.line))).toEqual(
        new Set(['life', 'critical_illness', 'medical', 'accident', 'annuity', 'motor', 'property']),
      );
      expect([...new Set(policies.map((p) => p.status))]).toEqual(
        expect.arrayContaining(['in_force', 'grace_period', 'lapsed', 'cooling_off']),
      );
      const codes = {
        LF: 'life',
        CI: 'critical_illness',
        MD: 'medical',
        AC: 'accident',
        AN: 'annuity',
        MO: 'motor',
        PR: 'property',
      };
      for (const p of policies) {
        expect(p.policy_no).toMatch(/^AX[A-Z]{2}\d{12}$/);
        expect(codes[p.policy_no.slice(2, 4) as keyof typeof codes]).toBe(p.line);
      }
    });

    it('has claims in every status, with missing documents where they are pending', async () => {
      const claims = await query<{ status: string; missing_documents: string[] }>(
        `SELECT status, missing_documents FROM demo_claim`,
      );
      expect(claims.length).toBeGreaterThanOrEqual(8);
      expect(new Set(claims.map((c) => c.status))).toEqual(
        new Set([
          'reported',
          'documents_pending',
          'under_review',
          'approved',
          'paid',
          'declined',
          'withdrawn',
        ]),
      );
      for (const c of claims.filter((c) => c.status === 'documents_pending' || c.status === 'reported')) {
        expect(c.missing_documents.length).toBeGreaterThan(0);
      }
    });

    it('guards the enum columns with CHECK constraints', async () => {
      await expect(
        database.dataSource.query(
          `UPDATE demo_policy SET status = 'expired' WHERE policy_no = 'AXLF201903150001'`,
        ),
      ).rejects.toThrow(/check constraint/);
      await expect(
        database.dataSource.query(
          `UPDATE demo_claim SET status = 'closed' WHERE claim_no = 'CL202603020001'`,
        ),
      ).rejects.toThrow(/check constraint/);
    });
  });
});
