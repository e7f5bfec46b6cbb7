import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export const DEFAULT_ROSTER_URL = 'http://localhost:8080';

export interface CliConfig {
  /** The gateway's base URL, without a trailing slash. */
  url: string;
  adminToken: string;
}

/** A problem the user fixes in their environment; exit code 1 with this message. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * ROSTER_URL and ADMIN_TOKEN from the environment, else from `.env` in the working directory (the
 * file `docker compose` and `npm run stack` use), so an admin in the project folder needs no export.
 */
export function loadCliConfig(env: Record<string, string | undefined>, cwd: string): CliConfig {
  const file = readDotEnv(cwd);
  const value = (name: string) => nonBlank(env[name]) ?? nonBlank(file[name]);
  const adminToken = value('ADMIN_TOKEN');
  if (!adminToken) {
    throw new CliError("ADMIN_TOKEN is not set: export it or put it in .env (the gateway's admin token)");
  }
  const url = value('ROSTER_URL') ?? DEFAULT_ROSTER_URL;
  if (!/^https?:\/\/[^\s/]+/i.test(url)) {
    throw new CliError(`ROSTER_URL must be an http(s) URL such as ${DEFAULT_ROSTER_URL}, not "${url}"`);
  }
  return { url: url.replace(/\/+$/, ''), adminToken };
}

function readDotEnv(cwd: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch {
    return {};
  }
  return parseEnv(text) as Record<string, string>;
}

function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
