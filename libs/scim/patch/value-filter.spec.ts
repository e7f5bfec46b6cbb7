import { parseAttributePath } from '../path/attribute-path';
import { findAttribute } from '../schema/find-attribute';
import { USER_RESOURCE } from '../schema/resource-schemas';
import { elementDescribedBy, matchesValueFilter } from './value-filter';

const emails = findAttribute(USER_RESOURCE, { attribute: 'emails' })!.attribute;
const filterOf = (path: string) => parseAttributePath(path).valueFilter!;

describe('matchesValueFilter (RFC 7644 §3.4.2.2 over one element)', () => {
  const work = { value: 'BJensen@Example.com', type: 'work', primary: true };
  it.each<[string, unknown, boolean]>([
    ['emails[type eq "work"]', work, true],
    ['emails[TYPE EQ "WORK"]', work, true], // names, operators and caseExact:false values in any case
    ['emails[type eq "home"]', work, false],
    ['emails[type ne "home"]', work, true],
    ['emails[value eq "bjensen@example.com"]', work, true],
    ['emails[value co "example"]', work, true],
    ['emails[value sw "bjensen@"]', work, true],
    ['emails[value ew ".org"]', work, false],
    ['emails[primary eq true]', work, true],
    ['emails[primary eq True]', work, true], // unquoted, capitalised
    ['emails[primary eq false]', work, false],
    ['emails[type eq "work" and primary eq true]', work, true],
    ['emails[type eq "home" or primary eq true]', work, true],
    ['emails[not (type eq "work")]', work, false],
    ['emails[display pr]', work, false],
    ['emails[type pr]', work, true],
    ['emails[display eq null]', work, true],
    ['emails[emails.type eq "work"]', work, true], // the attribute written in full
    ['emails[unknown eq "x"]', work, false],
    ['emails[value gt "a"]', work, true],
    ['emails[type eq work]', work, true], // unquoted value
  ])('%s', (path, element, expected) => {
    expect(matchesValueFilter(filterOf(path), element, emails)).toBe(expected);
  });
});

describe('elementDescribedBy (what add/replace creates when nothing matches)', () => {
  it.each<[string, object | undefined]>([
    ['emails[type eq "work"]', { type: 'work' }],
    ['emails[Type eq "work" and primary eq "true"]', { type: 'work', primary: true }],
    ['emails[type eq "work" or type eq "home"]', undefined],
    ['emails[type ne "work"]', undefined],
    ['emails[type eq "work" and type eq "home"]', undefined],
    ['emails[unknown eq "x"]', undefined],
  ])('%s', (path, expected) => {
    expect(elementDescribedBy(filterOf(path), emails)).toEqual(expected);
  });
});
