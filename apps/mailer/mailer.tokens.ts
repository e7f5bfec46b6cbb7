/** Dependency-injection tokens of the mailer's non-class providers. */
export const MAILER_CONFIG = Symbol('MAILER_CONFIG');
/** The ioredis client shared by the worker, the delivery queue, the sent ledger and the health check. */
export const MAILER_REDIS = Symbol('MAILER_REDIS');
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export const MAILER_CLOCK = Symbol('MAILER_CLOCK');

/** The one clock of the mailer: report times, token validity, .eml file names. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
