import { FilterFuzzer } from '../../testing/filter-fuzz';
import { ScimError } from '../errors';
import { USER_RESOURCE } from '../schema/resource-schemas';
import { parseFilter } from './filter-parser';
import { resolveFilter } from './filter-resolver';

/** What reading a filter gave: resolved, or the error it was refused with. */
function read(text: string): { ok: true } | { ok: false; error: unknown } {
  try {
    resolveFilter(parseFilter(text), USER_RESOURCE);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

const isInvalidFilter = (error: unknown) =>
  error instanceof ScimError && error.status === 400 && error.scimType === 'invalidFilter';

// Protects SPEC §3: whatever a client sends as a filter is either read or refused with 400
// invalidFilter — never another error (which the gateway would answer 500), never a crash or hang.
describe('filter fuzzing (RFC 7644 §3.4.2.2)', () => {
  const fuzzer = new FilterFuzzer(7644);

  it('reads 2,000 generated well-formed filters over the User schema', () => {
    const failures = Array.from({ length: 2000 }, () => fuzzer.valid())
      .map((text) => ({ text, result: read(text) }))
      .filter(({ result }) => !result.ok);
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('refuses 3,000 mutated filters with invalidFilter or reads them, nothing else', () => {
    const texts = Array.from({ length: 3000 }, () => fuzzer.mutated());
    const results = texts.map((text) => ({ text, result: read(text) }));
    const otherErrors = results.filter(({ result }) => !result.ok && !isInvalidFilter(result.error));
    expect(otherErrors.slice(0, 3)).toEqual([]);
    // The mutations are mostly malformed: a generator that only made valid filters would test nothing.
    expect(results.filter(({ result }) => !result.ok).length).toBeGreaterThan(1500);
  });

  it('reads injection payloads as operands and refuses them as syntax', () => {
    for (const text of fuzzer.injections()) {
      const result = read(text);
      if (!result.ok) expect([text, isInvalidFilter(result.error)]).toEqual([text, true]);
    }
    expect(read(`userName eq "' OR '1'='1"`)).toEqual({ ok: true });
    expect(read(`' OR '1'='1`).ok).toBe(false);
  });

  it('refuses pathological input quickly', () => {
    const started = performance.now();
    for (const text of [
      '('.repeat(5000),
      'not '.repeat(3000) + 'title pr',
      `userName eq "${'\\'.repeat(9000)}`,
      'a'.repeat(10_001),
      'emails['.repeat(2000),
    ]) {
      const result = read(text);
      expect(result.ok).toBe(false);
      expect(isInvalidFilter((result as { error: unknown }).error)).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(500);
  });
});
