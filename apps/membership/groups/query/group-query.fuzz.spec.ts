import type { QueryExpr } from '@roster/contracts';
import { GROUP_RESOURCE, ScimError, parseFilter, resolveFilter, resolveSort } from '@roster/scim';
import {
  FilterFuzzer,
  GROUP_FUZZ_SCHEMA,
  SQL_INJECTION_CORPUS,
  seededRandom,
} from '../../../../libs/testing/filter-fuzz';
import { DomainError } from '../../domain/domain-error';
import { CORE_GROUP_SCHEMA, compileGroupQuery, type CompiledGroupQuery } from './group-query.compiler';

const ORG = '6f1c3f0e-8a9b-4c1d-9e2f-0a1b2c3d4e5f';
const MARKER = /FZ\d+Q/i;
const PAYLOADS = SQL_INJECTION_CORPUS.filter((payload) => payload.length >= 4);

/** The only string literals the compiler writes itself; anything else in quotes came from outside. */
const COMPILER_LITERALS = new Set([`'Group'`, `'User'`, `''`, `'\\'`]);

type Outcome =
  | { kind: 'refused by libs/scim' }
  | { kind: 'refused by the compiler' }
  | { kind: 'compiled'; query: CompiledGroupQuery; filter: QueryExpr }
  | { kind: 'wrong error'; error: unknown };

/** What the gateway and membership together make of a filter text, as `GET /Groups?filter=` does. */
function compile(text: string): Outcome {
  let filter: QueryExpr;
  try {
    filter = resolveFilter(parseFilter(text), GROUP_RESOURCE)!;
  } catch (error) {
    // The gateway answers this 400 invalidFilter; anything else would be a 500.
    const invalid = error instanceof ScimError && error.status === 400 && error.scimType === 'invalidFilter';
    return invalid ? { kind: 'refused by libs/scim' } : { kind: 'wrong error', error };
  }
  return compileResolved(filter);
}

function compileResolved(filter: QueryExpr): Outcome {
  try {
    return { kind: 'compiled', query: compileGroupQuery(ORG, filter), filter };
  } catch (error) {
    // Membership's invalid-filter error, mapped by the gateway to 400 invalidFilter.
    const invalid = error instanceof DomainError && error.code === 'invalid' && error.target === 'filter';
    return invalid ? { kind: 'refused by the compiler' } : { kind: 'wrong error', error };
  }
}

/** Why the SQL of a compiled filter is not made only of compiler text and `$n` placeholders, if it is not. */
function sqlProblem(text: string, query: CompiledGroupQuery): string | undefined {
  const sql = `${query.where} ORDER BY ${query.orderBy}`;
  if (MARKER.test(sql) || PAYLOADS.some((payload) => sql.includes(payload))) return `operand in SQL: ${sql}`;
  const literals = sql.match(/'(?:[^']|'')*'/g) ?? [];
  const foreign = literals.filter((literal) => !COMPILER_LITERALS.has(literal));
  if (foreign.length > 0) return `literal ${foreign[0]} in SQL: ${sql}`;
  const rest = sql.replace(/'(?:[^']|'')*'/g, '');
  if (/["\\;]|--|\/\*/.test(rest)) return `quoting in SQL: ${sql}`;
  const placeholders = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
  if (placeholders.some((n) => n < 1 || n > query.params.length)) return `unbound placeholder: ${sql}`;
  if (MARKER.test(text) && !query.params.some((param) => typeof param === 'string' && MARKER.test(param))) {
    return 'operand not bound';
  }
  return undefined;
}

/** The filter with every string operand replaced: SQL built only from structure does not change. */
function withOtherOperands(expr: QueryExpr): QueryExpr {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { ...expr, left: withOtherOperands(expr.left), right: withOtherOperands(expr.right) };
    case 'not':
      return { ...expr, expr: withOtherOperands(expr.expr) };
    case 'valuePath':
      return { ...expr, filter: withOtherOperands(expr.filter) };
    case 'compare':
      // A different non-uuid string of another length: a uuid would take the primary-key form.
      return typeof expr.value === 'string' && expr.attr.type === 'string'
        ? { ...expr, value: `other-${expr.value.length}` }
        : expr;
    default:
      return expr;
  }
}

