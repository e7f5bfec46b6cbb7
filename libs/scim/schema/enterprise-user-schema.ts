import { complexAttribute, simpleAttribute } from './attribute-builders';
import type { SchemaDefinition } from './schema-definition';
import { ENTERPRISE_USER_SCHEMA } from './urns';

/** The Enterprise User extension of RFC 7643 §4.3 (attribute definitions as in §8.7.1). */
export const ENTERPRISE_USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    simpleAttribute('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person.'),
    simpleAttribute('costCenter', 'string', 'Identifies the name of a cost center.'),
    simpleAttribute('organization', 'string', 'Identifies the name of an organization.'),
    simpleAttribute('division', 'string', 'Identifies the name of a division.'),
    simpleAttribute('department', 'string', 'Identifies the name of a department.'),
    complexAttribute('manager', "The User's manager.", [
      simpleAttribute('value', 'string', "The id of the SCIM resource representing the User's manager."),
      simpleAttribute('$ref', 'reference', "The URI of the SCIM resource representing the User's manager.", {
        referenceTypes: ['User'],
      }),
      simpleAttribute('displayName', 'string', "The displayName of the User's manager.", {
        mutability: 'readOnly',
      }),
    ]),
  ],
};
