import { ScimError } from '../errors';
import { type AttributePath, parseAttributePath } from '../path/attribute-path';
import { sameName } from '../schema/find-attribute';
import { USER_RESOURCE } from '../schema/resource-schemas';
import { USER_SCHEMA } from '../schema/urns';
import {
  findSubAttribute,
  type IgnoredNames,
  invalidValue,
  isPlainObject,
  isUnassigned,
} from '../user/attribute-values';
import { attributeLabel, knownUserSchema, resolveUserAttribute } from '../user/user-attributes';
import { applyAttributeChange } from './attribute-operations';
import { errorAtOperation, type PatchOpName, type PatchOperation } from './patch-request';

/**
 * RFC 7644 §3.5.2: applies PATCH operations to a SCIM User resource (as `userRecordToResource` makes
 * it) and returns the new resource; the input is never changed, and any invalid operation throws
 * before anything is returned (atomic). `onIgnored` hears the names of unknown attributes and schemas
 * that were skipped, for the provisioning log.
 *
 * Decisions, where RFC 7644 and the IdPs part ways (SPEC §4, §6):
 * - Path-less values may use attribute names, dotted paths (`name.givenName`, Entra), value paths,
 *   extension URNs as keys (`urn:...:enterprise:2.0:User`) or fully qualified names
 *   (`urn:...:enterprise:2.0:User:department`). Unknown ones there are skipped and reported; an
 *   explicit `path` to an unknown attribute of a known schema is 400 invalidPath (RFC 7644 §3.12);
 *   one of an unknown schema is skipped (SPEC §4: unknown schemas are ignored).
 * - add/replace on `emails[type eq "work"].value` when no email is of type work creates
 *   `{type: "work", value}` instead of RFC 7644 §3.5.2.3's noTarget: Entra sends exactly that for
 *   users without a work email. noTarget remains when the filter describes no element to create.
 * - remove with a filter that matches nothing succeeds and changes nothing: IdPs re-send removals,
 *   and the state they ask for already holds.
 * - `password` is discarded; `id`, `meta` and `schemas` echoed in a path-less value are ignored, but
 *   a different `id`, and any explicit path to `id`, `meta` or `groups`, is 400 mutability.
 */
export function applyUserPatch(
  resource: Record<string, unknown>,
  operations: readonly PatchOperation[],
  onIgnored?: (name: string) => void,
): Record<string, unknown> {
  const patched = structuredClone(resource);
  const ignored: IgnoredNames = [];
  for (const operation of operations) {
    try {
      applyOperation(patched, operation, ignored);
    } catch (error) {
      throw errorAtOperation(error, operation.index);
    }
  }
  listPresentSchemas(patched);
  if (onIgnored) for (const name of new Set(ignored)) onIgnored(name);
  return patched;
}

function applyOperation(
  resource: Record<string, unknown>,
  operation: PatchOperation,
  ignored: IgnoredNames,
): void {
  if (operation.path) {
    applyPath(resource, operation.op, operation.path, operation.value, { explicit: true, ignored });
    return;
  }
  if (!isPlainObject(operation.value)) {
    throw ScimError.badRequest(
      'invalidValue',
      `An ${operation.op} without a 'path' needs a 'value' object of attributes.`,
    );
  }
  applyPathless(resource, operation.op, operation.value, undefined, ignored);
}

interface PathContext {
  /** The client named the attribute in `path` (strict) rather than as a key of a path-less value (lenient). */
  readonly explicit: boolean;
  readonly ignored: IgnoredNames;
}

// RFC 7644 §3.5.2.1/§3.5.2.3 without a path: each key of `value` is an attribute to add or replace.
function applyPathless(
  resource: Record<string, unknown>,
  op: PatchOpName,
  value: Record<string, unknown>,
  schema: string | undefined,
  ignored: IgnoredNames,
): void {
  for (const [key, attributeValue] of Object.entries(value)) {
    if (schema === undefined && skipsEcho(resource, key, attributeValue)) continue;
    let path: AttributePath;
    try {
      path = parseAttributePath(key);
    } catch (error) {
      if (key.includes('[')) throw error; // a value path with a broken filter is a client error
      ignored.push(key);
      continue;
    }
    const scoped = schema !== undefined && path.schema === undefined ? { ...path, schema } : path;
    applyPath(resource, op, scoped, attributeValue, { explicit: false, ignored });
  }
}

// Read-only members a client echoes back from a GET (RFC 7644 §3.5.2: harmless when unchanged).
function skipsEcho(resource: Record<string, unknown>, key: string, value: unknown): boolean {
  if (sameName(key, 'schemas') || sameName(key, 'meta')) return true;
  if (sameName(key, 'id')) {
    if (isUnassigned(value) || value === resource.id) return true;
    throw ScimError.badRequest('mutability', "Attribute 'id' is read-only and cannot be changed.");
  }
  if (sameName(key, 'groups')) {
    if (isUnassigned(value) || sameGroups(resource.groups, value)) return true;
    throw ScimError.badRequest(
      'mutability',
      "Attribute 'groups' is read-only: change group membership through /Groups.",
    );
  }
  return false;
}

