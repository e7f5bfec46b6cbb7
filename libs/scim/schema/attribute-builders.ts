import type { AttributeDefinition, AttributeType } from './schema-definition';

type Characteristics = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description' | 'subAttributes'>>;

// The RFC 7643 §2.2 defaults for an attribute whose definition leaves a characteristic out.
const DEFAULTS = {
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const;

/** A singular or multi-valued simple attribute (RFC 7643 §2.3), with the §2.2 defaults. */
export function simpleAttribute(
  name: string,
  type: Exclude<AttributeType, 'complex'>,
  description: string,
  characteristics: Characteristics = {},
): AttributeDefinition {
  return { name, type, description, ...DEFAULTS, ...characteristics };
}

/** A complex attribute (RFC 7643 §2.3.8) with its sub-attributes. */
export function complexAttribute(
  name: string,
  description: string,
  subAttributes: readonly AttributeDefinition[],
  characteristics: Characteristics = {},
): AttributeDefinition {
  return { name, type: 'complex', description, ...DEFAULTS, ...characteristics, subAttributes };
}

/**
 * The sub-attributes every multi-valued attribute of RFC 7643 §2.4 has: the given `value`, then
 * display, type (with the attribute's canonical values) and primary.
 */
export function multiValuedSubAttributes(
  value: AttributeDefinition,
  canonicalTypes: readonly string[],
): AttributeDefinition[] {
  return [
    value,
    simpleAttribute('display', 'string', 'A human-readable name, primarily used for display purposes.'),
    simpleAttribute('type', 'string', "A label indicating the attribute's function.", {
      ...(canonicalTypes.length > 0 ? { canonicalValues: canonicalTypes } : {}),
    }),
    simpleAttribute(
      'primary',
      'boolean',
      "A Boolean value indicating the 'primary' or preferred attribute value.",
    ),
  ];
}
