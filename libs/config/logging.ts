import type { Params } from 'nestjs-pino';

/**
 * Paths pino replaces with "[Redacted]" in every log line: credentials in headers, SCIM keys,
 * invitation tokens, passwords IdPs send, and filter values (they hold user names and emails).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.query.token',
  'req.query.filter',
  '*.password',
  '*.token',
  '*.key',
  '*.secret',
  '*.smtpUrl',
];

/** nestjs-pino options for an app: JSON logs at `level`, secrets redacted, query strings not logged. */
export function loggerParams(app: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      name: app,
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      // Log the path only: the query string can carry filter values and invitation tokens.
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          path: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
        }),
      },
      autoLogging: true,
    },
  };
}
