import {
  GROUP_RESOURCE,
  MAX_RESULTS,
  RESOURCE_TYPE_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_RESOURCE,
  sameName,
  toSchemaDocument,
  type ResourceSchema,
  type SchemaDefinition,
  type SchemaDocument,
} from '@roster/scim';

/**
 * The discovery documents of RFC 7644 §4 / RFC 7643 §5–§7, built from libs/scim's schema
 * definitions so that they cannot drift from what the Users and Groups endpoints accept. Every claim
 * here is probed by test/e2e/protocol-discovery.e2e-spec.ts.
 */

/** The resource types Roster serves, User first (clients such as Okta read the first as the user type). */
export const RESOURCE_TYPES: readonly ResourceSchema[] = [USER_RESOURCE, GROUP_RESOURCE];

/** Every schema of those resource types, each once: the core schemas (User first), then the extensions. */
export const SCHEMAS: readonly SchemaDefinition[] = uniqueById([
  ...RESOURCE_TYPES.map((type) => type.coreSchema),
  ...RESOURCE_TYPES.flatMap((type) => type.extensions.map((extension) => extension.definition)),
]);

export interface ServiceProviderConfigDocument {
  schemas: [typeof SERVICE_PROVIDER_CONFIG_SCHEMA];
  patch: { supported: boolean };
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: { supported: boolean };
  sort: { supported: boolean };
  etag: { supported: boolean };
  authenticationSchemes: {
    type: string;
    name: string;
    description: string;
    specUri: string;
    primary: boolean;
  }[];
  meta: { resourceType: 'ServiceProviderConfig'; location: string };
}

export interface ResourceTypeDocument {
  schemas: [typeof RESOURCE_TYPE_SCHEMA];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions?: { schema: string; required: boolean }[];
  meta: { resourceType: 'ResourceType'; location: string };
}

/**
 * RFC 7643 §5: what Roster supports, and nothing more. `maxPayloadSize` is the gateway's body limit
 * (bigger bodies get 413) even though bulk is off: it is the only limit a client can size a request by.
 * `changePassword` is false because Roster never stores a password (SPEC §4).
 */
export function serviceProviderConfig(
  baseUrl: string,
  maxPayloadBytes: number,
): ServiceProviderConfigDocument {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: maxPayloadBytes },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        // The organization's SCIM API key, sent as an RFC 6750 bearer token: the scheme name IdPs
        // (Entra ID, Okta) know. No other scheme is accepted, so no other is listed.
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          "The organization's SCIM API key, sent as 'Authorization: Bearer <key>'. Admins issue and rotate keys in Roster.",
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

/** RFC 7643 §6 (example in §8.6). */
export function resourceTypeDocument(type: ResourceSchema, baseUrl: string): ResourceTypeDocument {
  const document: ResourceTypeDocument = {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.id,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.coreSchema.id,
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${type.id}` },
  };
  // §8.6 leaves the member out for a type without extensions (Group).
  if (type.extensions.length > 0) {
    document.schemaExtensions = type.extensions.map((e) => ({
      schema: e.definition.id,
      required: e.required,
    }));
  }
  return document;
}

/** RFC 7643 §7: a schema with its absolute `meta.location` (`/Schemas/{urn}`). */
export function schemaDocument(schema: SchemaDefinition, baseUrl: string): SchemaDocument {
  return toSchemaDocument(schema, `${baseUrl}/Schemas/${schema.id}`);
}

/** A resource type by id, in any case (`/ResourceTypes/user`, as lenient as `/users`). */
export function findResourceType(id: string): ResourceSchema | undefined {
  return RESOURCE_TYPES.find((type) => sameName(type.id, id));
}

/** A schema by its URN, in any case (RFC 7643 §2.1: schema URNs are case-insensitive). */
export function findSchema(id: string): SchemaDefinition | undefined {
  return SCHEMAS.find((schema) => sameName(schema.id, id));
}

function uniqueById(schemas: SchemaDefinition[]): SchemaDefinition[] {
  return schemas.filter((schema, index) => schemas.findIndex((other) => other.id === schema.id) === index);
}
