/**
 * Reading PostgreSQL failures: which constraint a write violated, and whether the database is
 * unreachable (a retryable `unavailable`, never a 500 or a 401: SPEC §2).
 */

interface PgErrorShape {
  code?: string;
  constraint?: string;
  message?: string;
}

/** TypeORM wraps driver errors in QueryFailedError with the pg error as `driverError`. */
function driverError(error: unknown): PgErrorShape | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const wrapped = (error as { driverError?: unknown }).driverError;
  const source: PgErrorShape = typeof wrapped === 'object' && wrapped !== null ? wrapped : error;
  return source;
}

const UNIQUE_VIOLATION = '23505';

/** The name of the unique constraint `error` violated, or undefined for any other error. */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  const pg = driverError(error);
  return pg?.code === UNIQUE_VIOLATION ? pg.constraint : undefined;
}

const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
// Class 08 connection exceptions, shutdown in progress, too many connections, statement timeout,
// and a database being dropped or recovering: all "try again later".
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '3D000']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  'Cannot use a pool after calling end',
];

/** True when `error` says PostgreSQL cannot be reached right now, not that the query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pg = driverError(error);
  if (!pg) return false;
  if (pg.code && (UNAVAILABLE_NODE_CODES.has(pg.code) || UNAVAILABLE_SQLSTATES.has(pg.code))) return true;
  if (pg.code?.startsWith('08')) return true;
  const message = typeof pg.message === 'string' ? pg.message : '';
  return UNAVAILABLE_MESSAGES.some((fragment) => message.includes(fragment));
}
