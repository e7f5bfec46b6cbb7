import { USER_RESOURCE, parseFilter, resolveFilter, resolveSort } from '@roster/scim';
import { FilterFuzzer, SQL_INJECTION_CORPUS } from '../../../../libs/testing/filter-fuzz';
import { DomainError } from '../../domain/domain-error';
import { compileUserQuery } from './user-query.compiler';

const ORG = '6f1c3f0e-8a9b-4c1d-9e2f-0a1b2c3d4e5f';

// Protects DESIGN §4 / SPEC §3: no SQL is ever built from filter text. The gateway's resolved query
// of thousands of generated filters, every operand an SQL-injection payload or marked text, compiles
// to SQL in which no operand appears: operands and jsonb keys travel only as bound parameters.
describe('user query compiler under fuzzing', () => {
  it('keeps every operand of 2,000 generated filters out of the SQL text', () => {
    const fuzzer = new FilterFuzzer(4);
    const payloads = SQL_INJECTION_CORPUS.filter((payload) => payload.length >= 4);
    const problems: string[] = [];
    let compiled = 0;
    for (let n = 0; n < 2000; n++) {
      const text = fuzzer.valid();
      let query;
      try {
        query = compileUserQuery(ORG, resolveFilter(parseFilter(text), USER_RESOURCE));
      } catch (error) {
        // A filter membership cannot run is a domain error (400 invalidFilter), never a crash.
        if (!(error instanceof DomainError)) problems.push(`${text}: ${String(error)}`);
        continue;
      }
      compiled++;
      const sql = `${query.where} ORDER BY ${query.orderBy}`;
      if (/FZ\d+Q/i.test(sql) || payloads.some((payload) => sql.includes(payload))) {
        problems.push(`${text}: operand in SQL ${sql}`);
      }
      // Only `$n` placeholders, compiler-written literals and identifiers: no client text at all.
      if (/['"\\;]|--|\/\*/.test(stripCompilerLiterals(sql))) problems.push(`${text}: quoting in SQL ${sql}`);
      // ...and the operands are there, as parameters.
      const bound = query.params.some((param) => typeof param === 'string' && /FZ\d+Q/i.test(param));
      if (/FZ\d+Q/.test(text) && !bound) problems.push(`${text}: operand not bound`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(compiled).toBeGreaterThan(1900);
  });

  it('binds sort attributes as parameters too', () => {
    const query = compileUserQuery(
      ORG,
      undefined,
      resolveSort(
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
        'descending',
        USER_RESOURCE,
      ),
    );
    expect(query.orderBy).not.toContain('department');
    expect(query.params).toContain('department');
  });
});

/** The SQL text with the compiler's own fixed literals ('null'::jsonb, 'value', ...) removed. */
function stripCompilerLiterals(sql: string): string {
  return sql.replace(
    /'(?:null|""|\[\]|\{\}|object|array|string|number|boolean|value|primary|true|false|direct|revoked|\\|)'/g,
    '',
  );
}
