import { USER_RESOURCE } from './resource-schemas';
import { toSchemaDocument } from './schema-document';
import { SCHEMA_SCHEMA, USER_SCHEMA } from './urns';

describe('toSchemaDocument (RFC 7643 §7)', () => {
  const document = toSchemaDocument(
    USER_RESOURCE.coreSchema,
    'https://roster.example/scim/v2/o1/Schemas/' + USER_SCHEMA,
  );

  it('has the RFC 7643 §7 envelope', () => {
    expect(document).toMatchObject({
      schemas: [SCHEMA_SCHEMA],
      id: USER_SCHEMA,
      name: 'User',
      description: 'User Account',
      meta: { resourceType: 'Schema', location: `https://roster.example/scim/v2/o1/Schemas/${USER_SCHEMA}` },
    });
  });

  it('writes every characteristic of a simple attribute', () => {
    expect(document.attributes.find((a) => a.name === 'userName')).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: 'Unique identifier for the User, used by the user to authenticate.',
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
  });

  it('writes sub-attributes and canonical values, and no caseExact on complex attributes', () => {
    const emails = document.attributes.find((a) => a.name === 'emails')!;
    expect(emails.caseExact).toBeUndefined();
    expect(emails.subAttributes!.map((a) => a.name)).toEqual(['value', 'display', 'type', 'primary']);
    expect(emails.subAttributes![2]).toMatchObject({
      name: 'type',
      canonicalValues: ['work', 'home', 'other'],
      caseExact: false,
    });
  });

  it('is plain JSON data', () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    expect(toSchemaDocument(USER_RESOURCE.extensions[0].definition).meta).toEqual({
      resourceType: 'Schema',
    });
  });
});
