import type { SortSpec } from '../../contracts/query/query-expr';
import { ScimError } from '../errors';
import { parseAttributePath } from '../path/attribute-path';
import { findAttribute } from '../schema/find-attribute';
import type { ResourceSchema } from '../schema/schema-definition';
import { formatAttrPath } from './filter-ast';
import { attributeRef } from './filter-resolver';

/**
 * Resolves `sortBy` and `sortOrder` (RFC 7644 §3.4.2.3): sortBy is an attribute in the notation of
 * §3.10; a multi-valued complex attribute sorts by its `value` (membership takes the primary or first
 * one); sortOrder is ascending (the default) or descending, in any case.
 */
export function resolveSort(
  sortBy: string,
  sortOrder: string | undefined,
  resource: ResourceSchema,
): SortSpec {
  const path = parseAttributePath(sortBy);
  const written = formatAttrPath(path);
  if (path.valueFilter)
    throw ScimError.badRequest('invalidPath', `Cannot sort by a value path ('${sortBy}')`);
  let found = findAttribute(resource, path);
  if (!found) throw ScimError.badRequest('invalidPath', `Cannot sort by '${written}': no such attribute`);
  if (!found.subAttribute && found.attribute.type === 'complex') {
    const value = found.attribute.multiValued
      ? found.attribute.subAttributes?.find((sub) => sub.name === 'value')
      : undefined;
    if (!value) throw ScimError.badRequest('invalidPath', `Cannot sort by '${written}': it is complex`);
    found = { ...found, subAttribute: value };
  }
  if ((found.subAttribute ?? found.attribute).returned === 'never') {
    throw ScimError.badRequest('invalidPath', `Cannot sort by '${written}'`);
  }
  return { attr: attributeRef(found), order: sortDirection(sortOrder) };
}

function sortDirection(sortOrder: string | undefined): SortSpec['order'] {
  const order = sortOrder?.trim().toLowerCase() ?? '';
  if (order === '' || order === 'ascending') return 'ascending';
  if (order === 'descending') return 'descending';
  throw ScimError.badRequest(
    'invalidValue',
    `sortOrder must be "ascending" or "descending", not ${JSON.stringify(sortOrder)}`,
  );
}
