import type { AttrPath, FilterNode, FilterValue } from '../filter/filter-ast';
import { sameName } from '../schema/find-attribute';
import type { AttributeDefinition } from '../schema/schema-definition';
import {
  findSubAttribute,
  isPlainObject,
  isUnassigned,
  normaliseSimpleValue,
} from '../user/attribute-values';

/**
 * A PATCH value filter (`emails[type eq "work"]`, RFC 7644 §3.5.2) evaluated in memory over one
 * element of a multi-valued attribute. Sub-attribute names match in any case; strings compare
 * case-insensitively unless the sub-attribute is caseExact (RFC 7644 §3.4.2.2).
 */

/** RFC 7644 §3.4.2.2: whether an element of the multi-valued attribute `definition` matches `filter`. */
export function matchesValueFilter(
  filter: FilterNode,
  element: unknown,
  definition: AttributeDefinition,
): boolean {
  switch (filter.kind) {
    case 'and':
      return (
        matchesValueFilter(filter.left, element, definition) &&
        matchesValueFilter(filter.right, element, definition)
      );
    case 'or':
      return (
        matchesValueFilter(filter.left, element, definition) ||
        matchesValueFilter(filter.right, element, definition)
      );
    case 'not':
      return !matchesValueFilter(filter.filter, element, definition);
    case 'present':
      return !isUnassigned(elementValue(element, definition, filter.attribute));
    case 'compare': {
      const subDefinition = subAttributeOf(definition, filter.attribute);
      const actual = elementValue(element, definition, filter.attribute);
      if (filter.value.type === 'null') return (filter.op === 'eq') === isUnassigned(actual);
      if (isUnassigned(actual)) return filter.op === 'ne';
      const order = compareValues(actual, filter.value, subDefinition);
      if (order === undefined) return filter.op === 'ne';
      return holds(filter.op, order, actual, filter.value, subDefinition);
    }
    case 'valuePath':
      return false; // the path parser refuses a value path inside another
  }
}

/**
 * RFC 7644 §3.5.2.1/§3.5.2.3: the element a filter describes, when it is made only of `eq`
 * comparisons joined by `and` (`type eq "work"`) — what an add or replace creates when no element
 * matches. Undefined when the filter describes no single element.
 */
export function elementDescribedBy(
  filter: FilterNode,
  definition: AttributeDefinition,
): Record<string, unknown> | undefined {
  if (filter.kind === 'and') {
    const left = elementDescribedBy(filter.left, definition);
    const right = elementDescribedBy(filter.right, definition);
    if (!left || !right) return undefined;
    const conflict = Object.keys(right).some((key) => key in left && left[key] !== right[key]);
    return conflict ? undefined : { ...left, ...right };
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.value.type === 'null') return undefined;
  const subDefinition = subAttributeOf(definition, filter.attribute);
  if (!subDefinition || subDefinition.mutability === 'readOnly') return undefined;
  const raw =
    subDefinition.type === 'string' || subDefinition.type === 'reference'
      ? operandText(filter.value)
      : operandValue(filter.value);
  try {
    return {
      [subDefinition.name]: normaliseSimpleValue(
        subDefinition,
        raw,
        `${definition.name}.${subDefinition.name}`,
      ),
    };
  } catch {
    return undefined;
  }
}

// `type` in `emails[type eq "work"]`; also `emails.type` written in full, which some clients do.
function subAttributeOf(definition: AttributeDefinition, path: AttrPath): AttributeDefinition | undefined {
  if (path.subAttribute === undefined) return findSubAttribute(definition, path.attribute);
  return sameName(path.attribute, definition.name)
    ? findSubAttribute(definition, path.subAttribute)
    : undefined;
}

function elementValue(element: unknown, definition: AttributeDefinition, path: AttrPath): unknown {
  if (!isPlainObject(element)) return undefined;
  const subDefinition = subAttributeOf(definition, path);
  if (!subDefinition) return undefined;
  const key = Object.keys(element).find((candidate) => sameName(candidate, subDefinition.name));
  return key === undefined ? undefined : element[key];
}

// The ordering of an element's value against the operand (negative, zero, positive); undefined when
// they cannot be compared (a boolean against a word that is no boolean).
function compareValues(
  actual: unknown,
  operand: FilterValue,
  definition: AttributeDefinition | undefined,
): number | undefined {
  const type = definition?.type ?? typeof actual;
  if (type === 'boolean') {
    const left = asBoolean(actual);
    const right = asBoolean(operandValue(operand));
    return left === undefined || right === undefined ? undefined : Number(left) - Number(right);
  }
  if (type === 'integer' || type === 'decimal' || type === 'number') {
    const left = Number(actual);
    const right = Number(operandText(operand));
    return Number.isNaN(left) || Number.isNaN(right) ? undefined : left - right;
  }
  if (type === 'dateTime') {
    const left = Date.parse(String(actual));
    const right = Date.parse(operandText(operand));
    if (!Number.isNaN(left) && !Number.isNaN(right)) return left - right;
  }
  const [left, right] = comparableStrings(String(actual), operandText(operand), definition);
  return left < right ? -1 : left > right ? 1 : 0;
}

function holds(
  op: string,
  order: number,
  actual: unknown,
  operand: FilterValue,
  definition: AttributeDefinition | undefined,
): boolean {
  const [left, right] = comparableStrings(String(actual), operandText(operand), definition);
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    default:
      return false;
  }
}

function comparableStrings(
  left: string,
  right: string,
  definition: AttributeDefinition | undefined,
): [string, string] {
  return definition?.caseExact ? [left, right] : [left.toLowerCase(), right.toLowerCase()];
}

function operandText(operand: FilterValue): string {
  switch (operand.type) {
    case 'string':
      return operand.value;
    case 'number':
    case 'bare':
      return operand.text;
    case 'boolean':
      return String(operand.value);
    case 'null':
      return '';
  }
}

function operandValue(operand: FilterValue): unknown {
  return operand.type === 'number' || operand.type === 'boolean' || operand.type === 'string'
    ? operand.value
    : operandText(operand);
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : undefined;
}