function applyPath(
  resource: Record<string, unknown>,
  op: PatchOpName,
  path: AttributePath,
  value: unknown,
  context: PathContext,
): void {
  const label = pathLabel(path);
  const wholeSchema =
    path.schema !== undefined && !path.subAttribute && !path.valueFilter
      ? knownUserSchema(`${path.schema}:${path.attribute}`)
      : undefined;
  if (wholeSchema !== undefined) {
    applyWholeSchema(resource, op, wholeSchema, value, context.ignored);
    return;
  }
  const resolved = resolveUserAttribute(path.schema, path.attribute);
  if (!resolved) {
    const unknownSchema = path.schema !== undefined && knownUserSchema(path.schema) === undefined;
    if (unknownSchema || !context.explicit) return void context.ignored.push(label);
    throw ScimError.badRequest('invalidPath', `Attribute '${label}' is not an attribute of a User.`);
  }
  const { definition } = resolved;
  const name = attributeLabel(resolved);
  if (definition.mutability === 'writeOnly') return; // password: accepted and discarded (SPEC §4)
  if (definition.mutability === 'readOnly') return refuseReadOnly(name, context);
  const subAttribute =
    path.subAttribute === undefined ? undefined : findSubAttribute(definition, path.subAttribute);
  if (path.subAttribute !== undefined) {
    if (!subAttribute) {
      if (!context.explicit) return void context.ignored.push(label);
      throw ScimError.badRequest(
        'invalidPath',
        `Attribute '${name}' has no sub-attribute '${path.subAttribute}'.`,
      );
    }
    if (subAttribute.mutability === 'readOnly')
      return refuseReadOnly(`${name}.${subAttribute.name}`, context);
  }
  if (path.valueFilter && !definition.multiValued) {
    throw ScimError.badRequest(
      'invalidPath',
      `Attribute '${name}' is single-valued; a value filter selects values of a multi-valued attribute.`,
    );
  }

  const container = resolved.extension === undefined ? resource : containerFor(resource, resolved.extension);
  adoptCanonicalKey(container, definition.name);
  applyAttributeChange({
    op,
    container,
    definition,
    ...(subAttribute ? { subAttribute } : {}),
    ...(path.valueFilter ? { valueFilter: path.valueFilter } : {}),
    value,
    label: name,
    ignored: context.ignored,
  });
  if (resolved.extension !== undefined && Object.keys(container).length === 0)
    delete resource[resolved.extension];
  if (definition.required && !hasValue(container[definition.name])) {
    throw invalidValue(name, 'is required and cannot be removed or emptied');
  }
}

// `"urn:...:enterprise:2.0:User": {...}` as a path or a key: each member is an attribute of that schema.
function applyWholeSchema(
  resource: Record<string, unknown>,
  op: PatchOpName,
  schema: string,
  value: unknown,
  ignored: IgnoredNames,
): void {
  const extension = schema === USER_SCHEMA ? undefined : schema;
  if (op === 'remove' || (op === 'replace' && isUnassigned(value))) {
    if (extension === undefined)
      throw ScimError.badRequest('invalidPath', 'The core User schema cannot be removed.');
    adoptCanonicalKey(resource, extension);
    delete resource[extension];
    return;
  }
  if (isUnassigned(value)) return;
  if (!isPlainObject(value))
    throw ScimError.badRequest('invalidValue', `'${schema}' needs an object of that schema's attributes.`);
  applyPathless(resource, op, value, schema, ignored);
}

function refuseReadOnly(name: string, context: PathContext): void {
  if (!context.explicit) return; // a read-only member echoed inside a value changes nothing
  throw ScimError.badRequest('mutability', `Attribute '${name}' is read-only and cannot be changed.`);
}

function containerFor(resource: Record<string, unknown>, extension: string): Record<string, unknown> {
  adoptCanonicalKey(resource, extension);
  const existing = resource[extension];
  if (isPlainObject(existing)) return existing;
  const created: Record<string, unknown> = {};
  resource[extension] = created;
  return created;
}

// A resource written by another client may spell a key in another case; keep one canonical key.
function adoptCanonicalKey(container: Record<string, unknown>, name: string): void {
  for (const key of Object.keys(container)) {
    if (key !== name && sameName(key, name)) {
      if (!(name in container)) container[name] = container[key];
      delete container[key];
    }
  }
}

// How a path is named in details and logs, without its filter: `[URN:]name[.sub]` (RFC 7644 §3.10).
function pathLabel(path: AttributePath): string {
  const name = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.schema === undefined ? name : `${path.schema}:${name}`;
}

function hasValue(value: unknown): boolean {
  return !isUnassigned(value) && !(typeof value === 'string' && value.trim() === '');
}

function sameGroups(current: unknown, sent: unknown): boolean {
  const ids = (groups: unknown): string[] =>
    (Array.isArray(groups) ? groups : [groups])
      .map((group) => (isPlainObject(group) ? String(group.value) : String(group)))
      .sort();
  const [a, b] = [ids(current), ids(sent)];
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

// `schemas` lists the core schema and the extensions the resource has data for (RFC 7643 §3).
function listPresentSchemas(resource: Record<string, unknown>): void {
  if (!Array.isArray(resource.schemas)) return;
  const extensions = USER_RESOURCE.extensions
    .map((extension) => extension.definition.id)
    .filter((urn) => isPlainObject(resource[urn]) && Object.keys(resource[urn] as object).length > 0);
  resource.schemas = [USER_SCHEMA, ...extensions];
}
