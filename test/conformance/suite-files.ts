import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The third-party suites, vendored unmodified (licences and source commits in suites/PROVENANCE.md) so
 * that a clean clone runs them with nothing beside it. A missing suite fails the run: a conformance
 * check that silently skips is no check.
 */
export const CONFORMANCE_SUITES_DIR = join(__dirname, 'suites');

/** Reads and parses one suite file, or throws an error that says where it was expected and why. */
export function readConformanceSuite(fileName: string): unknown {
  const path = join(CONFORMANCE_SUITES_DIR, fileName);
  if (!existsSync(path)) {
    throw new Error(
      `Conformance suite not found: ${path}. suites/PROVENANCE.md says where each file comes from.`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}
