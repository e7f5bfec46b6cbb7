import { DomainError } from '../../domain/domain-error';
import type { AttributeRef } from '@roster/contracts';

/**
 * The allowlist between the attributes a query names and the SQL that reads them. Typed columns for
 * what membership indexes or derives; every other attribute is read from `attributes` (the jsonb of
 * the resource as the IdP sent it) by a path whose keys are validated here and bound as parameters.
 */

/** The core User schema: its attributes (and the common id, externalId, meta) sit at the top level. */
export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** How a typed column compares. */
export type ColumnKind =
  /** text; case-insensitive through lower() unless the attribute is caseExact */
  | 'text'
  /** text holding the canonical userName: the operand is canonicalised in TypeScript, the same way */
  | 'canonical-user-name'
  | 'timestamp'
  /** a boolean SQL expression */
  | 'flag';

export interface TypedColumn {
  kind: ColumnKind;
  sql: string;
  /** Never NULL: comparisons on it need no NULL handling and stay index-friendly. */
  notNull: boolean;
}

const TYPED_COLUMNS: Readonly<Record<string, TypedColumn>> = Object.freeze({
  id: { kind: 'text', sql: 'm.id::text', notNull: true },
  userName: { kind: 'canonical-user-name', sql: 'm.user_name_canonical', notNull: true },
  externalId: { kind: 'text', sql: 'm.external_id', notNull: false },
  // SPEC §4: active is reported true for Invited, Accepted and Confirmed members.
  active: { kind: 'flag', sql: `(m.status <> 'revoked')`, notNull: true },
  displayName: { kind: 'text', sql: 'm.display_name', notNull: false },
  'name.givenName': { kind: 'text', sql: 'm.given_name', notNull: false },
  'name.familyName': { kind: 'text', sql: 'm.family_name', notNull: false },
  'meta.created': { kind: 'timestamp', sql: 'm.created_at', notNull: true },
  'meta.lastModified': { kind: 'timestamp', sql: 'm.updated_at', notNull: true },
  // Every member is a User; a literal, not client text.
  'meta.resourceType': { kind: 'text', sql: `'User'`, notNull: true },
});

/** A typed column for a core attribute, or undefined when the attribute lives in `attributes`. */
export function typedColumn(ref: AttributeRef): TypedColumn | undefined {
  if (ref.schema !== CORE_USER_SCHEMA) return undefined;
  return TYPED_COLUMNS[ref.sub === undefined ? ref.name : `${ref.name}.${ref.sub}`];
}

// Attributes that are not stored at all, or are derived and have no typed column.
const NOT_QUERYABLE = new Set(['password', 'meta', 'schemas']);

const ATTRIBUTE_NAME = /^[A-Za-z0-9$_]+$/;
// RFC 8141 shape, narrowed to the characters schema URNs use: `urn:<nid>:<segments>`.
const SCHEMA_URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}(:[A-Za-z0-9._-]+)+$/;

const VALUE_TYPES = new Set([
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'reference',
  'binary',
  'complex',
]);

/**
 * Refuses a reference that could not name a schema attribute before any of it reaches SQL. The query
 * crossed the bus as plain JSON, so its shape is checked here too, not only its names.
 */
export function checkAttributeRef(ref: AttributeRef): void {
  const wellFormed =
    typeof ref === 'object' &&
    ref !== null &&
    typeof ref.schema === 'string' &&
    typeof ref.name === 'string' &&
    (ref.sub === undefined || typeof ref.sub === 'string') &&
    VALUE_TYPES.has(ref.type) &&
    typeof ref.caseExact === 'boolean' &&
    typeof ref.multiValued === 'boolean';
  if (!wellFormed) throw DomainError.invalid('filter', 'Malformed attribute reference in the query.');
  const written = describeRef(ref);
  if (!SCHEMA_URN.test(ref.schema) || ref.schema.length > 200) {
    throw DomainError.invalid('filter', `Unsupported schema in attribute '${written}'.`);
  }
  if (!ATTRIBUTE_NAME.test(ref.name) || (ref.sub !== undefined && !ATTRIBUTE_NAME.test(ref.sub))) {
    throw DomainError.invalid('filter', `Unsupported attribute name '${written}'.`);
  }
  if (ref.schema === CORE_USER_SCHEMA && NOT_QUERYABLE.has(ref.name) && typedColumn(ref) === undefined) {
    throw DomainError.invalid('filter', `Attribute '${written}' cannot be used to filter or sort users.`);
  }
}

/** The attribute as a client would write it, for error messages. */
export function describeRef(ref: AttributeRef): string {
  const path = ref.sub === undefined ? ref.name : `${ref.name}.${ref.sub}`;
  return ref.schema === CORE_USER_SCHEMA ? path : `${ref.schema}:${path}`;
}
