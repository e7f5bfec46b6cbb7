import type { Projection } from '../list/projection';
import { parseAttributePath } from '../path/attribute-path';
import { findAttribute } from '../schema/find-attribute';
import { GROUP_RESOURCE } from '../schema/resource-schemas';

/**
 * RFC 7644 §3.4.2.5, §3.9: whether a response with this projection shows `members` — so that the
 * server loads members only when they will be returned (Entra lists groups with
 * `excludedAttributes=members`, and a big group's members are its whole cost).
 */
export function projectionIncludesMembers(projection: Projection): boolean {
  const namesMembers = (entry: string, whole: boolean): boolean => {
    try {
      const found = findAttribute(GROUP_RESOURCE, parseAttributePath(entry));
      return found?.attribute.name === 'members' && (!whole || found.subAttribute === undefined);
    } catch {
      return false;
    }
  };
  if (projection.attributes && projection.attributes.length > 0) {
    return projection.attributes.some((entry) => namesMembers(entry, false));
  }
  return !(projection.excludedAttributes ?? []).some((entry) => namesMembers(entry, true));
}
