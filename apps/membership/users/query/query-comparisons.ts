import type { AttributeRef, CompareOperator } from '@roster/contracts';
import { canonicalUserName } from '../../../../libs/scim/canonical';
import { DomainError } from '../../domain/domain-error';
import { booleanOperand, dateTimeOperand, escapeLike, numberOperand, type Operand } from './query-operands';
import type { SqlParameters } from './sql-parameters';
import { describeRef, type TypedColumn } from './user-attribute-map';

/**
 * One comparison of a user query, as SQL over a value already located (a typed column or a jsonb
 * value). Leaves stay plain comparisons so indexes serve them; `ne` is `(= ...) IS NOT TRUE`, so an
 * absent attribute is "not equal" rather than unknown.
 */

const ORDERING: Partial<Record<CompareOperator, string>> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

export function compareColumn(
  params: SqlParameters,
  column: TypedColumn,
  ref: AttributeRef,
  op: CompareOperator,
  value: Operand,
): string {
  switch (column.kind) {
    case 'canonical-user-name':
      return compareText(params, column.sql, op, canonicalUserName(String(value)), 'exact');
    case 'text':
      return compareText(params, column.sql, op, String(value), ref.caseExact ? 'exact' : 'lower');
    case 'timestamp':
      return compareOrdered(column.sql, op, `${params.add(dateTimeOperand(ref, value))}::timestamptz`, ref);
    case 'flag':
      return compareBoolean(params, column.sql, op, booleanOperand(ref, value), ref);
  }
}

export function compareJson(
  params: SqlParameters,
  sql: string,
  ref: AttributeRef,
  op: CompareOperator,
  value: Operand,
): string {
  const text = `(${sql} #>> '{}')`;
  switch (ref.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return compareText(params, text, op, String(value), ref.caseExact ? 'exact' : 'lower');
    case 'boolean':
      // Stored as sent: a JSON boolean or Entra's "True"/"False" strings alike.
      return compareBoolean(params, `lower(${text})`, op, String(booleanOperand(ref, value)), ref);
    case 'integer':
    case 'decimal': {
      const number = `(CASE jsonb_typeof(${sql}) WHEN 'number' THEN ${text}::numeric END)`;
      return compareOrdered(number, op, `${params.add(numberOperand(ref, value))}::numeric`, ref);
    }
    case 'dateTime':
      return compareOrdered(
        `roster_try_timestamptz(${text})`,
        op,
        `${params.add(dateTimeOperand(ref, value))}::timestamptz`,
        ref,
      );
    default:
      throw DomainError.invalid(
        'filter',
        `'${describeRef(ref)}' is complex; compare one of its sub-attributes.`,
      );
  }
}

function compareText(
  params: SqlParameters,
  sql: string,
  op: CompareOperator,
  operand: string,
  mode: 'exact' | 'lower',
): string {
  const left = mode === 'lower' ? `lower(${sql})` : sql;
  const bind = (text: string) => (mode === 'lower' ? `lower(${params.add(text)})` : params.add(text));
  switch (op) {
    case 'eq':
      return `(${left} = ${bind(operand)})`;
    case 'ne':
      return `((${left} = ${bind(operand)}) IS NOT TRUE)`;
    case 'co':
      return `(${left} LIKE ${bind(`%${escapeLike(operand)}%`)} ESCAPE '\\')`;
    case 'sw':
      return `(${left} LIKE ${bind(`${escapeLike(operand)}%`)} ESCAPE '\\')`;
    case 'ew':
      return `(${left} LIKE ${bind(`%${escapeLike(operand)}`)} ESCAPE '\\')`;
    default:
      return `(${left} ${ORDERING[op]} ${bind(operand)})`;
  }
}

function compareOrdered(left: string, op: CompareOperator, right: string, ref: AttributeRef): string {
  if (op === 'eq') return `(${left} = ${right})`;
  if (op === 'ne') return `((${left} = ${right}) IS NOT TRUE)`;
  const symbol = ORDERING[op];
  if (!symbol)
    throw DomainError.invalid('filter', `${op} does not apply to '${describeRef(ref)}' (${ref.type}).`);
  return `(${left} ${symbol} ${right})`;
}

function compareBoolean(
  params: SqlParameters,
  left: string,
  op: CompareOperator,
  operand: boolean | string,
  ref: AttributeRef,
): string {
  const right = typeof operand === 'boolean' ? `${params.add(operand)}::boolean` : params.add(operand);
  if (op === 'eq') return `(${left} = ${right})`;
  if (op === 'ne') return `((${left} = ${right}) IS NOT TRUE)`;
  throw DomainError.invalid('filter', `'${describeRef(ref)}' is a boolean; only eq, ne and pr apply to it.`);
}
