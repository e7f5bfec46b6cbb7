import { ConfigError, loadEnv, UnsafeRedisError } from '@roster/config';
import { Logger } from 'nestjs-pino';
import { MembershipConfig } from './config/membership.config';
import { StartupError, startMembership } from './membership.bootstrap';

/** `node dist/apps/membership/main.js`: the membership service, configured by the environment. */
async function main(): Promise<void> {
  const config = loadEnv(MembershipConfig);
  const { app, healthPort } = await startMembership(config);
  app.get(Logger).log(`Membership ready; health on port ${healthPort}`, 'Main');
}

main().catch((error: unknown) => {
  // What an operator fixes by configuration or by starting a service gets one plain line, no stack.
  if (error instanceof ConfigError) {
    process.stderr.write(`membership: invalid configuration: ${error.problems.join('; ')}\n`);
  } else if (error instanceof StartupError || error instanceof UnsafeRedisError) {
    process.stderr.write(`membership: ${error.message}\n`);
  } else {
    process.stderr.write(
      `membership failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
