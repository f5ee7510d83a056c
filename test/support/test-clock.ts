import { Clock } from '@anxin/common';

/**
 * A clock for tests that need a given wall time (service hours) while real time still passes:
 * it starts at `start` and runs on with the process's own clock; advance() jumps it forward
 * (idle timers, queue timeouts) without waiting.
 *
 * Start it now or later, never earlier: suites share the server test database, and a staff
 * account created by one app's clock must not look "changed after" the tokens of another.
 */
export class TestClock extends Clock {
  private offset: number;

  constructor(start: Date | string) {
    super();
    this.offset = new Date(start).getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}

const HOUR = 3_600_000;
const BEIJING = 8 * HOUR;

/** The first instant at or after `from` whose Beijing hour of day is in [startHour, endHour). */
export function nextBeijingHours(startHour: number, endHour: number, from = new Date()): Date {
  const hour = new Date(from.getTime() + BEIJING).getUTCHours();
  if (hour >= startHour && hour < endHour) return from;
  const beijing = new Date(from.getTime() + BEIJING);
  beijing.setUTCHours(startHour, 0, 0, 0);
  if (beijing.getTime() - BEIJING < from.getTime()) beijing.setUTCDate(beijing.getUTCDate() + 1);
  return new Date(beijing.getTime() - BEIJING);
}

/** Now, or the next 9:00 Beijing: inside the shipped service hours (8:00-22:00) with hours to spare. */
export function inServiceHours(): Date {
  return nextBeijingHours(9, 20);
}

/** Now, or the next 23:00 Beijing: outside the shipped service hours. */
export function afterServiceHours(): Date {
  return nextBeijingHours(23, 24);
}

/** Compatibility for specs that start a clock once: a time inside the service hours, not before now. */
export const IN_SERVICE_HOURS = inServiceHours().toISOString();
