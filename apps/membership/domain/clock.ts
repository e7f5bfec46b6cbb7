/** The one clock (STYLE.md): injectable so tests can move time, e.g. past an invitation's expiry. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
