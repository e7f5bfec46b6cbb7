import type { AttributeRef, CompareOperator, QueryExpr, SortSpec } from '@roster/contracts';
import { DomainError } from '../../domain/domain-error';
import { compareColumn, compareJson } from './query-comparisons';
import { asArray, isOperand, jsonSortKey, type Operand } from './query-operands';
import { SqlParameters } from './sql-parameters';
import {
  CORE_USER_SCHEMA,
  checkAttributeRef,
  describeRef,
  typedColumn,
  type TypedColumn,
} from './user-attribute-map';

/**
 * Compiles a resolved user query (libs/contracts QueryExpr, SortSpec) to parameterised PostgreSQL
 * over the members row `m` (DESIGN.md §4). Attribute names pass the allowlist in
 * user-attribute-map.ts; every operand and jsonb key is a bound parameter.
 *
 * Three-valued logic: a comparison on an absent attribute is NULL, which WHERE treats as false;
 * `not` is compiled as `IS NOT TRUE`, so `not (title eq "x")` matches users without a title, and
 * `ne` means exactly that. Leaves stay plain comparisons so indexes still serve `userName eq`.
 */

export interface CompiledUserQuery {
  /** Boolean SQL over `m`, scoped to the organization. */
  where: string;
  /** The parameters `where` uses ($1 is the organization id). */
  whereParams: unknown[];
  /** ORDER BY items ending with the stable order (created_at, id). */
  orderBy: string;
  /** The parameters of `where` and `orderBy` together; orderBy's come after where's. */
  params: unknown[];
}

export function compileUserQuery(
  organizationId: string,
  filter?: QueryExpr,
  sort?: SortSpec,
): CompiledUserQuery {
  const params = new SqlParameters();
  const organization = params.add(organizationId);
  const compiler = new UserQueryCompiler(params);
  const where = filter
    ? `m.organization_id = ${organization} AND ${compiler.filter(filter)}`
    : `m.organization_id = ${organization}`;
  const whereParams = params.list();
  const orderBy = compiler.orderBy(sort);
  return { where, whereParams, orderBy, params: params.list() };
}

/** Where an attribute's value is read from, in the scope being compiled. */
type Source =
  | { kind: 'column'; column: TypedColumn }
  /** A jsonb value; SQL NULL when the attribute is absent. */
  | { kind: 'json'; sql: string }
  /** A multi-valued attribute in `attributes` (a jsonb array as sent): filtered element by element. */
  | { kind: 'elements'; array: string; ref: AttributeRef }
  /** The user's groups, derived from group membership. */
  | { kind: 'groups' };

interface Scope {
  resolve(ref: AttributeRef): Source;
  /** Only the member scope may open a value path; RFC 7644 has no nested ones. */
  readonly nested: boolean;
}

