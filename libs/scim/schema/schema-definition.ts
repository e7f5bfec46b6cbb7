/** Attribute data types of RFC 7643 §2.3. */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';

/** RFC 7643 §7 `mutability`. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** RFC 7643 §7 `returned`. */
export type Returned = 'always' | 'never' | 'default' | 'request';

/** RFC 7643 §7 `uniqueness`. */
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute definition with the characteristics of RFC 7643 §7, kept as plain data. */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

/** A schema (RFC 7643 §7): its URN, name and attributes. */
export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

/** A schema extension of a resource type (RFC 7643 §6 `schemaExtensions`). */
export interface SchemaExtension {
  readonly definition: SchemaDefinition;
  readonly required: boolean;
}

/**
 * A resource type (RFC 7643 §6) with the schemas that describe it. Attributes of `extensions` live
 * under their schema URN key in a resource object; core and common attributes live at the top level.
 */
export interface ResourceSchema {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly coreSchema: SchemaDefinition;
  readonly extensions: readonly SchemaExtension[];
  /** `id`, `externalId` and `meta` (RFC 7643 §3.1), part of every resource but of no schema document. */
  readonly commonAttributes: readonly AttributeDefinition[];
}
