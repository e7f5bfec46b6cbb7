import { ScimError } from '../errors';
import type { FilterNode, FilterValue } from '../filter/filter-ast';
import { matchesValueFilter } from '../patch/value-filter';
import { sameName } from '../schema/find-attribute';
import { USER_RESOURCE } from '../schema/resource-schemas';
import { isUserId, MEMBERS_ATTRIBUTE } from './group-member-values';

// A value no member has: where the filter holds for it, it holds for members the request never named.
const UNNAMED_MEMBER = '\u{10FFFF}unnamed';

/**
 * RFC 7644 §3.5.2.2: the members a value filter in a PATCH path selects (`members[value eq "id"]`,
 * also `or`-ed ids, and `type eq "User"` alongside), as lower-cased user ids — so that removing them
 * is one set operation, without reading the group's members. A filter that could select members it
 * does not name (`value ne "x"`, `display eq "x"`, `value sw "a"`) is 400 invalidFilter: Roster
 * changes members by id only. Values that cannot be a user id select nobody.
 */
export function memberIdsSelectedBy(filter: FilterNode, pathText: string): string[] {
  const candidates = new Set<string>();
  collectNamedValues(filter, candidates, pathText);
  // Every member is a User (groups hold no groups), so `type` is known and only `value` varies.
  const element = (value: string) => ({ value, type: USER_RESOURCE.name });
  if (matchesValueFilter(filter, element(UNNAMED_MEMBER), MEMBERS_ATTRIBUTE)) {
    throw unsupported(pathText);
  }
  return [...candidates]
    .filter((value) => matchesValueFilter(filter, element(value), MEMBERS_ATTRIBUTE))
    .filter(isUserId)
    .map((value) => value.toLowerCase());
}

function collectNamedValues(node: FilterNode, values: Set<string>, pathText: string): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      collectNamedValues(node.left, values, pathText);
      collectNamedValues(node.right, values, pathText);
      return;
    case 'not':
      collectNamedValues(node.filter, values, pathText);
      return;
    case 'compare':
      if (isSubAttribute(node.attribute, 'type')) return;
      if (isSubAttribute(node.attribute, 'value') && node.op === 'eq' && node.value.type !== 'null') {
        values.add(literalText(node.value).trim());
        return;
      }
      throw unsupported(pathText);
    case 'present':
      if (isSubAttribute(node.attribute, 'type') || isSubAttribute(node.attribute, 'value')) return;
      throw unsupported(pathText);
    case 'valuePath':
      throw unsupported(pathText);
  }
}

// `value` inside `members[...]`, or `members.value` written in full.
function isSubAttribute(path: { schema?: string; attribute: string; subAttribute?: string }, name: string) {
  if (path.schema !== undefined) return false;
  if (path.subAttribute === undefined) return sameName(path.attribute, name);
  return sameName(path.attribute, MEMBERS_ATTRIBUTE.name) && sameName(path.subAttribute, name);
}

function literalText(value: Exclude<FilterValue, { type: 'null' }>): string {
  switch (value.type) {
    case 'string':
      return value.value;
    case 'boolean':
      return String(value.value);
    default:
      return value.text;
  }
}

function unsupported(pathText: string): ScimError {
  return ScimError.badRequest(
    'invalidFilter',
    `The filter of '${pathText.length > 100 ? `${pathText.slice(0, 100)}...` : pathText}' must select ` +
      `members by id, as in members[value eq "<user id>"]; Roster adds and removes group members by id only.`,
  );
}
