import type { CompareOperator } from '../../contracts/query/query-expr';

export type { CompareOperator };

/** The comparison operators of RFC 7644 §3.4.2.2, table 3 (`pr` is a node of its own). */
export const COMPARE_OPERATORS: readonly CompareOperator[] = [
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
];

/** `attrPath = [URI ":"] ATTRNAME *1subAttr` of RFC 7644 §3.4.2.2, names as the client wrote them. */
export interface AttrPath {
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

/**
 * `compValue` of RFC 7644 §3.4.2.2: a JSON string, number, true, false or null. `bare` is an
 * unquoted value that is none of those (`title eq Employee`), which sloppy clients send; numbers keep
 * their text so that `externalId eq 00123`-like values can still be read as strings.
 */
export type FilterValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number; readonly text: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 'bare'; readonly text: string };

/**
 * The syntax tree of a SCIM filter (RFC 7644 §3.4.2.2). Inside a `valuePath`, attribute names are
 * relative to the value path's attribute (`type` in `emails[type eq "work"]`).
 */
export type FilterNode =
  | { readonly kind: 'and'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly filter: FilterNode }
  | { readonly kind: 'present'; readonly attribute: AttrPath }
  | {
      readonly kind: 'compare';
      readonly attribute: AttrPath;
      readonly op: CompareOperator;
      readonly value: FilterValue;
    }
  | { readonly kind: 'valuePath'; readonly attribute: AttrPath; readonly filter: FilterNode };

/** Writes an attribute path in the RFC 7644 §3.10 notation `[URN:]name[.sub]`, as written by the client. */
export function formatAttrPath(path: AttrPath): string {
  const name = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.schema === undefined ? name : `${path.schema}:${name}`;
}
