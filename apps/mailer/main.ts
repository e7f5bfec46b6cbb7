import 'reflect-metadata';
import { ConfigError, loadEnv } from '@roster/config';
import { MailerConfig } from './config/mailer.config';
import { startMailer } from './mailer.bootstrap';

async function main(): Promise<void> {
  await startMailer(loadEnv(MailerConfig));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `invalid configuration: ${error.problems.join('; ')}`
      : `failed to start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`mailer: ${message}\n`);
  process.exit(1);
});
