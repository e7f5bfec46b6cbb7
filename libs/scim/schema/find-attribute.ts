import type { AttributeDefinition, ResourceSchema, SchemaDefinition } from './schema-definition';

/** An attribute reference as a client may write it; names in any case (RFC 7643 §2.1). */
export interface AttributeLookup {
  /** A schema URN; when absent, `attribute` may itself carry one (`urn:...:User:department`). */
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

/** The canonical definition of a looked-up attribute and the schema that defines it. */
export interface FoundAttribute {
  /** The canonical URN of the defining schema; the resource type's core schema for id, externalId, meta. */
  readonly schema: string;
  /** True when the attribute lives under its schema URN key in a resource object (an extension). */
  readonly extension: boolean;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
}

interface SchemaScope {
  readonly definition: SchemaDefinition;
  readonly extension: boolean;
  readonly attributes: readonly AttributeDefinition[];
}

/** Whether two attribute names or schema URNs are the same; both are case-insensitive (RFC 7643 §2.1). */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Splits a fully qualified attribute name (RFC 7644 §3.10, `urn:...:User:manager.value`) into the
 * schema URN and the rest; the attribute name is what follows the last colon, as attribute names
 * contain none. Text without a `urn:` prefix is returned as the name alone.
 */
export function splitAttributeUrn(text: string): { schema?: string; name: string } {
  if (!/^urn:/i.test(text)) return { name: text };
  const colon = text.lastIndexOf(':');
  return { schema: text.slice(0, colon), name: text.slice(colon + 1) };
}

/** The extension schema of `resource` with this URN (any case), if the resource type has one (RFC 7643 §6). */
export function findExtension(resource: ResourceSchema, urn: string): SchemaDefinition | undefined {
  return resource.extensions.find((extension) => sameName(extension.definition.id, urn))?.definition;
}

/**
 * Finds the canonical definition of an attribute of a resource type (RFC 7643 §2.1, RFC 7644 §3.10):
 * names match in any case; a core or extension URN prefix selects the schema; without one, core and
 * common attributes are searched first, then extensions. Undefined when nothing matches.
 */
export function findAttribute(resource: ResourceSchema, lookup: AttributeLookup): FoundAttribute | undefined {
  const split = lookup.schema === undefined ? splitAttributeUrn(lookup.attribute) : undefined;
  const schema = lookup.schema ?? split?.schema;
  const attributeName = split?.name ?? lookup.attribute;
  for (const scope of scopesOf(resource, schema)) {
    const attribute = scope.attributes.find((candidate) => sameName(candidate.name, attributeName));
    if (!attribute) continue;
    const found = { schema: scope.definition.id, extension: scope.extension, attribute };
    if (lookup.subAttribute === undefined) return found;
    const subAttribute = attribute.subAttributes?.find((candidate) =>
      sameName(candidate.name, lookup.subAttribute!),
    );
    return subAttribute ? { ...found, subAttribute } : undefined;
  }
  return undefined;
}

function scopesOf(resource: ResourceSchema, schema: string | undefined): SchemaScope[] {
  const core: SchemaScope = {
    definition: resource.coreSchema,
    extension: false,
    attributes: [...resource.coreSchema.attributes, ...resource.commonAttributes],
  };
  const extensions = resource.extensions.map(({ definition }): SchemaScope => ({
    definition,
    extension: true,
    attributes: definition.attributes,
  }));
  if (schema === undefined) return [core, ...extensions];
  return [core, ...extensions].filter((scope) => sameName(scope.definition.id, schema));
}
