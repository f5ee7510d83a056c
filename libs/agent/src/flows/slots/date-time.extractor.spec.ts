import { type DateTimeSlot, extractDateTime } from './date-time.extractor';

/** Thursday 2026-03-05 10:27 in Shanghai. */
const NOW = new Date('2026-03-05T10:27:00+08:00');
const shanghai = (local: string): Date => new Date(`${local}+08:00`);

const brief = (slot: DateTimeSlot | null) => slot && [slot.date, slot.time, slot.precision];

describe(extractDateTime.name, () => {
  describe('relative to Thursday 2026-03-05 10:27', () => {
    it.each([
      ['今天', '2026-03-05', null, 'day'],
      ['今早', '2026-03-05', '07:00', 'part_of_day'],
      ['今晚', '2026-03-05', '20:00', 'part_of_day'],
      ['今晚8点', '2026-03-05', '20:00', 'hour'],
      ['昨天', '2026-03-04', null, 'day'],
      ['昨晚', '2026-03-04', '20:00', 'part_of_day'],
      ['昨晚十点半', '2026-03-04', '22:30', 'minute'],
      ['前天', '2026-03-03', null, 'day'],
      ['前晚', '2026-03-03', '20:00', 'part_of_day'],
      ['大前天', '2026-03-02', null, 'day'],
      ['刚才', '2026-03-05', '10:27', 'minute'],
      ['刚刚出的事', '2026-03-05', '10:27', 'minute'],
      ['上周三', '2026-02-25', null, 'day'],
      ['上个星期五', '2026-02-27', null, 'day'],
      ['这周一', '2026-03-02', null, 'day'],
      ['本月5号', '2026-03-05', null, 'day'],
      ['上个月20号', '2026-02-20', null, 'day'],
      ['3月5日', '2026-03-05', null, 'day'],
      ['3月5号', '2026-03-05', null, 'day'],
      ['三月五号', '2026-03-05', null, 'day'],
      ['2026年3月5日', '2026-03-05', null, 'day'],
      ['二〇二六年三月五日', '2026-03-05', null, 'day'],
      ['去年12月31日', '2025-12-31', null, 'day'],
      ['2026-03-05', '2026-03-05', null, 'day'],
      ['2026/3/5', '2026-03-05', null, 'day'],
      ['2026.3.5', '2026-03-05', null, 'day'],
      ['两天前', '2026-03-03', null, 'day'],
      ['三个小时前', '2026-03-05', '07:27', 'hour'],
      ['半小时前', '2026-03-05', '09:57', 'minute'],
      ['10分钟前', '2026-03-05', '10:17', 'minute'],
      ['上午十点', '2026-03-05', '10:00', 'hour'],
      ['凌晨两点', '2026-03-05', '02:00', 'hour'],
      ['三点一刻', '2026-03-05', '03:15', 'minute'],
      ['早上七点多', '2026-03-05', '07:00', 'hour'],
      ['3点整', '2026-03-05', '03:00', 'minute'],
      ['今天下午三点', '2026-03-05', '15:00', 'hour'],
      ['昨天下午', '2026-03-04', '15:00', 'part_of_day'],
      ['昨天下午三点', '2026-03-04', '15:00', 'hour'],
      ['昨天的下午3点', '2026-03-04', '15:00', 'hour'],
      ['昨天凌晨两点', '2026-03-04', '02:00', 'hour'],
      ['昨晚两点', '2026-03-05', '02:00', 'hour'],
      ['昨天晚上12点', '2026-03-05', '00:00', 'hour'],
      ['3月5日，大概晚上8点', '2026-03-05', '20:00', 'hour'],
      ['2026-03-05 15:30', '2026-03-05', '15:30', 'minute'],
      ['2026-03-05T15:30', '2026-03-05', '15:30', 'minute'],
      ['我想报案，前天晚上8点左右在小区门口被车撞了', '2026-03-03', '20:00', 'hour'],
      ['昨天出的事，大概下午三点左右', '2026-03-04', '15:00', 'hour'],
    ])('reads 「%s」 as %s %s (%s)', (text, date, time, precision) => {
      expect(brief(extractDateTime(text, NOW))).toEqual([date, time, precision]);
    });

    it.each([
      ['下午三点', '2026-03-04', '15:00', 'hour'],
      ['下午3点半', '2026-03-04', '15:30', 'minute'],
      ['晚上8点15分', '2026-03-04', '20:15', 'minute'],
      ['中午12点', '2026-03-04', '12:00', 'hour'],
      ['中午1点', '2026-03-04', '13:00', 'hour'],
      ['15:30', '2026-03-04', '15:30', 'minute'],
      ['下午三点三刻', '2026-03-04', '15:45', 'minute'],
      ['上午', '2026-03-05', '09:00', 'part_of_day'],
      ['晚上', '2026-03-04', '20:00', 'part_of_day'],
      ['3月30日', '2025-03-30', null, 'day'],
      ['20号', '2026-02-20', null, 'day'],
      ['5号', '2026-03-05', null, 'day'],
      ['周五', '2026-02-27', null, 'day'],
      ['周四', '2026-03-05', null, 'day'],
    ])(
      'with past (default), moves 「%s」 that has not happened yet back: %s %s',
      (text, date, time, precision) => {
        expect(brief(extractDateTime(text, NOW))).toEqual([date, time, precision]);
      },
    );

    it.each([
      ['下午三点', '2026-03-05', '15:00', 'hour'],
      ['3月30日', '2026-03-30', null, 'day'],
      ['20号', '2026-03-20', null, 'day'],
      ['周五', '2026-03-06', null, 'day'],
      ['明天上午', '2026-03-06', '09:00', 'part_of_day'],
    ])('with past: false, keeps 「%s」 ahead: %s %s', (text, date, time, precision) => {
      expect(brief(extractDateTime(text, NOW, 'Asia/Shanghai', { past: false }))).toEqual([
        date,
        time,
        precision,
      ]);
    });

    it.each([
      ['３月５日下午３点', '2026-03-05', '15:00', 'hour'],
      ['昨天 下午 3 点', '2026-03-04', '15:00', 'hour'],
      ['下午3点中', '2026-03-04', '15:00', 'hour'],
      ['下午３：３０', '2026-03-04', '15:30', 'minute'],
      ['昨天下午三点钟', '2026-03-04', '15:00', 'hour'],
    ])('copes with real typing: 「%s」', (text, date, time, precision) => {
      expect(brief(extractDateTime(text, NOW))).toEqual([date, time, precision]);
    });

    it.each([
      [''],
      ['你好'],
      ['3.5'],
      ['3/5'],
      ['保单号AXCI202600001234'],
      ['13812345678'],
      ['5号楼'],
      ['坐地铁2号线'],
      ['快一点'],
      ['一点儿也不清楚'],
      ['2月30日'],
      ['上个月'],
      ['2025年'],
    ])('finds nothing in 「%s」', (text) => {
      expect(extractDateTime(text, NOW)).toBeNull();
    });
  });

  describe('edge cases', () => {
    it.each([
      ['2026-03-01T09:00:00', '前天', '2026-02-27'],
      ['2026-03-01T09:00:00', '昨天', '2026-02-28'],
      ['2024-03-01T09:00:00', '前天', '2024-02-28'],
      ['2024-03-01T09:00:00', '昨天', '2024-02-29'],
      ['2026-01-01T09:00:00', '昨天', '2025-12-31'],
      ['2026-01-15T09:00:00', '上个月20号', '2025-12-20'],
      ['2026-03-31T09:00:00', '上个月28号', '2026-02-28'],
      ['2025-01-10T09:00:00', '2月29日', '2024-02-29'],
    ])('across month and year ends: at %s, 「%s」 is %s', (now, text, date) => {
      expect(extractDateTime(text, shanghai(now))?.date).toBe(date);
    });

    it.each([
      ['2026-03-31T09:00:00', '上个月31号'],
      ['2026-03-05T09:00:00', '2月29日'],
      ['2026-03-05T09:00:00', '4月31日'],
    ])('does not clamp impossible dates: at %s, 「%s」 is null', (now, text) => {
      expect(extractDateTime(text, shanghai(now))).toBeNull();
    });

    it.each([
      ['上周三', '2026-03-04'],
      ['上周日', '2026-03-08'],
      ['上上周一', '2026-02-23'],
      ['这周一', '2026-03-09'],
      ['周三', '2026-03-04'],
      ['下周三', '2026-03-18'],
    ])('on Monday 2026-03-09, 「%s」 is %s (weeks start on Monday)', (text, date) => {
      expect(extractDateTime(text, shanghai('2026-03-09T09:00:00'))?.date).toBe(date);
    });

    it.each([
      ['昨天凌晨三点', '2026-03-04', '03:00'],
      ['今天凌晨', '2026-03-05', '03:00'],
      ['3月4日凌晨1点', '2026-03-04', '01:00'],
    ])('keeps 凌晨 on the same calendar day: 「%s」 is %s %s', (text, date, time) => {
      const slot = extractDateTime(text, NOW);
      expect([slot?.date, slot?.time]).toEqual([date, time]);
    });

    it('resolves 今天 in Shanghai even when the UTC date is still the day before', () => {
      const now = new Date('2026-03-04T17:30:00Z');
      expect(extractDateTime('今天', now)?.date).toBe('2026-03-05');
      expect(extractDateTime('刚才', now)?.iso).toBe('2026-03-05T01:30:00+08:00');
    });

    it('honours another time zone and its offset', () => {
      const slot = extractDateTime('今天下午3点', new Date('2026-03-04T17:30:00Z'), 'UTC');
      expect(slot?.iso).toBe('2026-03-04T15:00:00+00:00');
    });

    it('returns ISO 8601 with the +08:00 offset, at midnight when only the day is known', () => {
      expect(extractDateTime('昨天', NOW)?.iso).toBe('2026-03-04T00:00:00+08:00');
      expect(extractDateTime('昨天下午3点半', NOW)?.iso).toBe('2026-03-04T15:30:00+08:00');
    });

    it.each([
      ['我想报案，昨天下午三点出的车祸', '昨天下午三点'],
      ['大约 ３月５日 下午', '３月５日 下午'],
      ['昨天出的事，大概下午三点左右', '昨天出的事，大概下午三点左右'],
      ['车是刚刚被撞的', '刚刚'],
    ])('reports what it understood in 「%s」 as 「%s」', (text, matched) => {
      expect(extractDateTime(text, NOW)?.matched).toBe(matched);
    });

    it('only combines a distant time with the date when one date is mentioned', () => {
      const slot = extractDateTime('前天报过一次，今天下午三点又出事了', NOW);
      expect([slot?.date, slot?.time]).toEqual(['2026-03-03', null]);
    });

    it('takes the first date when several are mentioned', () => {
      expect(extractDateTime('不是昨天，是前天', NOW)?.date).toBe('2026-03-04');
    });
  });
});
