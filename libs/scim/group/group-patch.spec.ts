import type { GroupChange } from '../../contracts/membership/groups';
import { ScimError } from '../errors';
import { parsePatchRequest } from '../patch/patch-request';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA } from '../schema/urns';
import { groupPatchToChange, type GroupPatchMapping } from './group-patch';

const GROUP = 'a3c2e5b0-0000-4000-8000-00000000000f';
const A = '2819c223-7f76-453a-919d-413861904646';
const B = '902c246b-6245-4190-8e05-00816be7344a';
const C = 'c0ffee00-1111-4222-8333-444455556666';

function mapped(...operations: unknown[]): GroupPatchMapping {
  return groupPatchToChange(parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations }), GROUP);
}

function errorOf(...operations: unknown[]): ScimError {
  try {
    mapped(...operations);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('groupPatchToChange (RFC 7644 §3.5.2, SPEC §5) — every PATCH form IdPs send to /Groups', () => {
  // Each row: who sends it, its Operations, and the set-based change membership applies.
  it.each<[string, unknown[], GroupChange]>([
    [
      'Okta Push Groups: add members with a value list',
      [{ op: 'add', path: 'members', value: [{ value: A }, { value: B }] }],
      { addMembers: [A, B] },
    ],
    ['op in capitals: ADD', [{ op: 'ADD', path: 'members', value: [{ value: A }] }], { addMembers: [A] }],
    [
      'Entra: Add with display',
      [{ op: 'Add', path: 'members', value: [{ value: A, display: 'Babs' }] }],
      { addMembers: [A] },
    ],
    [
      'a lone member object instead of a list',
      [{ op: 'add', path: 'members', value: { value: A } }],
      { addMembers: [A] },
    ],
    [
      'ids in upper case are the same users',
      [{ op: 'add', path: 'members', value: [{ value: A.toUpperCase() }] }],
      { addMembers: [A] },
    ],
    [
      'the same member twice is added once',
      [{ op: 'add', path: 'members', value: [{ value: A }, { value: A }] }],
      { addMembers: [A] },
    ],
    [
      'Okta: remove members[value eq "id"]',
      [{ op: 'remove', path: `members[value eq "${A}"]` }],
      { removeMembers: [A] },
    ],
    [
      'remove with an unquoted id',
      [{ op: 'remove', path: `members[value eq ${A}]` }],
      { removeMembers: [A] },
    ],
    [
      'remove with extra spaces',
      [{ op: 'remove', path: `members[ value  eq   "${A}" ]` }],
      { removeMembers: [A] },
    ],
    [
      'remove with operator and attribute in capitals',
      [{ op: 'Remove', path: `members[VALUE EQ "${A}"]` }],
      { removeMembers: [A] },
    ],
    [
      'remove several ids joined by or',
      [{ op: 'remove', path: `members[value eq "${A}" or value eq "${B}"]` }],
      { removeMembers: [A, B] },
    ],
    [
      'remove with type alongside the id',
      [{ op: 'remove', path: `members[type eq "User" and value eq "${A}"]` }],
      { removeMembers: [A] },
    ],
    [
      'remove with members.value written in full',
      [{ op: 'remove', path: `members[members.value eq "${A}"]` }],
      { removeMembers: [A] },
    ],
    [
      'a filter selecting no id is a no-op',
      [{ op: 'remove', path: `members[value eq "${A}" and value eq "${B}"]` }],
      {},
    ],
    [
      'Entra: Remove path members with a value list removes only those',
      [{ op: 'Remove', path: 'members', value: [{ value: A }] }],
      { removeMembers: [A] },
    ],
    [
      'remove members without a value clears the group',
      [{ op: 'remove', path: 'members' }],
      { replaceMembers: [] },
    ],
    [
      'remove members with an empty list clears the group',
      [{ op: 'remove', path: 'members', value: [] }],
      { replaceMembers: [] },
    ],
    [
      'replace members sets them',
      [{ op: 'replace', path: 'members', value: [{ value: A }, { value: B }] }],
      { replaceMembers: [A, B] },
    ],
    [
      'replace members with [] clears them',
      [{ op: 'replace', path: 'members', value: [] }],
      { replaceMembers: [] },
    ],
    [
      'replace path displayName',
      [{ op: 'replace', path: 'displayName', value: 'Engineering' }],
      { displayName: 'Engineering' },
    ],
    [
      'Okta path-less replace: displayName and its own id (ignored)',
      [{ op: 'replace', value: { id: GROUP, displayName: 'Eng' } }],
      { displayName: 'Eng' },
    ],
    [
      'path-less replace: externalId',
      [{ op: 'replace', value: { externalId: 'okta-7' } }],
      { externalId: 'okta-7' },
    ],
    [
      'path-less replace: members',
      [{ op: 'Replace', value: { members: [{ value: C }] } }],
      { replaceMembers: [C] },
    ],
    [
      'path-less replace: several at once, all applied',
      [{ op: 'replace', value: { displayName: 'Eng', externalId: 'x-1', members: [{ value: A }] } }],
      { displayName: 'Eng', externalId: 'x-1', replaceMembers: [A] },
    ],
    ['path-less add: members', [{ op: 'add', value: { members: [{ value: A }] } }], { addMembers: [A] }],
    [
      'path-less replace with a fully qualified name',
      [{ op: 'replace', value: { [`${GROUP_SCHEMA}:displayName`]: 'Eng' } }],
      { displayName: 'Eng' },
    ],
    [
      'path-less echo of schemas and meta changes nothing',
      [{ op: 'replace', value: { schemas: [GROUP_SCHEMA], meta: {}, displayName: 'Eng' } }],
      { displayName: 'Eng' },
    ],
    ['remove externalId clears it', [{ op: 'remove', path: 'externalId' }], { externalId: null }],
    [
      'replace externalId with null clears it',
      [{ op: 'replace', path: 'externalId', value: null }],
      { externalId: null },
    ],
    ['path in any case', [{ op: 'replace', path: 'DISPLAYNAME', value: 'Eng' }], { displayName: 'Eng' }],
    [
      'replace members[value eq a] with b swaps them',
      [{ op: 'replace', path: `members[value eq "${A}"]`, value: [{ value: B }] }],
      { removeMembers: [A], addMembers: [B] },
    ],
    // Operations apply in order: the later one wins for the same id.
    [
      'add then remove the same id removes it',
      [
        { op: 'add', path: 'members', value: [{ value: A }] },
        { op: 'remove', path: `members[value eq "${A}"]` },
      ],
      { removeMembers: [A] },
    ],
    [
      'remove then add the same id adds it',
      [
        { op: 'remove', path: `members[value eq "${A}"]` },
        { op: 'add', path: 'members', value: [{ value: A }] },
      ],
      { addMembers: [A] },
    ],
    [
      'clear then add leaves exactly the added',
      [
        { op: 'remove', path: 'members' },
        { op: 'add', path: 'members', value: [{ value: B }] },
      ],
      { replaceMembers: [B] },
    ],
    [
      'replace then remove one',
      [
        { op: 'replace', path: 'members', value: [{ value: A }, { value: B }] },
        { op: 'remove', path: 'members', value: [{ value: A }] },
      ],
      { replaceMembers: [B] },
    ],
    [
      'the last displayName wins',
      [
        { op: 'replace', path: 'displayName', value: 'One' },
        { op: 'replace', value: { displayName: 'Two' } },
      ],
      { displayName: 'Two' },
    ],
    [
      'an unknown attribute in a path-less value is ignored',
      [{ op: 'replace', value: { displayName: 'Eng', description: 'x' } }],
      { displayName: 'Eng' },
    ],
    [
      'an attribute of an unknown schema is ignored',
      [{ op: 'add', path: 'urn:example:ext:2.0:Group:costCenter', value: '7' }],
      {},
    ],
  ])('%s', (_, operations, expected) => {
    expect(mapped(...operations).change).toEqual(expected);
  });

  it.each<[string, unknown, string[]]>([
    ['the Microsoft test collection: a bare string that is no id', 'string id 1', ['string id 1']],
    ['a value that is no UUID in a list', [{ value: A }, { value: 'okta-user-9' }], ['okta-user-9']],
    ['a number', [{ value: 42 }], ['42']],
  ])('skips member values that cannot be user ids and reports them: %s', (_, value, skipped) => {
    const result = mapped({ op: 'add', path: 'members', value });
    expect(result.skippedMemberValues).toEqual(skipped);
    expect(result.change.addMembers ?? []).not.toEqual(expect.arrayContaining(skipped));
  });

  it('reports ignored attribute names', () => {
    expect(mapped({ op: 'replace', value: { displayName: 'Eng', description: 'x' } }).ignored).toEqual([
      'description',
    ]);
  });

  // Each row: the bad request, the status, scimType and words its detail must contain.
  it.each<[string, unknown[], string, RegExp]>([
    [
      'remove displayName (required)',
      [{ op: 'remove', path: 'displayName' }],
      'invalidValue',
      /^Operations\[0\]: .*displayName.*required/,
    ],
    [
      'replace displayName with ""',
      [{ op: 'replace', path: 'displayName', value: '' }],
      'invalidValue',
      /displayName/,
    ],
    [
      'replace displayName with a number',
      [{ op: 'replace', value: { displayName: 7 } }],
      'invalidValue',
      /displayName/,
    ],
    [
      'a different id in a path-less value',
      [{ op: 'replace', value: { id: A } }],
      'mutability',
      /'id' is read-only/,
    ],
    ['an explicit path to id', [{ op: 'replace', path: 'id', value: GROUP }], 'mutability', /'id'/],
    ['an explicit path to meta', [{ op: 'remove', path: 'meta' }], 'mutability', /'meta'/],
    [
      'an unknown attribute by path',
      [{ op: 'replace', path: 'owner', value: 'x' }],
      'invalidPath',
      /'owner'/,
    ],
    [
      'a member without value',
      [{ op: 'add', path: 'members', value: [{ display: 'Babs' }] }],
      'invalidValue',
      /members\.value/,
    ],
    [
      'a filter that selects by display',
      [{ op: 'remove', path: 'members[display eq "Babs"]' }],
      'invalidFilter',
      /by id/,
    ],
    [
      'a filter that selects every other member',
      [{ op: 'remove', path: `members[not (value eq "${A}")]` }],
      'invalidFilter',
      /by id/,
    ],
    ['a broken filter', [{ op: 'remove', path: 'members[value eq ]' }], 'invalidFilter', /members/],
    [
      'a sub-attribute of members',
      [{ op: 'replace', path: 'members.display', value: 'x' }],
      'mutability',
      /immutable/,
    ],
    [
      'a value path on displayName',
      [{ op: 'replace', path: 'displayName[value eq "x"]', value: 'x' }],
      'invalidPath',
      /displayName/,
    ],
    [
      'externalId that is no string',
      [{ op: 'replace', path: 'externalId', value: 12 }],
      'invalidValue',
      /externalId/,
    ],
  ])('refuses %s', (_, operations, scimType, detail) => {
    const error = errorOf(...operations);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toMatch(detail);
  });

  it('names the operation that is invalid, after valid ones (the request is all or nothing)', () => {
    const error = errorOf(
      { op: 'add', path: 'members', value: [{ value: A }] },
      { op: 'remove', path: 'displayName' },
    );
    expect(error.detail).toMatch(/^Operations\[1\]: /);
  });
});
