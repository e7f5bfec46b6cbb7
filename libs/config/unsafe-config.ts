import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The one home of Roster's unsafe-configuration rules (SPEC §8, issue 6 §7): what a deployment secret
 * must be, and (in redis-durability.ts) what Redis must be. Every rule names the variable and what to
 * do, and never echoes the value it refused.
 */

/** Shortest deployment secret accepted: 32 bytes, what `openssl rand -hex 32` gives twice over. */
export const MIN_SECRET_BYTES = 32;

/** Fewer distinct characters than this in 32+ bytes is typed by hand, not generated. */
const MIN_DISTINCT_CHARACTERS = 8;

/**
 * Words that only appear in secrets copied from documentation or examples (.env.example, compose
 * checks, READMEs). A random hex or base64 secret of 32+ bytes contains one of them with a probability
 * far below 10^-9, so a match is a copied example, not bad luck.
 */
const EXAMPLE_WORDS =
  /change[-_.]?me|change[-_.]?it|placeholder|example|replace[-_.]?me|your[-_.]?(secret|token)/i;

const HOW_TO_GENERATE = 'generate one with `openssl rand -hex 32`';

/**
 * Why `value` cannot be a deployment secret (ADMIN_TOKEN, INVITATION_SECRET), or null when it can.
 * The reasons never quote the value.
 */
export function deploymentSecretProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return `is required; ${HOW_TO_GENERATE}`;
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    return `must be at least ${MIN_SECRET_BYTES} bytes long; ${HOW_TO_GENERATE}`;
  }
  if (EXAMPLE_WORDS.test(value)) {
    return `is an example value (from .env.example or the documentation), not a secret; ${HOW_TO_GENERATE}`;
  }
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) {
    return `looks typed by hand (fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters), not random; ${HOW_TO_GENERATE}`;
  }
  return null;
}

/** class-validator rule for a config property holding a deployment secret (see deploymentSecretProblem). */
export function IsDeploymentSecret(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDeploymentSecret',
      validator: {
        validate: (value) => deploymentSecretProblem(value) === null,
        defaultMessage: (args) => deploymentSecretProblem(args?.value) ?? 'is not a usable secret',
      },
    },
    options,
  );
}
