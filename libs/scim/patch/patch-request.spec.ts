import { ScimError } from '../errors';
import { PATCH_OP_SCHEMA } from '../schema/urns';
import { parsePatchRequest } from './patch-request';

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

function errorOf(body: unknown): ScimError {
  try {
    parsePatchRequest(body);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parsePatchRequest (RFC 7644 §3.5.2)', () => {
  it.each<[string, unknown, object[]]>([
    [
      'Okta deactivation',
      patch({ op: 'replace', value: { active: false } }),
      [{ op: 'replace', value: { active: false }, index: 0 }],
    ],
    [
      'Entra deactivation, op capitalised',
      patch({ op: 'Replace', path: 'active', value: 'False' }),
      [{ op: 'replace', path: { attribute: 'active' }, pathText: 'active', value: 'False', index: 0 }],
    ],
    [
      'Okta member removal by value filter',
      patch({ op: 'remove', path: 'members[value eq "2819c223"]' }),
      [
        {
          op: 'remove',
          path: { attribute: 'members', valueFilter: expect.objectContaining({ kind: 'compare' }) },
          index: 0,
        },
      ],
    ],
    [
      'Entra member removal with a value list',
      patch({ op: 'Remove', path: 'members', value: [{ value: 'id-1' }] }),
      [{ op: 'remove', path: { attribute: 'members' }, value: [{ value: 'id-1' }], index: 0 }],
    ],
    [
      'lower-case operations key, schema URN in another case, op in upper case',
      {
        schemas: [PATCH_OP_SCHEMA.toUpperCase()],
        operations: [{ OP: 'ADD', Path: 'emails', Value: [{ value: 'a@b.c' }] }],
      },
      [{ op: 'add', path: { attribute: 'emails' }, value: [{ value: 'a@b.c' }], index: 0 }],
    ],
    [
      'an empty path on replace means the resource',
      patch({ op: 'replace', path: '', value: { title: 'x' } }),
      [{ op: 'replace', value: { title: 'x' }, index: 0 }],
    ],
    [
      'replace with null is a value (unassign)',
      patch({ op: 'replace', path: 'title', value: null }),
      [{ op: 'replace', path: { attribute: 'title' }, value: null, index: 0 }],
    ],
  ])('%s', (_, body, expected) => {
    const operations = parsePatchRequest(body);
    expect(operations).toHaveLength(expected.length);
    expected.forEach((operation, i) => expect(operations[i]).toMatchObject(operation));
  });

  it.each<[string, unknown, string, string]>([
    ['a body that is not an object', [], 'invalidSyntax', 'JSON object'],
    [
      'no schemas',
      { Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      'invalidSyntax',
      PATCH_OP_SCHEMA,
    ],
    [
      'a User schema instead of PatchOp',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] },
      'invalidSyntax',
      'schemas',
    ],
    ['no Operations', { schemas: [PATCH_OP_SCHEMA] }, 'invalidSyntax', 'Operations'],
    ['empty Operations', patch(), 'invalidSyntax', 'Operations'],
    ['an unknown op', patch({ op: 'merge', path: 'title', value: 'x' }), 'invalidSyntax', 'Operations[0]:'],
    [
      'an op that is not an object',
      patch({ op: 'add', path: 'title', value: 'x' }, 'remove'),
      'invalidSyntax',
      'Operations[1]:',
    ],
    [
      'remove without a path',
      patch(
        { op: 'add', path: 'title', value: 'x' },
        { op: 'add', path: 'nickName', value: 'y' },
        { op: 'remove' },
      ),
      'noTarget',
      'Operations[2]:',
    ],
    ['add without a value', patch({ op: 'add', path: 'title' }), 'invalidValue', 'Operations[0]:'],
    ['path-less replace of a string', patch({ op: 'replace', value: 'x' }), 'invalidValue', 'Operations[0]:'],
    [
      'a path that is not a string',
      patch({ op: 'replace', path: 3, value: 'x' }),
      'invalidPath',
      'Operations[0]:',
    ],
    [
      'a malformed path',
      patch({ op: 'replace', path: 'name..givenName', value: 'x' }),
      'invalidPath',
      'Operations[0]:',
    ],
    [
      'a malformed value filter',
      patch({ op: 'remove', path: 'emails[type eq]' }),
      'invalidFilter',
      'Operations[0]:',
    ],
  ])('rejects %s', (_, body, scimType, named) => {
    const error = errorOf(body);
    expect(error).toMatchObject({ status: 400, scimType });
    expect(error.detail).toContain(named);
  });
});
