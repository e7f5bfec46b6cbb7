import { parseArgs } from 'node:util';
import { AdminApiClient } from './admin-api.client';
import { CliError, loadCliConfig } from './cli-config';
import type { CliIo } from './cli-output';
import * as commands from './roster-commands';

export const USAGE = `Usage: roster <command> [--json]

  roster org create <name>                      create an organization (SCIM off)
  roster org list                               list organizations
  roster scim enable <org>                      turn SCIM on (<org>: id or exact name)
  roster scim disable <org>                     turn SCIM off: every SCIM request gets 401
  roster scim key issue <org>                   issue a SCIM API key (shown once)
  roster scim key rotate <org> [keyId] [--overlap-hours n]
                                                new key now; the old one works n more hours
                                                (0..168; default: the server's, 24)
  roster scim key revoke <org> [keyId]          stop a key at once
  roster scim key list <org>                    list keys (never the secret)
  roster members <org> [--status s]             list members (invited, accepted, confirmed, revoked)
  roster confirm <org> <member>                 confirm an accepted member (<member>: id or email)

Options:
  --json      print the API's JSON instead of text
  -h, --help  show this help

Environment (or .env in the current folder):
  ROSTER_URL   the gateway's address (default http://localhost:8080)
  ADMIN_TOKEN  the gateway's admin token`;

/** Exit codes: 0 done, 1 the command failed (the message says why), 2 the command line is wrong. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliEnvironment {
  env: Record<string, string | undefined>;
  cwd: string;
  io: CliIo;
}

class UsageError extends Error {}

/** Runs one `roster` command line; returns the exit code. Never throws. */
export async function runRoster(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const { io } = environment;
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    io.err(`roster: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    const api = new AdminApiClient(() => loadCliConfig(environment.env, environment.cwd));
    await dispatch({ api, io, json: parsed.json }, parsed);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`roster: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    io.err(`roster: error: ${error instanceof CliError ? error.message : unexpected(error)}`);
    return EXIT_FAILED;
  }
}

interface CommandLine {
  words: string[];
  json: boolean;
  help: boolean;
  status?: string;
  overlapHours?: number;
}

function parseCommandLine(argv: readonly string[]): CommandLine {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      status: { type: 'string' },
      'overlap-hours': { type: 'string' },
    },
  });
  const overlap = values['overlap-hours'];
  if (overlap !== undefined && !/^\d+$/.test(overlap)) {
    throw new UsageError(`--overlap-hours must be a whole number of hours (0..168), not "${overlap}"`);
  }
  return {
    words: positionals,
    json: values.json,
    help: values.help || positionals.length === 0,
    status: values.status,
    overlapHours: overlap === undefined ? undefined : Number(overlap),
  };
}

async function dispatch(context: commands.CommandContext, line: CommandLine): Promise<void> {
  const [command, ...rest] = line.words;
  const sub = rest[0];
  if (command === 'org' && sub === 'create')
    return commands.createOrganization(context, one(rest.slice(1), 'org create <name>', true));
  if (command === 'org' && sub === 'list')
    return expectNone(rest.slice(1), 'org list', () => commands.listOrganizations(context));
  if (command === 'scim' && (sub === 'enable' || sub === 'disable')) {
    return commands.setScim(context, one(rest.slice(1), `scim ${sub} <org>`), sub === 'enable');
  }
  if (command === 'scim' && sub === 'key') {
    const [action, org, keyId, ...extra] = rest.slice(1);
    if (!org || extra.length > 0)
      throw new UsageError(
        `scim key ${action ?? '<action>'} takes <org> and, for rotate or revoke, an optional [keyId]`,
      );
    if (action === 'issue' && keyId === undefined) return commands.issueKey(context, org);
    if (action === 'list' && keyId === undefined) return commands.listKeys(context, org);
    if (action === 'rotate') return commands.rotateKey(context, org, keyId, line.overlapHours);
    if (action === 'revoke') return commands.revokeKey(context, org, keyId);
    throw new UsageError(`unknown command: scim key ${rest.slice(1).join(' ')}`);
  }
  if (command === 'members') return commands.listMembers(context, one(rest, 'members <org>'), line.status);
  if (command === 'confirm') {
    if (rest.length !== 2) throw new UsageError('confirm takes <org> <member>');
    return commands.confirmMember(context, rest[0], rest[1]);
  }
  throw new UsageError(`unknown command: ${line.words.join(' ')}`);
}

/** Exactly one argument; a name may also be given unquoted, as several words. */
function one(words: string[], usage: string, joinWords = false): string {
  if (words.length === 1 || (joinWords && words.length > 1)) return words.join(' ');
  throw new UsageError(`${usage}: expected one argument, got ${words.length}`);
}

function expectNone(words: string[], usage: string, run: () => Promise<void>): Promise<void> {
  if (words.length > 0) throw new UsageError(`${usage} takes no arguments`);
  return run();
}

function unexpected(error: unknown): string {
  return `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
}
