import { complexAttribute, simpleAttribute } from './attribute-builders';
import type { SchemaDefinition } from './schema-definition';
import { GROUP_SCHEMA } from './urns';

/**
 * The core Group schema of RFC 7643 §4.2. `displayName` is marked required and unique here because
 * Roster requires it (SPEC §5), where §8.7.1 only says so in prose.
 */
export const GROUP_SCHEMA_DEFINITION: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    simpleAttribute('displayName', 'string', 'A human-readable name for the Group.', {
      required: true,
      uniqueness: 'server',
    }),
    complexAttribute(
      'members',
      'A list of members of the Group.',
      [
        simpleAttribute('value', 'string', 'Identifier of the member of this Group.', {
          mutability: 'immutable',
        }),
        simpleAttribute(
          '$ref',
          'reference',
          'The URI corresponding to a SCIM resource that is a member of this Group.',
          {
            referenceTypes: ['User', 'Group'],
            mutability: 'immutable',
          },
        ),
        simpleAttribute('display', 'string', 'A human-readable name, primarily used for display purposes.', {
          mutability: 'immutable',
        }),
        simpleAttribute(
          'type',
          'string',
          "A label indicating the type of resource, e.g., 'User' or 'Group'.",
          {
            canonicalValues: ['User', 'Group'],
            mutability: 'immutable',
          },
        ),
      ],
      { multiValued: true },
    ),
  ],
};
