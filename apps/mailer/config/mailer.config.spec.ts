import 'reflect-metadata';
import { ConfigError, loadEnv } from '@roster/config';
import { MailerConfig } from './mailer.config';

const required = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  MAIL_FROM: 'Roster <roster@localhost>',
  PUBLIC_URL: 'https://roster.example.com',
  INVITATION_SECRET: 'f3a9c1e07b6d4a28e5c0b9d17a3f6e42',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadEnv(MailerConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('MailerConfig', () => {
  it('applies the defaults', () => {
    expect(loadEnv(MailerConfig, required)).toMatchObject({
      BULLMQ_PREFIX: 'roster',
      SMTP_URL: undefined,
      MAIL_DIR: 'var/mail',
      HEALTH_PORT: 8082,
      LOG_LEVEL: 'info',
      MAIL_CONCURRENCY: 8,
      MAIL_BACKOFF_BASE_MS: 5000,
    });
  });

  it('reads numbers and SMTP URLs from strings', () => {
    const config = loadEnv(MailerConfig, {
      ...required,
      SMTP_URL: 'smtps://user:p%40ss@smtp.example.com:465',
      HEALTH_PORT: '0',
      MAIL_CONCURRENCY: '2',
    });
    expect(config).toMatchObject({
      SMTP_URL: 'smtps://user:p%40ss@smtp.example.com:465',
      HEALTH_PORT: 0,
      MAIL_CONCURRENCY: 2,
    });
    expect(loadEnv(MailerConfig, { ...required, SMTP_URL: 'smtp://mailpit:1025' }).SMTP_URL).toBe(
      'smtp://mailpit:1025',
    );
  });

  it.each(Object.keys(required))('names a missing %s', (name) => {
    const env: Record<string, string> = { ...required };
    delete env[name];
    expect(problemsOf(env).join('\n')).toContain(name);
  });

  it.each<[string, Record<string, string>]>([
    ['a short secret', { INVITATION_SECRET: 'too-short' }],
    ['a secret copied from an example', { INVITATION_SECRET: 'placeholder-invitation-secret-0000000000' }],
    ['a non-SMTP URL', { SMTP_URL: 'http://smtp.example.com' }],
    ['a From with two mailboxes', { MAIL_FROM: 'a@example.com, b@example.com' }],
    ['a From with a line break', { MAIL_FROM: 'Roster <roster@localhost>\r\nBcc: x@evil.example' }],
    ['a relative PUBLIC_URL', { PUBLIC_URL: '/roster' }],
    ['a port out of range', { HEALTH_PORT: '70000' }],
    ['a non-numeric concurrency', { MAIL_CONCURRENCY: 'many' }],
    ['an unknown log level', { LOG_LEVEL: 'loud' }],
    ['a prefix with a colon', { BULLMQ_PREFIX: 'a:b' }],
  ])('refuses %s, naming the variable', (_case, override) => {
    const problems = problemsOf({ ...required, ...override });
    const [name] = Object.keys(override);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.startsWith(`${name}:`))).toBe(true);
  });

  it('never echoes the SMTP password in its problems', () => {
    const problems = problemsOf({ ...required, SMTP_URL: 'smtp://user:hunter2-secret@' });
    expect(problems.join('\n')).toContain('SMTP_URL');
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
