import { z } from 'zod';
import type { ProblemList } from '../loading/problem.list';
import { mustBe, nonEmptyText } from '../loading/script.schema';
import { isoDate, mapOf, positiveInt } from './rule-fields.schema';
import { lineHint, parseRuleFile } from './rule-file.reader';
import { SERVICE_TIME_ZONE, WEEKDAYS, type ServiceHours, type Weekday } from './rules.types';

export const SERVICE_HOURS_FILE = 'handoff/service-hours.yaml';

/** Beijing time is UTC+8 all year (no daylight saving), so plain offset arithmetic is exact. */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** How far nextOpening() looks ahead. */
const SEARCH_DAYS = 14;

/** Minutes since local midnight, [start, end). */
interface OpenRange {
  readonly start: number;
  readonly end: number;
}

const RANGE_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

const timeRange = z
  .string(mustBe('a time range "HH:MM-HH:MM"'))
  .transform((text, ctx): OpenRange & { text: string } => {
    const m = RANGE_PATTERN.exec(text.trim());
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'must be a time range "HH:MM-HH:MM" (00:00 to 24:00)' });
      return z.NEVER;
    }
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = m[5] ? 24 * 60 : Number(m[3]) * 60 + Number(m[4]);
    if (end <= start) {
      ctx.addIssue({ code: 'custom', message: `must end after it starts ("${text}")` });
      return z.NEVER;
    }
    return { start, end, text: text.trim() };
  });

/** The open ranges of one day, sorted and non-overlapping; [] = closed. */
const dayHours = z
  .array(timeRange, mustBe('a list of time ranges "HH:MM-HH:MM" ([] = closed)'))
  .superRefine((ranges, ctx) => {
    ranges.forEach((range, i) => {
      const before = ranges[i - 1];
      if (!before || range.start >= before.end) return;
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message:
          range.start < before.start
            ? `must come after "${before.text}" (ranges sorted by start time)`
            : `overlaps "${before.text}"`,
      });
    });
  });

const serviceHoursSchema = mapOf(
  {
    version: positiveInt,
    timeZone: z.literal(
      SERVICE_TIME_ZONE,
      mustBe(`${SERVICE_TIME_ZONE} (Beijing time; the only time zone supported)`),
    ),
    description: nonEmptyText,
    weekly: mapOf(
      Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours])) as Record<Weekday, typeof dayHours>,
      `a YAML map of every weekday (${WEEKDAYS.join('|')}) to its time ranges`,
    ),
    exceptions: z
      .array(mapOf({ date: isoDate, hours: dayHours, note: nonEmptyText }), mustBe('a list of exceptions'))
      .optional(),
  },
  'a YAML map with version, timeZone, description, weekly and exceptions',
);

class ServiceCalendar implements ServiceHours {
  readonly timeZone = SERVICE_TIME_ZONE;

  constructor(
    readonly version: number,
    readonly description: string,
    /** Open ranges by Date.getUTCDay() of the local date (0 = Sunday). */
    private readonly weekly: readonly (readonly OpenRange[])[],
    /** Open ranges replacing the weekly ones, by local date YYYY-MM-DD. */
    private readonly exceptions: ReadonlyMap<string, readonly OpenRange[]>,
  ) {}

  isOpen(at: Date): boolean {
    const local = at.getTime() + OFFSET_MS;
    if (Number.isNaN(local)) return false;
    const day = Math.floor(local / DAY_MS);
    const sinceMidnight = local - day * DAY_MS;
    return this.hoursOn(day).some(
      (range) => sinceMidnight >= range.start * MINUTE_MS && sinceMidnight < range.end * MINUTE_MS,
    );
  }

  nextOpening(at: Date): Date | null {
    const from = at.getTime();
    if (Number.isNaN(from)) return null;
    if (this.isOpen(at)) return new Date(from);
    const until = from + SEARCH_DAYS * DAY_MS;
    const firstDay = Math.floor((from + OFFSET_MS) / DAY_MS);
    for (let day = firstDay; day <= firstDay + SEARCH_DAYS; day++)
      for (const range of this.hoursOn(day)) {
        const opens = day * DAY_MS + range.start * MINUTE_MS - OFFSET_MS;
        if (opens >= from) return opens <= until ? new Date(opens) : null;
      }
    return null;
  }

  /** `day`: days since 1970-01-01 in local (Beijing) time. */
  private hoursOn(day: number): readonly OpenRange[] {
    const date = new Date(day * DAY_MS);
    return this.exceptions.get(date.toISOString().slice(0, 10)) ?? this.weekly[date.getUTCDay()];
  }
}

/**
 * Parses handoff/service-hours.yaml; undefined (with problems recorded) when invalid. Every weekday is
 * given; ranges are "HH:MM-HH:MM" (end up to 24:00), each ending after it starts, sorted and not
 * overlapping; an exception date appears once and replaces that date's weekly hours.
 */
export function parseServiceHours(text: string, problems: ProblemList): ServiceHours | undefined {
  const file = parseRuleFile(SERVICE_HOURS_FILE, text, serviceHoursSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;
  const exceptions = new Map<string, readonly OpenRange[]>();
  const firstOf = new Map<string, number>();
  (data.exceptions ?? []).forEach((exception, i) => {
    const first = firstOf.get(exception.date);
    if (first !== undefined)
      report(
        ['exceptions', i, 'date'],
        `${exception.date} is already in exceptions[${first}]${lineHint(yaml, ['exceptions', first])}`,
      );
    else firstOf.set(exception.date, i);
    exceptions.set(exception.date, exception.hours.map(openRange));
  });
  if (problems.count > before) return undefined;
  // getUTCDay(): 0 = Sunday … 6 = Saturday; WEEKDAYS starts on Monday.
  const weekly = Array.from({ length: 7 }, (_, utcDay) =>
    data.weekly[WEEKDAYS[(utcDay + 6) % 7]].map(openRange),
  );
  return new ServiceCalendar(data.version, data.description, weekly, exceptions);
}

function openRange({ start, end }: OpenRange): OpenRange {
  return { start, end };
}
