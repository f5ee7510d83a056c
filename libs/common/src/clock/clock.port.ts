/** Time leaves the process boundary like any other dependency: inject it, never call Date directly in logic. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
