/** One assertion of a third-party suite, as run against Roster. */
export interface SuiteAssertion {
  /** Stable and unique within the suite: `<folder / request> / <assertion>`. */
  name: string;
  passed: boolean;
  /** Why it failed (the suite's own message), empty when it passed. */
  message: string;
}

/** An assertion the suite gets wrong, with the clause that says so. */
export interface KnownFailure {
  assertion: string;
  /** The RFC clause (or SPEC rule) that makes the suite's expectation wrong. */
  rfc: string;
  why: string;
}

export interface SuiteVerdict {
  /** Failures nobody explained: Roster is wrong (fix it) or the list is incomplete. */
  unexpected: SuiteAssertion[];
  /** Listed failures that now pass: take them off the list so it stays honest. */
  nowPassing: KnownFailure[];
  /** Listed failures whose assertion the suite never ran: the list names something that is not there. */
  neverRan: KnownFailure[];
}

/** Compares a run with the known failures: anything other than exactly the listed failures is a finding. */
export function judgeSuite(results: readonly SuiteAssertion[], known: readonly KnownFailure[]): SuiteVerdict {
  const byName = new Map(results.map((result) => [result.name, result]));
  const listed = new Set(known.map((entry) => entry.assertion));
  return {
    unexpected: results.filter((result) => !result.passed && !listed.has(result.name)),
    nowPassing: known.filter((entry) => byName.get(entry.assertion)?.passed === true),
    neverRan: known.filter((entry) => !byName.has(entry.assertion)),
  };
}

/** A failure message that lists every finding, so one CI log says what to fix. */
export function describeVerdict(suite: string, verdict: SuiteVerdict): string {
  const lines = [`${suite}:`];
  for (const failure of verdict.unexpected)
    lines.push(`  FAILED (not a known failure): ${failure.name} — ${failure.message}`);
  for (const entry of verdict.nowPassing)
    lines.push(`  PASSES but is listed as a known failure: ${entry.assertion}`);
  for (const entry of verdict.neverRan)
    lines.push(`  listed as a known failure but never ran: ${entry.assertion}`);
  return lines.join('\n');
}
