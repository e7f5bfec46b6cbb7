import { complexAttribute, multiValuedSubAttributes, simpleAttribute } from './attribute-builders';
import type { SchemaDefinition } from './schema-definition';
import { USER_SCHEMA } from './urns';

const name = complexAttribute('name', "The components of the user's real name.", [
  simpleAttribute('formatted', 'string', 'The full name, including all middle names, titles, and suffixes.'),
  simpleAttribute('familyName', 'string', 'The family name of the User, or last name.'),
  simpleAttribute('givenName', 'string', 'The given name of the User, or first name.'),
  simpleAttribute('middleName', 'string', 'The middle name(s) of the User.'),
  simpleAttribute('honorificPrefix', 'string', 'The honorific prefix(es) of the User, or title.'),
  simpleAttribute('honorificSuffix', 'string', 'The honorific suffix(es) of the User.'),
]);

const addresses = complexAttribute(
  'addresses',
  'A physical mailing address for this User.',
  [
    simpleAttribute('formatted', 'string', 'The full mailing address, formatted for display.'),
    simpleAttribute('streetAddress', 'string', 'The full street address component.'),
    simpleAttribute('locality', 'string', 'The city or locality component.'),
    simpleAttribute('region', 'string', 'The state or region component.'),
    simpleAttribute('postalCode', 'string', 'The zip code or postal code component.'),
    simpleAttribute('country', 'string', 'The country name component (ISO 3166-1 alpha-2).'),
    simpleAttribute('type', 'string', "A label indicating the address's function.", {
      canonicalValues: ['work', 'home', 'other'],
    }),
    simpleAttribute('primary', 'boolean', 'A Boolean value indicating the primary or preferred address.'),
  ],
  { multiValued: true },
);

const groups = complexAttribute(
  'groups',
  'A list of groups to which the user belongs, either through direct membership or through nested groups.',
  [
    simpleAttribute('value', 'string', "The identifier of the User's group.", { mutability: 'readOnly' }),
    simpleAttribute('$ref', 'reference', "The URI of the corresponding 'Group' resource.", {
      referenceTypes: ['User', 'Group'],
      mutability: 'readOnly',
    }),
    simpleAttribute('display', 'string', 'A human-readable name, primarily used for display purposes.', {
      mutability: 'readOnly',
    }),
    simpleAttribute('type', 'string', "A label indicating the attribute's function.", {
      canonicalValues: ['direct', 'indirect'],
      mutability: 'readOnly',
    }),
  ],
  { multiValued: true, mutability: 'readOnly' },
);

/** The core User schema of RFC 7643 §4.1 (attribute definitions as in §8.7.1). */
export const USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    simpleAttribute(
      'userName',
      'string',
      'Unique identifier for the User, used by the user to authenticate.',
      {
        required: true,
        uniqueness: 'server',
      },
    ),
    name,
    simpleAttribute('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
    simpleAttribute('nickName', 'string', 'The casual way to address the user in real life.'),
    simpleAttribute(
      'profileUrl',
      'reference',
      'A fully qualified URL pointing to a page representing the User.',
      {
        referenceTypes: ['external'],
      },
    ),
    simpleAttribute('title', 'string', 'The user\'s title, such as "Vice President".'),
    simpleAttribute(
      'userType',
      'string',
      'Identifies the relationship between the organization and the user.',
    ),
    simpleAttribute('preferredLanguage', 'string', "The User's preferred written or spoken language."),
    simpleAttribute('locale', 'string', "The User's default location for localizing items."),
    simpleAttribute('timezone', 'string', "The User's time zone in the 'Olson' time zone database format."),
    simpleAttribute('active', 'boolean', "A Boolean value indicating the User's administrative status."),
    simpleAttribute(
      'password',
      'string',
      "The User's cleartext password. Accepted, never stored or returned.",
      {
        mutability: 'writeOnly',
        returned: 'never',
      },
    ),
    complexAttribute(
      'emails',
      'Email addresses for the user.',
      multiValuedSubAttributes(simpleAttribute('value', 'string', 'Email address for the user.'), [
        'work',
        'home',
        'other',
      ]),
      { multiValued: true },
    ),
    complexAttribute(
      'phoneNumbers',
      'Phone numbers for the User.',
      multiValuedSubAttributes(simpleAttribute('value', 'string', 'Phone number of the User.'), [
        'work',
        'home',
        'mobile',
        'fax',
        'pager',
        'other',
      ]),
      { multiValued: true },
    ),
    complexAttribute(
      'ims',
      'Instant messaging addresses for the User.',
      multiValuedSubAttributes(
        simpleAttribute('value', 'string', 'Instant messaging address for the User.'),
        ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
      ),
      { multiValued: true },
    ),
    complexAttribute(
      'photos',
      'URLs of photos of the User.',
      multiValuedSubAttributes(
        simpleAttribute('value', 'reference', 'URL of a photo of the User.', {
          referenceTypes: ['external'],
        }),
        ['photo', 'thumbnail'],
      ),
      { multiValued: true },
    ),
    addresses,
    groups,
    complexAttribute(
      'entitlements',
      'A list of entitlements for the User that represent a thing the User has.',
      multiValuedSubAttributes(simpleAttribute('value', 'string', 'The value of an entitlement.'), []),
      { multiValued: true },
    ),
    complexAttribute(
      'roles',
      'A list of roles for the User that collectively represent who the User is.',
      multiValuedSubAttributes(simpleAttribute('value', 'string', 'The value of a role.'), []),
      { multiValued: true },
    ),
    complexAttribute(
      'x509Certificates',
      'A list of certificates issued to the User.',
      multiValuedSubAttributes(simpleAttribute('value', 'binary', 'The value of an X.509 certificate.'), []),
      { multiValued: true },
    ),
  ],
};
