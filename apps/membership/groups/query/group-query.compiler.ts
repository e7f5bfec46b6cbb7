import type { AttributeRef, CompareOperator, QueryExpr, SortSpec } from '@roster/contracts';
import { DomainError } from '../../domain/domain-error';
import { isId } from '../../domain/identifiers';
import { compareColumn } from '../../users/query/query-comparisons';
import { isOperand, type Operand } from '../../users/query/query-operands';
import { SqlParameters } from '../../users/query/sql-parameters';
import type { TypedColumn } from '../../users/query/user-attribute-map';

/**
 * Compiles a resolved group query (libs/contracts QueryExpr, SortSpec) to parameterised PostgreSQL
 * over the groups row `g` (DESIGN.md §4), the way the user query compiler does: every attribute
 * passes the allowlist below, every operand is a bound parameter, `not` is `IS NOT TRUE`. Groups hold
 * no free-form attributes, so the allowlist is the whole Group schema: id, externalId, displayName
 * (case-insensitive, on the canonical column its unique index serves), members and meta.
 */

export const CORE_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export interface CompiledGroupQuery {
  /** Boolean SQL over `g`, scoped to the organization; uses `whereParams`. */
  where: string;
  whereParams: unknown[];
  /** ORDER BY items ending with the stable order (created_at, id). */
  orderBy: string;
  /** The parameters of `where` and `orderBy` together. */
  params: unknown[];
}

const GROUP_COLUMNS: Readonly<Record<string, TypedColumn>> = Object.freeze({
  // UUIDs are stored lower-case and compare in any case (the column kind lower-cases both sides).
  id: { kind: 'text', sql: 'g.id::text', notNull: true },
  externalId: { kind: 'text', sql: 'g.external_id', notNull: false },
  // The one canonicaliser (libs/scim canonicalGroupName = the userName mapping) on both sides.
  displayName: { kind: 'canonical-user-name', sql: 'g.display_name_canonical', notNull: true },
  'meta.created': { kind: 'timestamp', sql: 'g.created_at', notNull: true },
  'meta.lastModified': { kind: 'timestamp', sql: 'g.updated_at', notNull: true },
  'meta.resourceType': { kind: 'text', sql: `'Group'`, notNull: true },
});

// One member of the group inside `members[...]`: `gm` its group_members row, `u` the user.
type MemberColumn = (gm: string, u: string) => TypedColumn;
const MEMBER_COLUMNS: Readonly<Record<string, MemberColumn>> = Object.freeze<Record<string, MemberColumn>>({
  value: (gm) => ({ kind: 'text', sql: `${gm}.member_id::text`, notNull: true }),
  display: (_gm, u) => ({ kind: 'text', sql: `coalesce(${u}.display_name, ${u}.user_name)`, notNull: true }),
  type: () => ({ kind: 'text', sql: `'User'`, notNull: true }),
});

const MAX_DEPTH = 64;
const OPERATORS = new Set<CompareOperator>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

export function compileGroupQuery(
  organizationId: string,
  filter?: QueryExpr,
  sort?: SortSpec,
): CompiledGroupQuery {
  const params = new SqlParameters();
  const organization = params.add(organizationId);
  const compiler = new GroupQueryCompiler(params);
  const scope = `g.organization_id = ${organization}`;
  const where = filter ? `${scope} AND ${compiler.predicate(filter, undefined, 0)}` : scope;
  const whereParams = params.list();
  const orderBy = compiler.orderBy(sort);
  return { where, whereParams, orderBy, params: params.list() };
}

/** Inside `members[...]`: the aliases of the member row being tested. */
interface MemberScope {
  gm: string;
  u: string;
}

class GroupQueryCompiler {
  private aliases = 0;

  constructor(private readonly params: SqlParameters) {}

  predicate(expr: QueryExpr, member: MemberScope | undefined, depth: number): string {
    if (depth > MAX_DEPTH) throw DomainError.invalid('filter', 'The filter is nested too deeply.');
    if (typeof expr !== 'object' || expr === null) throw malformed();
    switch (expr.kind) {
      case 'and':
      case 'or': {
        const joiner = expr.kind === 'and' ? 'AND' : 'OR';
        return `(${this.predicate(expr.left, member, depth + 1)} ${joiner} ${this.predicate(expr.right, member, depth + 1)})`;
      }
      case 'not':
        return `((${this.predicate(expr.expr, member, depth + 1)}) IS NOT TRUE)`;
      case 'present':
        if (isMembers(expr.attr) && !member) return this.anyMember(() => 'TRUE');
        return this.present(this.column(expr.attr, member));
      case 'compare':
        if (!OPERATORS.has(expr.op) || !isOperand(expr.value)) throw malformed();
        if (isMembers(expr.attr) && !member) {
          return this.anyMember((scope) => this.compare(expr.attr, expr.op, expr.value, scope));
        }
        return this.compare(expr.attr, expr.op, expr.value, member);
      case 'valuePath':
        if (member || !isMembers(expr.attr)) {
          throw DomainError.invalid('filter', `Groups cannot be filtered by '${describe(expr.attr)}[...]'.`);
        }
        return this.anyMember((scope) => this.predicate(expr.filter, scope, depth + 1));
      default:
        throw malformed();
    }
  }

