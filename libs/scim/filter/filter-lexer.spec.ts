import { ScimError } from '../errors';
import { FilterLexer, type FilterToken, tokenizeFilter } from './filter-lexer';

describe('tokenizeFilter (RFC 7644 §3.4.2.2 tokens)', () => {
  it.each<[string, string, Array<Partial<FilterToken>>]>([
    [
      'a comparison',
      'userName eq "bjensen"',
      [
        { kind: 'word', text: 'userName', position: 0 },
        { kind: 'word', text: 'eq', position: 9 },
        { kind: 'string', text: '"bjensen"', value: 'bjensen', position: 12 },
        { kind: 'end', position: 21 },
      ],
    ],
    [
      'punctuation splits words, whitespace of any kind separates them',
      'not(a pr)\tand\nemails[type eq "work"]',
      [
        { kind: 'word', text: 'not', position: 0 },
        { kind: '(', position: 3 },
        { kind: 'word', text: 'a', position: 4 },
        { kind: 'word', text: 'pr', position: 6 },
        { kind: ')', position: 8 },
        { kind: 'word', text: 'and', position: 10 },
        { kind: 'word', text: 'emails', position: 14 },
        { kind: '[', position: 20 },
        { kind: 'word', text: 'type', position: 21 },
        { kind: 'word', text: 'eq', position: 26 },
        { kind: 'string', value: 'work', position: 29 },
        { kind: ']', position: 35 },
        { kind: 'end', position: 36 },
      ],
    ],
    [
      'a URN-prefixed attribute and an unquoted email stay one word each',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq bjensen@example.com',
      [
        { kind: 'word', text: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value' },
        { kind: 'word', text: 'eq' },
        { kind: 'word', text: 'bjensen@example.com' },
        { kind: 'end' },
      ],
    ],
    [
      'JSON escapes in strings',
      String.raw`"a\"b\\c\/d\n\u00e9"`,
      [{ kind: 'string', value: 'a"b\\c/d\né' }, { kind: 'end' }],
    ],
    ['+ is an ordinary character', 'a+b', [{ kind: 'word', text: 'a+b' }, { kind: 'end' }]],
    ['nothing', '   ', [{ kind: 'end', position: 3 }]],
  ])('%s: %s', (_, text, expected) => {
    const tokens = tokenizeFilter(text);
    expect(tokens).toHaveLength(expected.length);
    expected.forEach((token, index) => expect(tokens[index]).toMatchObject(token));
  });

  it.each<[string, string]>([
    ['an unterminated string', '"abc'],
    ['an unknown escape', String.raw`"a\qb"`],
    ['a short unicode escape', String.raw`"\u12"`],
    // PostgreSQL cannot store U+0000, so a value with it can match nothing; refused, never a 500.
    ['an escaped NUL', String.raw`"a\u0000b"`],
  ])('rejects %s with invalidFilter at its position', (_, text) => {
    expect(() => tokenizeFilter(`x eq ${text}`)).toThrow(ScimError);
    expect(() => tokenizeFilter(`x eq ${text}`)).toThrow(/^Invalid filter at position \d+/);
  });

  it('reads an unquoted comparison value up to whitespace, ")" or "]"', () => {
    const lexer = new FilterLexer('(title eq Manager(IT)) and members[value eq 2819c223]');
    expect(lexer.next()).toMatchObject({ kind: '(' });
    expect(lexer.next()).toMatchObject({ text: 'title' });
    expect(lexer.next()).toMatchObject({ text: 'eq' });
    expect(lexer.nextValue()).toMatchObject({ kind: 'word', text: 'Manager(IT', position: 10 });
    expect(lexer.next()).toMatchObject({ kind: ')' });
    expect(lexer.next()).toMatchObject({ kind: ')' });
    expect(lexer.next()).toMatchObject({ text: 'and' });
    expect(lexer.next()).toMatchObject({ text: 'members' });
    expect(lexer.next()).toMatchObject({ kind: '[' });
    expect(lexer.next()).toMatchObject({ text: 'value' });
    expect(lexer.next()).toMatchObject({ text: 'eq' });
    expect(lexer.peek()).toMatchObject({ text: '2819c223' });
    expect(lexer.nextValue()).toMatchObject({ kind: 'word', text: '2819c223' });
    expect(lexer.next()).toMatchObject({ kind: ']' });
    expect(lexer.next()).toMatchObject({ kind: 'end' });
  });
});
