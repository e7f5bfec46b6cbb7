import { ScimError } from '../errors';
import { SEARCH_REQUEST_SCHEMA } from '../schema/urns';
import {
  type ListQuery,
  MAX_RESULTS,
  type QueryParameters,
  parseListQuery,
  parseSearchRequest,
} from './list-query';
import { listResponse } from './list-response';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const page = (startIndex: number, count: number): ListQuery => ({ startIndex, count });

describe('parseListQuery (RFC 7644 §3.4.2, SPEC §3)', () => {
  it.each<[string, QueryParameters, ListQuery]>([
    ['no parameters: first page of 100', {}, page(1, 100)],
    ['Okta "Test API Credentials"', { startIndex: '1', count: '2' }, page(1, 2)],
    [
      'Entra "Test Connection"',
      { filter: 'userName eq "a0b1c2"' },
      { filter: 'userName eq "a0b1c2"', ...page(1, 100) },
    ],
    ['startIndex 0 means 1', { startIndex: '0' }, page(1, 100)],
    ['negative startIndex means 1', { startIndex: '-5' }, page(1, 100)],
    ['junk startIndex means 1', { startIndex: 'abc' }, page(1, 100)],
    ['a later page', { startIndex: '201', count: '100' }, page(201, 100)],
    ['count 0 asks for totalResults only', { count: '0' }, page(1, 0)],
    ['negative count means 0', { count: '-1' }, page(1, 0)],
    ['count is capped at maxResults', { count: '5000' }, page(1, MAX_RESULTS)],
    ['junk count is the default', { count: '10abc' }, page(1, 100)],
    ['empty count is the default', { count: '' }, page(1, 100)],
    [
      'parameter names in any case',
      { STARTINDEX: '3', Count: '7', FILTER: 'title pr' },
      { filter: 'title pr', ...page(3, 7) },
    ],
    ['unknown parameters are ignored', { aadOptscim062020: '', foo: 'bar' }, page(1, 100)],
    ['a repeated parameter: the first counts', { count: ['5', '9'] }, page(1, 5)],
    ['an empty filter is no filter', { filter: '  ' }, page(1, 100)],
    [
      'sorting',
      { sortBy: 'name.familyName', sortOrder: 'descending' },
      { ...page(1, 100), sortBy: 'name.familyName', sortOrder: 'descending' },
    ],
    [
      'attributes, comma-separated with spaces',
      { attributes: 'userName, name.givenName ,emails' },
      { ...page(1, 100), attributes: ['userName', 'name.givenName', 'emails'] },
    ],
    [
      'Entra: excludedAttributes=members',
      { excludedAttributes: 'members' },
      { ...page(1, 100), excludedAttributes: ['members'] },
    ],
    [
      'a value filter in attributes is dropped',
      { attributes: 'emails[type eq "work"]' },
      { ...page(1, 100), attributes: ['emails'] },
    ],
    [
      'a value filter with a comma inside',
      { attributes: 'emails[type eq "a,b"].value,userName' },
      { ...page(1, 100), attributes: ['emails.value', 'userName'] },
    ],
    [
      'extension attributes by URN',
      { attributes: `${ENTERPRISE}:manager.value` },
      { ...page(1, 100), attributes: [`${ENTERPRISE}:manager.value`] },
    ],
    ['a whole extension by URN', { attributes: ENTERPRISE }, { ...page(1, 100), attributes: [ENTERPRISE] }],
    [
      'repeated attributes parameters add up',
      { attributes: ['userName', 'emails'] },
      { ...page(1, 100), attributes: ['userName', 'emails'] },
    ],
    [
      'empty entries are skipped',
      { attributes: 'userName,,' },
      { ...page(1, 100), attributes: ['userName'] },
    ],
    ['an empty list is no list', { attributes: '' }, page(1, 100)],
  ])('%s', (_, query, expected) => {
    expect(parseListQuery(query)).toEqual(expected);
  });

  it('rejects a malformed attribute name, naming it', () => {
    expect(() => parseListQuery({ attributes: 'userName,name..x' })).toThrow(/name\.\.x/);
    expect(() => parseListQuery({ attributes: 'user name' })).toThrow(ScimError);
  });
});

describe('parseSearchRequest (RFC 7644 §3.4.3)', () => {
  it.each<[string, unknown, ListQuery]>([
    [
      'the RFC example',
      {
        schemas: [SEARCH_REQUEST_SCHEMA],
        attributes: ['displayName', 'userName'],
        filter: 'displayName sw "smith"',
        startIndex: 1,
        count: 10,
      },
      { filter: 'displayName sw "smith"', startIndex: 1, count: 10, attributes: ['displayName', 'userName'] },
    ],
    ['no schemas', { count: 5 }, page(1, 5)],
    ['an empty body', {}, page(1, 100)],
    [
      'member names in any case',
      { Filter: 'title pr', STARTINDEX: '2' },
      { filter: 'title pr', ...page(2, 100) },
    ],
    [
      'attributes as a string',
      { excludedAttributes: 'members, meta' },
      { ...page(1, 100), excludedAttributes: ['members', 'meta'] },
    ],
    ['count capped, startIndex floored', { count: 10_000, startIndex: -3 }, page(1, MAX_RESULTS)],
    ['null members are absent', { filter: null, count: null }, page(1, 100)],
    [
      'sorting',
      { sortBy: 'userName', sortOrder: 'ascending' },
      { ...page(1, 100), sortBy: 'userName', sortOrder: 'ascending' },
    ],
  ])('%s', (_, body, expected) => {
    expect(parseSearchRequest(body)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['not an object', 'filter=x'],
    ['an array', [{ filter: 'x' }]],
    ['null', null],
    ['another message schema', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }],
    ['empty schemas', { schemas: [] }],
    ['a filter that is not a string', { filter: { userName: 'x' } }],
    ['a count that is a boolean', { count: true }],
  ])('rejects %s with invalidSyntax', (_, body) => {
    let error: unknown;
    try {
      parseSearchRequest(body);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidSyntax' });
  });
});

describe('listResponse (RFC 7644 §3.4.2)', () => {
  it('counts the page it returns', () => {
    expect(listResponse([{ id: 'a' }, { id: 'b' }], 12, 3)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 12,
      startIndex: 3,
      itemsPerPage: 2,
      Resources: [{ id: 'a' }, { id: 'b' }],
    });
  });

  it('answers a filter that matches nothing with an empty page', () => {
    expect(listResponse([], 0, 1)).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
  });
});