const MAX_DEPTH = 64;
const OPERATORS = new Set<CompareOperator>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const EMPTY_JSON = `('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;

class UserQueryCompiler {
  private aliases = 0;
  private readonly member: Scope = { resolve: (ref) => this.memberSource(ref), nested: false };

  constructor(private readonly params: SqlParameters) {}

  filter(expr: QueryExpr): string {
    return this.predicate(expr, this.member, 0);
  }

  orderBy(sort: SortSpec | undefined): string {
    const stable = 'm.created_at ASC, m.id ASC';
    if (sort === undefined) return stable;
    if (
      typeof sort !== 'object' ||
      sort === null ||
      (sort.order !== 'ascending' && sort.order !== 'descending')
    ) {
      throw malformed();
    }
    const direction = sort.order === 'descending' ? 'DESC' : 'ASC';
    // Users without the attribute come last either way: they are the least interesting rows.
    return `${this.sortKey(sort.attr)} ${direction} NULLS LAST, ${stable}`;
  }

  private predicate(expr: QueryExpr, scope: Scope, depth: number): string {
    if (depth > MAX_DEPTH) throw DomainError.invalid('filter', 'The filter is nested too deeply.');
    if (typeof expr !== 'object' || expr === null) throw malformed();
    switch (expr.kind) {
      case 'and':
        return `(${this.predicate(expr.left, scope, depth + 1)} AND ${this.predicate(expr.right, scope, depth + 1)})`;
      case 'or':
        return `(${this.predicate(expr.left, scope, depth + 1)} OR ${this.predicate(expr.right, scope, depth + 1)})`;
      case 'not':
        return `((${this.predicate(expr.expr, scope, depth + 1)}) IS NOT TRUE)`;
      case 'present':
        return this.present(scope.resolve(expr.attr));
      case 'compare':
        if (!OPERATORS.has(expr.op) || !isOperand(expr.value)) throw malformed();
        return this.compare(scope.resolve(expr.attr), expr.attr, expr.op, expr.value);
      case 'valuePath':
        if (scope.nested)
          throw DomainError.invalid('filter', 'A value path cannot contain another value path.');
        return this.valuePath(expr.attr, (inner) => this.predicate(expr.filter, inner, depth + 1));
      default:
        throw malformed();
    }
  }

  // --- where attributes live ------------------------------------------------------------------

  private memberSource(ref: AttributeRef): Source {
    checkAttributeRef(ref);
    const column = typedColumn(ref);
    if (column) return { kind: 'column', column };
    if (ref.schema === CORE_USER_SCHEMA && ref.name === 'groups') return { kind: 'groups' };
    // Core attributes sit at the top of `attributes`; an extension's under its schema URN.
    const container =
      ref.schema === CORE_USER_SCHEMA ? 'm.attributes' : `(m.attributes -> ${this.key(ref.schema)})`;
    const attribute = `(${container} -> ${this.key(ref.name)})`;
    if (ref.multiValued) return { kind: 'elements', array: attribute, ref };
    return {
      kind: 'json',
      sql: ref.sub === undefined ? attribute : `(${attribute} -> ${this.key(ref.sub)})`,
    };
  }

  /** One element of a multi-valued attribute (`e.value`): sub-attributes, or the element itself. */
  private elementScope(alias: string, outer: AttributeRef): Scope {
    return {
      nested: true,
      resolve: (ref) => {
        checkAttributeRef(ref);
        if (ref.schema !== outer.schema || ref.name !== outer.name) {
          throw DomainError.invalid(
            'filter',
            `'${describeRef(ref)}' is not a sub-attribute of '${outer.name}'.`,
          );
        }
        if (ref.sub !== undefined) return { kind: 'json', sql: `(${alias}.value -> ${this.key(ref.sub)})` };
        // A simple multi-valued value, or a complex one compared without a sub-attribute: its `value`.
        return {
          kind: 'json',
          sql: `(CASE jsonb_typeof(${alias}.value) WHEN 'object' THEN ${alias}.value -> 'value' ELSE ${alias}.value END)`,
        };
      },
    };
  }

  /** One of the user's groups (`g`): `value` is the group id, `display` its name. */
  private groupScope(alias: string): Scope {
    return {
      nested: true,
      resolve: (ref) => {
        checkAttributeRef(ref);
        if (ref.schema !== CORE_USER_SCHEMA || ref.name !== 'groups') {
          throw DomainError.invalid('filter', `'${describeRef(ref)}' is not a sub-attribute of 'groups'.`);
        }
        switch (ref.sub ?? 'value') {
          case 'value':
            return { kind: 'column', column: { kind: 'text', sql: `${alias}.id::text`, notNull: true } };
          case 'display':
            return { kind: 'column', column: { kind: 'text', sql: `${alias}.display_name`, notNull: true } };
          case 'type':
            return { kind: 'column', column: { kind: 'text', sql: `'direct'`, notNull: true } };
          default:
            throw DomainError.invalid('filter', `Users cannot be filtered by '${describeRef(ref)}'.`);
        }
      },
    };
  }

  /** `attr[filter]`: true when one element (or group) of the attribute matches `inner`. */
  private valuePath(attr: AttributeRef, inner: (scope: Scope) => string): string {
    checkAttributeRef(attr);
    // A singular complex attribute: `name[givenName eq "x"]` is `name.givenName eq "x"`.
    if (!attr.multiValued) return inner(this.member);
    return this.valuePathOver(this.memberSource(attr), attr, inner);
  }

  // Takes the resolved source: resolving twice would bind jsonb keys the SQL never uses.
  private valuePathOver(source: Source, attr: AttributeRef, inner: (scope: Scope) => string): string {
    switch (source.kind) {
      case 'elements': {
        const alias = this.alias('e');
        return `EXISTS (SELECT 1 FROM jsonb_array_elements(${asArray(source.array)}) AS ${alias}(value) WHERE ${inner(this.elementScope(alias, attr))})`;
      }
      case 'groups': {
        const alias = this.alias('g');
        return `EXISTS (SELECT 1 FROM group_members ${alias}m JOIN groups ${alias} ON ${alias}.id = ${alias}m.group_id WHERE ${alias}m.member_id = m.id AND ${inner(this.groupScope(alias))})`;
      }
      default:
        throw DomainError.invalid(
          'filter',
          `'${describeRef(attr)}' has no sub-attributes to filter with [...].`,
        );
    }
  }

  // --- presence and comparison ----------------------------------------------------------------

  /** `pr`: present and not null or empty (RFC 7644 §3.4.2.2). */
  private present(source: Source): string {
    switch (source.kind) {
      case 'column': {
        const { kind, sql, notNull } = source.column;
        if (kind === 'flag') return 'TRUE';
        const nonEmpty = kind === 'timestamp' ? 'TRUE' : `${sql} <> ''`;
        return notNull ? `(${nonEmpty})` : `(${sql} IS NOT NULL AND ${nonEmpty})`;
      }
      case 'json':
        return `(${source.sql} IS NOT NULL AND ${source.sql} NOT IN ${EMPTY_JSON})`;
      case 'elements':
        return `(${source.array} IS NOT NULL AND ${source.array} NOT IN ${EMPTY_JSON})`;
      case 'groups':
        return `EXISTS (SELECT 1 FROM group_members gm WHERE gm.member_id = m.id)`;
    }
  }

  private compare(source: Source, ref: AttributeRef, op: CompareOperator, value: Operand): string {
    if (value === null) {
      // `eq null` asks for an absent attribute; `ne null` for a present one.
      if (op === 'eq') return `(NOT ${this.present(source)})`;
      if (op === 'ne') return this.present(source);
      throw DomainError.invalid('filter', `Cannot compare '${describeRef(ref)}' with null using ${op}.`);
    }
    switch (source.kind) {
      case 'elements':
      case 'groups':
        // A comparison on a multi-valued attribute holds when it holds for one of its values.
        return this.valuePathOver(source, ref, (scope) => this.compare(scope.resolve(ref), ref, op, value));
      case 'column':
        return compareColumn(this.params, source.column, ref, op, value);
      case 'json':
        return compareJson(this.params, source.sql, ref, op, value);
    }
  }

  // --- sorting ----------------------------------------------------------------------------------

  private sortKey(ref: AttributeRef): string {
    const source = this.memberSource(ref);
    switch (source.kind) {
      case 'column':
        return source.column.kind === 'text' && !ref.caseExact
          ? `lower(${source.column.sql})`
          : source.column.sql;
      case 'json':
        return jsonSortKey(source.sql, ref);
      case 'elements': {
        // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else the first.
        const alias = this.alias('s');
        const element = this.elementScope(alias, ref).resolve(ref);
        const key = element.kind === 'json' ? jsonSortKey(element.sql, ref) : 'NULL';
        return `(SELECT ${key} FROM jsonb_array_elements(${asArray(source.array)}) WITH ORDINALITY AS ${alias}(value, position) ORDER BY (lower(${alias}.value ->> 'primary') = 'true') DESC NULLS LAST, ${alias}.position LIMIT 1)`;
      }
      case 'groups': {
        const key = ref.sub === 'display' ? 'lower(g.display_name)' : 'g.id::text';
        return `(SELECT min(${key}) FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.member_id = m.id)`;
      }
    }
  }

  // --- small pieces ------------------------------------------------------------------------------

  /** A jsonb object key, bound as a parameter (`->` is overloaded for text and int, hence the cast). */
  private key(name: string): string {
    return `${this.params.add(name)}::text`;
  }

  private alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }
}

function malformed(): DomainError {
  return DomainError.invalid('filter', 'The query is malformed.');
}
