import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Configuration that cannot start the app; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
}

/**
 * Reads an app's configuration from environment variables into a validated instance of `schema`
 * (class-validator decorators; property names are the variable names). Empty strings count as unset,
 * so a blank line in `.env` falls back to the default. This is the one place that reads process.env.
 */
export function loadEnv<T extends object>(
  schema: ClassConstructor<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(schema, present, { enableImplicitConversion: false });
  const problems = describe(validateSync(config, { forbidUnknownValues: false }));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
