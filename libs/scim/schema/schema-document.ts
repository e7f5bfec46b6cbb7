import type { AttributeDefinition, SchemaDefinition } from './schema-definition';
import { SCHEMA_SCHEMA } from './urns';

/** An attribute as the /Schemas endpoint shows it (RFC 7643 §7 `attributes`). */
export interface AttributeDocument {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact?: boolean;
  canonicalValues?: string[];
  referenceTypes?: string[];
  mutability: string;
  returned: string;
  uniqueness: string;
  subAttributes?: AttributeDocument[];
}

/** A schema resource as the /Schemas endpoint shows it (RFC 7643 §7, example in §8.7.1). */
export interface SchemaDocument {
  schemas: [typeof SCHEMA_SCHEMA];
  id: string;
  name: string;
  description: string;
  attributes: AttributeDocument[];
  meta: { resourceType: 'Schema'; location?: string };
}

/**
 * Serialises a schema definition to the RFC 7643 §7 representation; `location` is the absolute URL of
 * `/Schemas/{id}` when the caller knows its base URL.
 */
export function toSchemaDocument(schema: SchemaDefinition, location?: string): SchemaDocument {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(toAttributeDocument),
    meta: location === undefined ? { resourceType: 'Schema' } : { resourceType: 'Schema', location },
  };
}

function toAttributeDocument(attribute: AttributeDefinition): AttributeDocument {
  const document: AttributeDocument = {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
  };
  // caseExact means nothing for a complex attribute; §8.7.1 leaves it out there too.
  if (attribute.type !== 'complex') document.caseExact = attribute.caseExact;
  if (attribute.canonicalValues) document.canonicalValues = [...attribute.canonicalValues];
  if (attribute.referenceTypes) document.referenceTypes = [...attribute.referenceTypes];
  if (attribute.subAttributes) document.subAttributes = attribute.subAttributes.map(toAttributeDocument);
  return document;
}
