/**
 * A resolved query over one resource type, as the gateway sends it to membership.
 *
 * libs/scim parses a SCIM filter (RFC 7644 §3.4.2.2) and resolves every attribute name against the
 * schema, so what crosses the bus has canonical attribute names and the type facts membership needs
 * to compile it to SQL (through its own allowlist). Membership never sees SCIM filter text.
 */
export type QueryValueType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * A canonical attribute reference: `schema` is the full URN of the schema that defines the attribute
 * (core or extension), `name` its canonical spelling (`userName`, `name`, `emails`, `meta`),
 * `sub` the canonical sub-attribute (`familyName`, `value`, `lastModified`) where there is one.
 */
export interface AttributeRef {
  schema: string;
  name: string;
  sub?: string;
  type: QueryValueType;
  caseExact: boolean;
  multiValued: boolean;
}

export type QueryExpr =
  | { kind: 'and'; left: QueryExpr; right: QueryExpr }
  | { kind: 'or'; left: QueryExpr; right: QueryExpr }
  | { kind: 'not'; expr: QueryExpr }
  | { kind: 'present'; attr: AttributeRef }
  | { kind: 'compare'; attr: AttributeRef; op: CompareOperator; value: string | number | boolean | null }
  /**
   * A filter over the elements of a multi-valued complex attribute (`emails[type eq "work"]`):
   * true when at least one element matches `filter`, whose refs have `sub` set and `name` equal to
   * this `attr.name`.
   */
  | { kind: 'valuePath'; attr: AttributeRef; filter: QueryExpr };

export interface SortSpec {
  attr: AttributeRef;
  order: 'ascending' | 'descending';
}
