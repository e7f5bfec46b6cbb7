import { ScimError } from '../errors';
import { findAttribute, findExtension, sameName, splitAttributeUrn } from '../schema/find-attribute';
import { USER_RESOURCE } from '../schema/resource-schemas';
import type { AttributeDefinition } from '../schema/schema-definition';
import { USER_SCHEMA } from '../schema/urns';
import { type IgnoredNames, isPlainObject, isUnassigned, normaliseAttributeValue } from './attribute-values';

/** A User attribute resolved to its canonical definition and where it lives in a resource object. */
export interface ResolvedUserAttribute {
  readonly definition: AttributeDefinition;
  /** The canonical extension URN the attribute lives under; undefined for core and common attributes. */
  readonly extension?: string;
}

/** What a client may never set on a User (RFC 7643 §3.1, §4.1): server-assigned or never stored. */
export function isServerOwned(definition: AttributeDefinition): boolean {
  return definition.mutability === 'readOnly' || definition.mutability === 'writeOnly';
}

/**
 * RFC 7643 §3.3, RFC 7644 §3.10: the User attribute a name refers to — a core or common attribute
 * (`userName`, `externalId`), or one of an extension when `schema` is its URN. Names in any case.
 * Undefined for unknown attributes and unknown schemas.
 */
export function resolveUserAttribute(
  schema: string | undefined,
  attribute: string,
): ResolvedUserAttribute | undefined {
  const found = findAttribute(USER_RESOURCE, { schema: schema ?? USER_SCHEMA, attribute });
  if (!found) return undefined;
  return found.extension
    ? { definition: found.attribute, extension: found.schema }
    : { definition: found.attribute };
}

/** RFC 7643 §3: whether a URN names the core User schema or one of its extensions (any case). */
export function knownUserSchema(urn: string): string | undefined {
  if (sameName(urn, USER_SCHEMA)) return USER_SCHEMA;
  return findExtension(USER_RESOURCE, urn)?.id;
}

/**
 * RFC 7643 §4.1, §4.3: the attributes of a User body as stored — canonical names, values checked and
 * kept as sent, extension attributes under their canonical URN key. `id`, `meta`, `groups`,
 * `password` and `schemas` are dropped; unknown attributes and schemas are dropped and named in
 * `ignored`. Accepts an extension attribute written in full (`urn:...:enterprise:2.0:User:department`).
 */
export function normaliseUserAttributes(
  body: Record<string, unknown>,
  ignored: IgnoredNames,
): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (sameName(key, 'schemas')) continue;
    const schema = /^urn:/i.test(key) ? knownUserSchema(key) : undefined;
    if (schema !== undefined) {
      collectSchemaObject(attributes, schema, value, key, ignored);
      continue;
    }
    const split = splitAttributeUrn(key);
    const schemaOfName = split.schema === undefined ? undefined : knownUserSchema(split.schema);
    if (split.schema !== undefined && schemaOfName === undefined) {
      ignored.push(key);
      continue;
    }
    collectAttribute(attributes, schemaOfName, split.name, value, key, ignored);
  }
  return attributes;
}

// `"urn:...:enterprise:2.0:User": { "department": "x" }` (RFC 7643 §3.3), or the core URN used the same way.
function collectSchemaObject(
  attributes: Record<string, unknown>,
  schema: string,
  value: unknown,
  label: string,
  ignored: IgnoredNames,
): void {
  if (isUnassigned(value)) return;
  if (!isPlainObject(value)) {
    throw ScimError.badRequest('invalidValue', `'${label}' must be an object of that schema's attributes.`);
  }
  for (const [name, attributeValue] of Object.entries(value)) {
    collectAttribute(attributes, schema, name, attributeValue, `${schema}:${name}`, ignored);
  }
}

function collectAttribute(
  attributes: Record<string, unknown>,
  schema: string | undefined,
  name: string,
  value: unknown,
  label: string,
  ignored: IgnoredNames,
): void {
  const resolved = resolveUserAttribute(schema, name);
  if (!resolved) {
    ignored.push(label);
    return;
  }
  if (isServerOwned(resolved.definition)) return;
  const container =
    resolved.extension === undefined ? attributes : extensionContainer(attributes, resolved.extension);
  const canonicalLabel = attributeLabel(resolved);
  const normalised = normaliseAttributeValue(resolved.definition, value, canonicalLabel, ignored);
  if (normalised === undefined) delete container[resolved.definition.name];
  else container[resolved.definition.name] = normalised;
  if (resolved.extension !== undefined && Object.keys(container).length === 0)
    delete attributes[resolved.extension];
}

/** RFC 7644 §3.10 fully qualified naming, as error details and logs show it: `emails`, `urn:...:User:manager`. */
export function attributeLabel(resolved: ResolvedUserAttribute): string {
  return resolved.extension === undefined
    ? resolved.definition.name
    : `${resolved.extension}:${resolved.definition.name}`;
}

function extensionContainer(attributes: Record<string, unknown>, extension: string): Record<string, unknown> {
  const existing = attributes[extension];
  if (isPlainObject(existing)) return existing;
  const created: Record<string, unknown> = {};
  attributes[extension] = created;
  return created;
}
