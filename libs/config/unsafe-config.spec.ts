import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentSecretProblem } from './unsafe-config';

const root = join(__dirname, '..', '..');
/** The variables of .env.example that hold a deployment secret. */
const SECRET_VARIABLES = ['ADMIN_TOKEN', 'INVITATION_SECRET'];

// Protects issue 6 §7 and SPEC §8: a deployment secret that is short, copied from an example or typed
// by hand stops start-up, and the reason never repeats the value.
describe('deploymentSecretProblem', () => {
  it.each<[string, unknown, RegExp | null]>([
    ['openssl rand -hex 32', randomBytes(32).toString('hex'), null],
    ['32 random bytes in base64', randomBytes(32).toString('base64'), null],
    ['exactly 32 bytes of mixed characters', 'k3J9x_Qw7Lm2Pz8Rt5Vb1Nc4Hd6Fg0Sa', null],
    ['missing', undefined, /is required/],
    ['blank, as left in .env.example', '   ', /is required/],
    ['31 bytes', 'k3J9x_Qw7Lm2Pz8Rt5Vb1Nc4Hd6Fg0S', /at least 32 bytes/],
    ['24 hex characters (the old admin-token minimum)', randomBytes(12).toString('hex'), /at least 32 bytes/],
    ['the compose check placeholder', 'placeholder-admin-token-000000000', /example value/],
    ['change-me with padding', 'change-me-change-me-change-me-0123', /example value/],
    ['CHANGEME in capitals', 'CHANGEME0123456789abcdefghijklmnop', /example value/],
    ['your-secret-here', 'your-secret-here-0123456789abcdefghij', /example value/],
    ['one repeated character', 'x'.repeat(40), /typed by hand/],
    ['a short repeating pattern', 'abc123'.repeat(8), /typed by hand/],
  ])('%s', (_name, value, expected) => {
    const problem = deploymentSecretProblem(value);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('counts bytes, not characters', () => {
    // 16 two-byte characters are 32 bytes; 16 of them in 31 bytes' worth of ASCII would be refused.
    expect(deploymentSecretProblem('éàüöçñßøåæœłžšđğ')).toBeNull();
  });

  it('never repeats the refused value in its reason', () => {
    for (const value of ['short-Secret-1', 'placeholder-admin-token-000000000', 'q'.repeat(33)]) {
      expect(deploymentSecretProblem(value)).not.toContain(value);
    }
  });

  it('refuses every secret value .env.example ships, so a copied file cannot start', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    for (const name of SECRET_VARIABLES) {
      const line = new RegExp(`^#?\\s*${name}=(.*)$`, 'm').exec(example);
      expect(line).not.toBeNull();
      expect(deploymentSecretProblem(line![1].trim())).not.toBeNull();
    }
  });
});
