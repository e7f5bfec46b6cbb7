import type { GroupChange } from '../../contracts/membership/groups';
import { ScimError } from '../errors';
import { errorAtOperation, type PatchOpName, type PatchOperation } from '../patch/patch-request';
import { type AttributePath, parseAttributePath } from '../path/attribute-path';
import { findAttribute, sameName } from '../schema/find-attribute';
import { GROUP_RESOURCE } from '../schema/resource-schemas';
import { GROUP_SCHEMA } from '../schema/urns';
import { invalidValue, isPlainObject, isUnassigned } from '../user/attribute-values';
import { readMemberValues } from './group-member-values';
import { displayNameOf, externalIdOf } from './group-write.mapper';
import { memberIdsSelectedBy } from './member-filter';
import { MemberSetChange } from './member-set-change';

/** A PATCH of a group as one set-based change, and what it skipped or ignored (for the log). */
export interface GroupPatchMapping {
  change: GroupChange;
  /** Member values to add that cannot be a user id: skipped, reported as a warning (SPEC §5). */
  skippedMemberValues: string[];
  /** Unknown attributes and schemas that were dropped. */
  ignored: string[];
}

interface Fold {
  displayName?: string;
  externalId?: string | null;
  readonly members: MemberSetChange;
  readonly skipped: Set<string>;
  readonly ignored: string[];
}

/**
 * RFC 7644 §3.5.2, SPEC §5: folds the operations of a Group PATCH, in order, into one GroupChange —
 * membership then applies it as set operations in one transaction, without reading the member list.
 * Every IdP form is accepted: ops in any case; `members` with a value list (add; remove exactly those,
 * as Entra does; replace all); `remove` of `members` without a value (clears); `members[value eq
 * "id"]` quoted, unquoted or spaced; path-less add/replace of an object with displayName, externalId,
 * members or fully qualified names (`urn:...:Group:displayName`), where the group's own `id`, `meta`
 * and `schemas` are ignored (Okta echoes its id). Any invalid operation throws a 400 naming it
 * (`Operations[1]: ...`) before anything is returned, so a PATCH is all or nothing.
 */
export function groupPatchToChange(
  operations: readonly PatchOperation[],
  groupId: string,
): GroupPatchMapping {
  const fold: Fold = { members: new MemberSetChange(), skipped: new Set(), ignored: [] };
  for (const operation of operations) {
    try {
      applyOperation(fold, operation, groupId);
    } catch (error) {
      throw errorAtOperation(error, operation.index);
    }
  }
  const change: GroupChange = {
    ...(fold.displayName === undefined ? {} : { displayName: fold.displayName }),
    ...(fold.externalId === undefined ? {} : { externalId: fold.externalId }),
    ...fold.members.toChange(),
  };
  return { change, skippedMemberValues: [...fold.skipped], ignored: [...new Set(fold.ignored)] };
}

function applyOperation(fold: Fold, operation: PatchOperation, groupId: string): void {
  if (operation.path) {
    applyPath(fold, operation.op, operation.path, operation.pathText ?? '', operation.value, true);
    return;
  }
  if (!isPlainObject(operation.value)) {
    throw ScimError.badRequest(
      'invalidValue',
      `An ${operation.op} without a 'path' needs a 'value' object of attributes.`,
    );
  }
  for (const [key, value] of Object.entries(operation.value)) {
    if (sameName(key, 'schemas') || sameName(key, 'meta')) continue;
    if (sameName(key, 'id')) {
      if (isUnassigned(value) || (typeof value === 'string' && sameName(value, groupId))) continue;
      throw ScimError.badRequest('mutability', "Attribute 'id' is read-only and cannot be changed.");
    }
    let path: AttributePath;
    try {
      path = parseAttributePath(key);
    } catch (error) {
      if (key.includes('[')) throw error; // a value path with a broken filter is a client error
      fold.ignored.push(key);
      continue;
    }
    applyPath(fold, operation.op, path, key, value, false);
  }
}

/** One attribute of one operation; `explicit` when named in `path` (strict) rather than a value key. */
function applyPath(
  fold: Fold,
  op: PatchOpName,
  path: AttributePath,
  pathText: string,
  value: unknown,
  explicit: boolean,
): void {
  if (path.schema !== undefined && !sameName(path.schema, GROUP_SCHEMA)) {
    fold.ignored.push(pathText); // SPEC §4: attributes of unknown schemas are ignored
    return;
  }
  const found = findAttribute(GROUP_RESOURCE, { schema: GROUP_SCHEMA, attribute: path.attribute });
  if (!found) {
    if (!explicit) return void fold.ignored.push(pathText);
    throw ScimError.badRequest('invalidPath', `Attribute '${pathText}' is not an attribute of a Group.`);
  }
  const name = found.attribute.name;
  if (name === 'members') return applyMembers(fold, op, path, pathText, value);
  if (path.valueFilter || path.subAttribute !== undefined) {
    throw ScimError.badRequest(
      'invalidPath',
      `Attribute '${name}' has no sub-attributes or values to select.`,
    );
  }
  switch (name) {
    case 'displayName':
      if (op === 'remove') throw invalidValue('displayName', 'is required and cannot be removed');
      fold.displayName = displayNameOf(value);
      return;
    case 'externalId':
      fold.externalId = op === 'remove' ? null : externalIdOf(value);
      return;
    default:
      // id and meta (RFC 7643 §3.1): echoed in a path-less value they change nothing.
      if (explicit)
        throw ScimError.badRequest('mutability', `Attribute '${name}' is read-only and cannot be changed.`);
  }
}

// RFC 7644 §3.5.2.1–3: add merges, replace sets, remove without a value clears and with a value
// (Entra) or a filter takes out exactly those members.
function applyMembers(
  fold: Fold,
  op: PatchOpName,
  path: AttributePath,
  pathText: string,
  value: unknown,
): void {
  if (path.subAttribute !== undefined) {
    throw ScimError.badRequest(
      'mutability',
      `'${pathText}': the sub-attributes of members are immutable; add or remove the member instead.`,
    );
  }
  const given = () => {
    const values = readMemberValues(value);
    for (const skipped of values.notIds) fold.skipped.add(skipped);
    return values.ids;
  };
  if (path.valueFilter) {
    const selected = memberIdsSelectedBy(path.valueFilter, pathText);
    if (op !== 'add') fold.members.remove(selected);
    if (op !== 'remove' && !isUnassigned(value)) fold.members.add(given());
    return;
  }
  if (op === 'add') fold.members.add(given());
  else if (op === 'replace') fold.members.replace(isUnassigned(value) ? [] : given());
  else if (isUnassigned(value)) fold.members.replace([]);
  else fold.members.remove(readMemberValues(value).ids);
}