  orderBy(sort: SortSpec | undefined): string {
    const stable = 'g.created_at ASC, g.id ASC';
    if (sort === undefined) return stable;
    if (typeof sort !== 'object' || sort === null || !['ascending', 'descending'].includes(sort.order)) {
      throw malformed();
    }
    if (isMembers(sort.attr)) throw DomainError.invalid('filter', 'Groups cannot be sorted by members.');
    const column = this.column(sort.attr, undefined);
    const key = column.kind === 'text' && !sort.attr.caseExact ? `lower(${column.sql})` : column.sql;
    const direction = sort.order === 'descending' ? 'DESC' : 'ASC';
    return `${key} ${direction} NULLS LAST, ${stable}`;
  }

  private compare(ref: AttributeRef, op: CompareOperator, value: Operand, member: MemberScope | undefined) {
    const column = this.column(ref, member);
    if (value === null) {
      if (op === 'eq') return `(NOT ${this.present(column)})`;
      if (op === 'ne') return this.present(column);
      throw DomainError.invalid('filter', `Cannot compare '${describe(ref)}' with null using ${op}.`);
    }
    // `members[value eq "<uuid>"]` on the uuid column, so the primary key serves it in big groups.
    if (member && ref.sub === 'value' && op === 'eq' && typeof value === 'string' && isId(value)) {
      return `(${member.gm}.member_id = ${this.params.add(value.toLowerCase())}::uuid)`;
    }
    const caseInsensitive = ref.name === 'id' || ref.sub === 'value' ? { ...ref, caseExact: false } : ref;
    return compareColumn(this.params, column, caseInsensitive, op, value);
  }

  private present(column: TypedColumn): string {
    if (column.kind === 'timestamp') return 'TRUE';
    return column.notNull ? `(${column.sql} <> '')` : `(${column.sql} IS NOT NULL AND ${column.sql} <> '')`;
  }

  /** True when one member of the group satisfies `inner` (RFC 7644 §3.4.2.2 on a multi-valued attribute). */
  private anyMember(inner: (scope: MemberScope) => string): string {
    this.aliases += 1;
    const scope = { gm: `gm${this.aliases}`, u: `u${this.aliases}` };
    return `EXISTS (SELECT 1 FROM group_members ${scope.gm} JOIN members ${scope.u} ON ${scope.u}.id = ${scope.gm}.member_id WHERE ${scope.gm}.group_id = g.id AND ${inner(scope)})`;
  }

  /** The allowlist: the column an attribute reference reads, or a 400 `invalidFilter`. */
  private column(ref: AttributeRef, member: MemberScope | undefined): TypedColumn {
    const known =
      typeof ref === 'object' &&
      ref !== null &&
      ref.schema === CORE_GROUP_SCHEMA &&
      typeof ref.name === 'string';
    if (known && member && isMembers(ref)) {
      const column = MEMBER_COLUMNS[ref.sub ?? 'value'];
      if (column) return column(member.gm, member.u);
    }
    if (known && !member) {
      const column = GROUP_COLUMNS[ref.sub === undefined ? ref.name : `${ref.name}.${ref.sub}`];
      if (column) return column;
    }
    throw DomainError.invalid('filter', `Groups cannot be filtered or sorted by '${describe(ref)}'.`);
  }
}

function isMembers(ref: AttributeRef): boolean {
  return (
    typeof ref === 'object' && ref !== null && ref.schema === CORE_GROUP_SCHEMA && ref.name === 'members'
  );
}

function describe(ref: AttributeRef): string {
  if (typeof ref !== 'object' || ref === null) return '?';
  const name = ref.sub === undefined ? String(ref.name) : `${String(ref.name)}.${String(ref.sub)}`;
  return ref.schema === CORE_GROUP_SCHEMA ? name : `${String(ref.schema)}:${name}`;
}

function malformed(): DomainError {
  return DomainError.invalid('filter', 'The query is malformed.');
}