// Protects SPEC §3 / DESIGN §4 for Groups: no SQL is ever built from filter text. Thousands of
// generated, mutated and injection filters over the Group schema either compile to SQL made only of
// the compiler's own text and `$n` placeholders (every operand bound), or are refused with the
// invalid-filter error — never another error, which the gateway would answer with a 500.
describe('group query compiler under fuzzing', () => {
  it('keeps every operand of 3,000 generated filters out of the SQL text', () => {
    const fuzzer = new FilterFuzzer(5_2026, GROUP_FUZZ_SCHEMA);
    const problems: string[] = [];
    let compiled = 0;
    for (let n = 0; n < 3000; n++) {
      const text = fuzzer.valid();
      const outcome = compile(text);
      if (outcome.kind === 'wrong error') problems.push(`${text}: ${String(outcome.error)}`);
      if (outcome.kind === 'refused by libs/scim') problems.push(`${text}: a valid filter was refused`);
      if (outcome.kind !== 'compiled') continue;
      compiled++;
      const problem = sqlProblem(text, outcome.query);
      if (problem) problems.push(`${text}: ${problem}`);
      // The SQL text depends on the filter's structure only, never on what its operands say.
      const again = compileGroupQuery(ORG, withOtherOperands(outcome.filter));
      if (again.where !== outcome.query.where) problems.push(`${text}: SQL varies with the operands`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // members.$ref and meta.version/location are refused by design; the rest must compile.
    expect(compiled).toBeGreaterThan(1500);
  });

  it('refuses 3,000 mutated filters with the invalid-filter error or compiles them safely', () => {
    const fuzzer = new FilterFuzzer(3_4022, GROUP_FUZZ_SCHEMA);
    const problems: string[] = [];
    const counts = { refused: 0, compiled: 0 };
    for (let n = 0; n < 3000; n++) {
      const text = fuzzer.mutated();
      const outcome = compile(text);
      if (outcome.kind === 'wrong error') problems.push(`${text}: ${String(outcome.error)}`);
      else if (outcome.kind === 'compiled') {
        counts.compiled++;
        const problem = sqlProblem(text, outcome.query);
        if (problem) problems.push(`${text}: ${problem}`);
      } else counts.refused++;
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // Both paths exercised: a generator that only made valid (or only broken) filters would test little.
    expect(counts.refused).toBeGreaterThan(1000);
    expect(counts.compiled).toBeGreaterThan(300);
  });

  it('binds every injection payload or refuses it, in operands, attribute names and syntax', () => {
    const problems: string[] = [];
    const injections = new FilterFuzzer(1, GROUP_FUZZ_SCHEMA).injections();
    expect(injections.length).toBeGreaterThan(200);
    for (const text of injections) {
      const outcome = compile(text);
      if (outcome.kind === 'wrong error') problems.push(`${text}: ${String(outcome.error)}`);
      if (outcome.kind !== 'compiled') continue;
      const problem = sqlProblem(text, outcome.query);
      if (problem) problems.push(`${text}: ${problem}`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    const tautology = compile(`displayName eq "' OR '1'='1"`);
    expect(tautology.kind).toBe('compiled');
    expect((tautology as { query: CompiledGroupQuery }).query.params).toContain(`' or '1'='1`);
  });

  it('refuses 2,000 malformed query trees (as a bad bus message could carry) with the invalid-filter error', () => {
    const random = seededRandom(2_000);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const names = ['displayName', 'externalId', 'id', 'members', 'meta', ...PAYLOADS, '', '__proto__'];
    const subs = [undefined, 'value', 'display', 'type', '$ref', 'created', 'lastModified', ...PAYLOADS];
    const schemas = [
      CORE_GROUP_SCHEMA,
      CORE_GROUP_SCHEMA,
      'urn:ietf:params:scim:schemas:core:2.0:User',
      ...PAYLOADS,
    ];
    const values: unknown[] = ['FZ1Qx', null, true, 7, { $ne: 1 }, ['x'], undefined, ...PAYLOADS];
    const ops = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'like', "eq'--", undefined];
    const attr = () =>
      random() < 0.05
        ? pick([null, 'displayName', 42, {}])
        : {
            schema: pick(schemas),
            name: pick(names),
            sub: pick(subs),
            type: 'string',
            caseExact: random() < 0.5,
            multiValued: false,
          };
    const tree = (depth: number): unknown => {
      const roll = random();
      if (depth > 4 || roll < 0.35)
        return { kind: 'compare', attr: attr(), op: pick(ops), value: pick(values) };
      if (roll < 0.45) return { kind: 'present', attr: attr() };
      if (roll < 0.55) return { kind: 'not', expr: tree(depth + 1) };
      if (roll < 0.65) return { kind: 'valuePath', attr: attr(), filter: tree(depth + 1) };
      if (roll < 0.7) return pick([null, 'TRUE', 1, [], { kind: 'xor' }, { kind: 'and' }]);
      return { kind: pick(['and', 'or']), left: tree(depth + 1), right: tree(depth + 1) };
    };
    const problems: string[] = [];
    for (let n = 0; n < 2000; n++) {
      const filter = tree(0) as QueryExpr;
      const outcome = compileResolved(filter);
      if (outcome.kind === 'wrong error')
        problems.push(`${JSON.stringify(filter)}: ${String(outcome.error)}`);
      if (outcome.kind === 'compiled') {
        const problem = sqlProblem('', outcome.query);
        if (problem) problems.push(`${JSON.stringify(filter)}: ${problem}`);
      }
    }
    expect(problems.slice(0, 3)).toEqual([]);
  });

  it('never puts a sort attribute from a client into the SQL either', () => {
    for (const attribute of ['displayName', 'externalId', 'id', 'meta.created', 'meta.lastModified']) {
      const query = compileGroupQuery(ORG, undefined, resolveSort(attribute, 'descending', GROUP_RESOURCE));
      expect(sqlProblem('', query)).toBeUndefined();
    }
  });
});
