import { invalidValue, isPlainObject, normaliseAttributeValue } from '../user/attribute-values';
import type { AttributeDefinition } from '../schema/schema-definition';
import { GROUP_SCHEMA_DEFINITION } from '../schema/group-schema';

/** The `members` attribute of the core Group schema (RFC 7643 §4.2). */
export const MEMBERS_ATTRIBUTE: AttributeDefinition = GROUP_SCHEMA_DEFINITION.attributes.find(
  (attribute) => attribute.name === 'members',
)!;

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The member values of a request: user ids (lower-cased UUIDs) and values that cannot be one. */
export interface MemberValues {
  ids: string[];
  /** Values that are no user id Roster could have issued: skipped, reported to the provisioning log. */
  notIds: string[];
}

/**
 * RFC 7643 §4.2: reads a `members` value — a list of `{ "value": id, ... }`, a lone element, or a
 * bare id (the Microsoft test collection sends `"value": "string id 1"`) — as member ids, each once.
 * `display`, `$ref` and `type` are the server's to fill and are not read. An element without
 * `value` is 400 invalidValue: it names no member.
 */
export function readMemberValues(value: unknown, label = 'members'): MemberValues {
  const ignored: string[] = [];
  const elements = (normaliseAttributeValue(MEMBERS_ATTRIBUTE, value, label, ignored) as unknown[]) ?? [];
  const ids = new Set<string>();
  const notIds = new Set<string>();
  for (const element of elements) {
    const memberValue = isPlainObject(element) ? element.value : undefined;
    if (typeof memberValue !== 'string' || memberValue.trim() === '') {
      throw invalidValue(`${label}.value`, 'is required in every member: it is the id of the user');
    }
    const text = memberValue.trim();
    if (USER_ID.test(text)) ids.add(text.toLowerCase());
    else notIds.add(text);
  }
  return { ids: [...ids], notIds: [...notIds] };
}

/** Whether `text` could be a user id Roster issued (a UUID, any case). */
export function isUserId(text: string): boolean {
  return USER_ID.test(text);
}
