import type { CompareOperator } from '../../contracts/query/query-expr';
import { ScimError } from '../errors';
import type { AttributeDefinition } from '../schema/schema-definition';
import type { FilterValue } from './filter-ast';

export type QueryOperand = string | number | boolean | null;

const ORDERING: readonly CompareOperator[] = ['gt', 'ge', 'lt', 'le'];
const SUBSTRING: readonly CompareOperator[] = ['co', 'sw', 'ew'];
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Checks an operator against the attribute's type and turns the literal into the value the query
 * compares with (RFC 7644 §3.4.2.2): booleans also from "true"/"True" strings, dateTimes from ISO 8601
 * text normalised to UTC, strings also from unquoted words. `name` is the attribute as written.
 */
export function compareOperand(
  definition: AttributeDefinition,
  op: CompareOperator,
  literal: FilterValue,
  name: string,
): QueryOperand {
  const type = definition.type;
  if (type === 'boolean' && op !== 'eq' && op !== 'ne') {
    throw invalid(`'${name}' is a boolean; only eq, ne and pr apply to it, not ${op}`);
  }
  if (type === 'binary' && ORDERING.includes(op))
    throw invalid(`'${name}' is binary; ${op} does not apply to it`);
  if ((type === 'dateTime' || type === 'integer' || type === 'decimal') && SUBSTRING.includes(op)) {
    throw invalid(`'${name}' is of type ${type}; ${op} applies to strings only`);
  }
  if (literal.type === 'null') {
    if (op === 'eq' || op === 'ne') return null;
    throw invalid(`${op} cannot compare '${name}' with null`);
  }
  switch (type) {
    case 'boolean':
      return booleanOperand(literal, name);
    case 'dateTime':
      return dateTimeOperand(literal, name);
    case 'integer':
    case 'decimal':
      return numberOperand(literal, name, type);
    default:
      return stringOperand(literal);
  }
}

function stringOperand(literal: Exclude<FilterValue, { type: 'null' }>): string {
  switch (literal.type) {
    case 'string':
      return literal.value;
    case 'boolean':
      return String(literal.value);
    default:
      return literal.text;
  }
}

function booleanOperand(literal: Exclude<FilterValue, { type: 'null' }>, name: string): boolean {
  if (literal.type === 'boolean') return literal.value;
  const text = literal.type === 'string' ? literal.value : literal.text;
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  throw invalid(`'${name}' is a boolean; ${JSON.stringify(text)} is neither true nor false`);
}

function dateTimeOperand(literal: Exclude<FilterValue, { type: 'null' }>, name: string): string {
  const text = literal.type === 'string' ? literal.value : literal.type === 'boolean' ? '' : literal.text;
  const match = ISO_DATE_TIME.exec(text);
  if (match) {
    const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const instant = new Date(
      `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`,
    );
    const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    const real =
      calendar.getUTCMonth() === Number(month) - 1 &&
      calendar.getUTCDate() === Number(day) &&
      Number(hour) < 24;
    if (real && !Number.isNaN(instant.getTime())) return instant.toISOString();
  }
  throw invalid(`'${name}' is a dateTime; ${JSON.stringify(text)} is not an ISO 8601 date and time`);
}

function numberOperand(literal: Exclude<FilterValue, { type: 'null' }>, name: string, type: string): number {
  const value =
    literal.type === 'number'
      ? literal.value
      : literal.type === 'boolean'
        ? NaN
        : Number(stringOperand(literal));
  if (Number.isFinite(value) && (type === 'decimal' || Number.isInteger(value))) return value;
  throw invalid(`'${name}' is of type ${type}; ${JSON.stringify(stringOperand(literal))} is not one`);
}

function invalid(detail: string): ScimError {
  return ScimError.badRequest('invalidFilter', `Invalid filter: ${detail}`);
}
