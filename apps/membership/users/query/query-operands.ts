import type { AttributeRef } from '@roster/contracts';
import { DomainError } from '../../domain/domain-error';
import { describeRef } from './user-attribute-map';

/** Operands of a user query, checked and turned into what PostgreSQL compares them with. */

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export type Operand = string | number | boolean | null;

export function isOperand(value: unknown): value is Operand {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

export function jsonSortKey(sql: string, ref: AttributeRef): string {
  const text = `(${sql} #>> '{}')`;
  switch (ref.type) {
    case 'integer':
    case 'decimal':
      return `(CASE jsonb_typeof(${sql}) WHEN 'number' THEN ${text}::numeric END)`;
    case 'dateTime':
      return `roster_try_timestamptz(${text})`;
    default:
      return ref.caseExact ? text : `lower(${text})`;
  }
}

/** Elements of an attribute stored as sent: an array, a lone object some clients send, or nothing. */
export function asArray(attribute: string): string {
  return `CASE jsonb_typeof(${attribute}) WHEN 'array' THEN ${attribute} WHEN 'object' THEN jsonb_build_array(${attribute}) ELSE '[]'::jsonb END`;
}

/** LIKE treats `%`, `_` and the escape character specially; an operand means itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export function booleanOperand(ref: AttributeRef, value: Operand): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  throw DomainError.invalid('filter', `'${describeRef(ref)}' is a boolean; compare it with true or false.`);
}

export function numberOperand(ref: AttributeRef, value: Operand): string {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw DomainError.invalid('filter', `'${describeRef(ref)}' is a number.`);
  return String(number);
}

export function dateTimeOperand(ref: AttributeRef, value: Operand): string {
  const instant = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw DomainError.invalid(
      'filter',
      `'${describeRef(ref)}' is a dateTime; compare it with an ISO 8601 date and time.`,
    );
  }
  return instant.toISOString();
}
