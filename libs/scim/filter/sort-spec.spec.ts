import type { SortSpec } from '../../contracts/query/query-expr';
import { ScimError } from '../errors';
import { GROUP_RESOURCE, USER_RESOURCE } from '../schema/resource-schemas';
import {
  ENTERPRISE_USER_SCHEMA as ENTERPRISE,
  GROUP_SCHEMA as GROUP,
  USER_SCHEMA as USER,
} from '../schema/urns';
import { resolveSort } from './sort-spec';

const RESOURCES = { User: USER_RESOURCE, Group: GROUP_RESOURCE };

describe('resolveSort (RFC 7644 §3.4.2.3)', () => {
  it.each<[string, 'User' | 'Group', string, string | undefined, SortSpec]>([
    [
      'ascending by default',
      'User',
      'userName',
      undefined,
      {
        attr: { schema: USER, name: 'userName', type: 'string', caseExact: false, multiValued: false },
        order: 'ascending',
      },
    ],
    [
      'descending in any case',
      'User',
      'userName',
      'DESCENDING',
      {
        attr: { schema: USER, name: 'userName', type: 'string', caseExact: false, multiValued: false },
        order: 'descending',
      },
    ],
    [
      'an empty sortOrder is ascending',
      'User',
      'userName',
      '',
      {
        attr: { schema: USER, name: 'userName', type: 'string', caseExact: false, multiValued: false },
        order: 'ascending',
      },
    ],
    [
      'a sub-attribute, names in any case',
      'User',
      'NAME.familyname',
      'ascending',
      {
        attr: {
          schema: USER,
          name: 'name',
          sub: 'familyName',
          type: 'string',
          caseExact: false,
          multiValued: false,
        },
        order: 'ascending',
      },
    ],
    [
      'a date',
      'User',
      'meta.lastModified',
      'descending',
      {
        attr: {
          schema: USER,
          name: 'meta',
          sub: 'lastModified',
          type: 'dateTime',
          caseExact: false,
          multiValued: false,
        },
        order: 'descending',
      },
    ],
    [
      'a multi-valued attribute sorts by its (primary) value',
      'User',
      'emails',
      undefined,
      {
        attr: {
          schema: USER,
          name: 'emails',
          sub: 'value',
          type: 'string',
          caseExact: false,
          multiValued: true,
        },
        order: 'ascending',
      },
    ],
    [
      'an extension attribute by URN',
      'User',
      `${ENTERPRISE}:employeeNumber`,
      undefined,
      {
        attr: {
          schema: ENTERPRISE,
          name: 'employeeNumber',
          type: 'string',
          caseExact: false,
          multiValued: false,
        },
        order: 'ascending',
      },
    ],
    [
      'a group by displayName',
      'Group',
      'displayname',
      undefined,
      {
        attr: { schema: GROUP, name: 'displayName', type: 'string', caseExact: false, multiValued: false },
        order: 'ascending',
      },
    ],
    [
      'a case-exact id',
      'Group',
      'id',
      undefined,
      {
        attr: { schema: GROUP, name: 'id', type: 'string', caseExact: true, multiValued: false },
        order: 'ascending',
      },
    ],
  ])('%s (%s): sortBy=%s sortOrder=%s', (_, resource, sortBy, sortOrder, expected) => {
    expect(resolveSort(sortBy, sortOrder, RESOURCES[resource])).toEqual(expected);
  });

  it.each<[string, string, string | undefined, string]>([
    ['an unknown attribute', 'shoeSize', undefined, 'invalidPath'],
    ['a singular complex attribute', 'name', undefined, 'invalidPath'],
    ['a value path', 'emails[type eq "work"].value', undefined, 'invalidPath'],
    ['a malformed name', 'user name', undefined, 'invalidPath'],
    ['the password', 'password', undefined, 'invalidPath'],
    ['an unknown order', 'userName', 'up', 'invalidValue'],
  ])('rejects %s', (_, sortBy, sortOrder, scimType) => {
    let error: unknown;
    try {
      resolveSort(sortBy, sortOrder, USER_RESOURCE);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType });
  });
});
