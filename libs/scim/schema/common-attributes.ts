import { complexAttribute, simpleAttribute } from './attribute-builders';
import type { AttributeDefinition } from './schema-definition';

/** The common attributes of every resource, RFC 7643 §3.1: `id`, `externalId` and `meta`. */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  simpleAttribute(
    'id',
    'string',
    'A unique identifier for a SCIM resource as defined by the service provider.',
    {
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
      uniqueness: 'server',
    },
  ),
  simpleAttribute(
    'externalId',
    'string',
    'A String that is an identifier for the resource as defined by the client.',
    {
      caseExact: true,
    },
  ),
  complexAttribute(
    'meta',
    'A complex attribute containing resource metadata.',
    [
      simpleAttribute('resourceType', 'string', 'The name of the resource type of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      simpleAttribute(
        'created',
        'dateTime',
        'The DateTime that the resource was added to the service provider.',
        {
          mutability: 'readOnly',
        },
      ),
      simpleAttribute(
        'lastModified',
        'dateTime',
        'The most recent DateTime that the details of this resource were updated.',
        {
          mutability: 'readOnly',
        },
      ),
      simpleAttribute('location', 'reference', 'The URI of the resource being returned.', {
        caseExact: true,
        mutability: 'readOnly',
        referenceTypes: ['uri'],
      }),
      simpleAttribute('version', 'string', 'The version of the resource being returned (its ETag).', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
    // Roster returns meta on every response, like id (SPEC §3 "Versioning").
    { mutability: 'readOnly', returned: 'always' },
  ),
];
