import { coerceScimBoolean, describeValue } from '../booleans';
import { ScimError } from '../errors';
import { sameName } from '../schema/find-attribute';
import type { AttributeDefinition } from '../schema/schema-definition';

/**
 * Checking one client-sent attribute value against its definition (RFC 7643 §2.3–2.5) and keeping it
 * as sent, under the canonical sub-attribute names. `label` names the attribute in error details and
 * in `ignored` (`emails`, `name.givenName`, `urn:...:enterprise:2.0:User:manager.value`).
 * `undefined` means unassigned: RFC 7643 §2.5 treats null, `[]` and `{}` as no value.
 */

/** Where names of dropped unknown (sub-)attributes are collected, for the provisioning log. */
export type IgnoredNames = string[];

/** RFC 7643 §2.5: whether a client value means "no value". */
export function isUnassigned(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** A JSON object (RFC 7643 §2.3.8 complex value shape): not an array, not null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7643 §2.3–2.4: a whole attribute value (single or multi-valued); undefined when unassigned. */
export function normaliseAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  label: string,
  ignored: IgnoredNames,
): unknown {
  if (isUnassigned(value)) return undefined;
  if (!definition.multiValued) return normaliseSingleValue(definition, value, label, ignored);
  // A lone value where a list is expected loses no meaning: read it as a list of one.
  const items = Array.isArray(value) ? value : [value];
  const values = items
    .map((item) => (isUnassigned(item) ? undefined : normaliseSingleValue(definition, item, label, ignored)))
    .filter((item) => item !== undefined);
  if (values.length === 0) return undefined;
  assertSinglePrimary(values, label);
  return values;
}

/** RFC 7643 §2.3: one value of an attribute (an element, for a multi-valued one); undefined when unassigned. */
export function normaliseSingleValue(
  definition: AttributeDefinition,
  value: unknown,
  label: string,
  ignored: IgnoredNames,
): unknown {
  if (isUnassigned(value)) return undefined;
  if (definition.type !== 'complex') return normaliseSimpleValue(definition, value, label);
  // Entra sends the enterprise `manager` as the manager's id alone ("manager": "26118915"); it means
  // `{ "value": ... }`, so a bare value is read that way wherever a complex attribute has `value`.
  if ((typeof value === 'string' || typeof value === 'number') && findSubAttribute(definition, 'value')) {
    return normaliseSingleValue(definition, { value }, label, ignored);
  }
  if (!isPlainObject(value)) {
    throw invalidValue(label, `must be an object of sub-attributes, got ${describeValue(value)}`);
  }
  const result: Record<string, unknown> = {};
  for (const [key, subValue] of Object.entries(value)) {
    const subDefinition = findSubAttribute(definition, key);
    if (!subDefinition) {
      ignored.push(`${label}.${key}`);
      continue;
    }
    // Read-only sub-attributes (manager.displayName) are the server's to set (RFC 7643 §2.2).
    if (subDefinition.mutability === 'readOnly') continue;
    const normalised = normaliseSingleValue(
      subDefinition,
      subValue,
      `${label}.${subDefinition.name}`,
      ignored,
    );
    if (normalised !== undefined) result[subDefinition.name] = normalised;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** The canonical sub-attribute definition of a complex attribute, by name in any case (RFC 7643 §2.1). */
export function findSubAttribute(
  definition: AttributeDefinition,
  name: string,
): AttributeDefinition | undefined {
  return definition.subAttributes?.find((candidate) => sameName(candidate.name, name));
}

/**
 * RFC 7643 §2.3.1–2.3.7: a simple value of the attribute's type. Lenient where no meaning is lost:
 * booleans as "True"/"False", a number for a string (an employeeNumber sent as 1234), numbers in
 * strings for integer/decimal.
 */
export function normaliseSimpleValue(
  definition: AttributeDefinition,
  value: unknown,
  label: string,
): unknown {
  switch (definition.type) {
    case 'boolean':
      return coerceScimBoolean(value, label);
    case 'string':
      if (typeof value === 'string') return storableText(value, label);
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw invalidValue(label, `must be a string, got ${describeValue(value)}`);
    case 'integer':
    case 'decimal': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      const valid =
        typeof number === 'number' &&
        Number.isFinite(number) &&
        (definition.type === 'decimal' || Number.isInteger(number));
      if (valid) return number;
      throw invalidValue(
        label,
        `must be ${definition.type === 'integer' ? 'an integer' : 'a number'}, got ${describeValue(value)}`,
      );
    }
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return storableText(value, label);
      throw invalidValue(label, `must be an xsd:dateTime string, got ${describeValue(value)}`);
    case 'reference':
    case 'binary':
      if (typeof value === 'string') return storableText(value, label);
      throw invalidValue(label, `must be a string, got ${describeValue(value)}`);
    case 'complex':
      throw invalidValue(label, 'is complex and cannot hold a simple value');
  }
}

/**
 * A string value kept as sent, unless it holds U+0000: JSON allows it, but PostgreSQL can store it in
 * neither text nor jsonb, so it is refused here as the client's value rather than failing the write.
 */
function storableText(value: string, label: string): string {
  if (value.includes('\u0000')) throw invalidValue(label, 'must not contain the NUL character (U+0000)');
  return value;
}

/** RFC 7643 §2.4: the primary value "true" appears no more than once. */
function assertSinglePrimary(values: unknown[], label: string): void {
  const primaries = values.filter((item) => isPlainObject(item) && item.primary === true).length;
  if (primaries > 1) throw invalidValue(label, 'has more than one value with primary set to true');
}

/** 400 invalidValue naming the attribute (RFC 7644 §3.12). */
export function invalidValue(label: string, problem: string): ScimError {
  return ScimError.badRequest('invalidValue', `Attribute '${label}' ${problem}.`);
}
