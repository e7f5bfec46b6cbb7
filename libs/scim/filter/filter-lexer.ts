import { ScimError } from '../errors';

/**
 * A token of a SCIM filter or attribute path. `word` is any run of characters other than whitespace,
 * brackets, parentheses and quotes: an attribute path, an operator, a keyword or an unquoted value;
 * the parser decides which from where it stands. `position` is the 0-based offset in the text.
 */
export type FilterToken =
  | {
      readonly kind: 'word' | '(' | ')' | '[' | ']' | 'end';
      readonly text: string;
      readonly position: number;
    }
  | { readonly kind: 'string'; readonly text: string; readonly position: number; readonly value: string };

const PUNCTUATION = new Set(['(', ')', '[', ']']);
const ESCAPES = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** Why a filter with U+0000 is refused, raw or escaped. */
export const NUL_PROBLEM = 'a filter cannot contain the NUL character (U+0000)';

/** The SyntaxError of a filter (RFC 7644 §3.4.2.2, §3.12 `invalidFilter`) at a position. */
export function filterSyntaxError(position: number, problem: string): ScimError {
  return ScimError.badRequest('invalidFilter', `Invalid filter at position ${position}: ${problem}`);
}

/**
 * Reads the tokens of RFC 7644 §3.4.2.2 filters on demand. A comparison value is read with
 * `nextValue`, because an unquoted value (`userName eq bjensen@example.com`) follows other rules
 * than the rest of the filter: it runs to whitespace, `)` or `]`.
 */
export class FilterLexer {
  private offset = 0;
  private lookahead: FilterToken | undefined;

  constructor(private readonly source: string) {}

  /** The next token, without consuming it. */
  peek(): FilterToken {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  /** Consumes and returns the next token. */
  next(): FilterToken {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  /** Consumes a comparison value: a quoted string, or an unquoted run up to whitespace, `)` or `]`. */
  nextValue(): FilterToken {
    if (this.lookahead) {
      this.offset = this.lookahead.position;
      this.lookahead = undefined;
    }
    this.skipWhitespace();
    const start = this.offset;
    const char = this.source[start];
    if (char === undefined || char === ')' || char === ']' || char === '"') return this.scan();
    while (this.offset < this.source.length && !/[\s)\]]/.test(this.source[this.offset])) this.offset++;
    return { kind: 'word', text: this.source.slice(start, this.offset), position: start };
  }

  private scan(): FilterToken {
    this.skipWhitespace();
    const start = this.offset;
    const char = this.source[start];
    if (char === undefined) return { kind: 'end', text: '', position: start };
    if (PUNCTUATION.has(char)) {
      this.offset++;
      return { kind: char as '(' | ')' | '[' | ']', text: char, position: start };
    }
    if (char === '"') return this.scanString();
    while (this.offset < this.source.length && !/[\s()[\]"]/.test(this.source[this.offset])) this.offset++;
    return { kind: 'word', text: this.source.slice(start, this.offset), position: start };
  }

  // A JSON string (RFC 8259 §7), as RFC 7644 §3.4.2.2 requires for string values.
  private scanString(): FilterToken {
    const start = this.offset++;
    let value = '';
    for (;;) {
      const char = this.source[this.offset];
      if (char === undefined) throw filterSyntaxError(start, 'the string that starts here is not terminated');
      this.offset++;
      if (char === '"') break;
      if (char !== '\\') {
        value += char;
        continue;
      }
      const escape = this.source[this.offset];
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.source.slice(this.offset + 1, this.offset + 5))) {
        const code = parseInt(this.source.slice(this.offset + 1, this.offset + 5), 16);
        // No stored value can hold U+0000 (PostgreSQL text and jsonb refuse it), so none can match it.
        if (code === 0) throw filterSyntaxError(this.offset - 1, NUL_PROBLEM);
        value += String.fromCharCode(code);
        this.offset += 5;
      } else if (escape !== undefined && ESCAPES.has(escape)) {
        value += ESCAPES.get(escape);
        this.offset++;
      } else {
        throw filterSyntaxError(this.offset - 1, 'invalid escape sequence in string');
      }
    }
    return { kind: 'string', text: this.source.slice(start, this.offset), position: start, value };
  }

  private skipWhitespace(): void {
    while (this.offset < this.source.length && /\s/.test(this.source[this.offset])) this.offset++;
  }
}

/** All tokens of a filter up to and including `end` (RFC 7644 §3.4.2.2), reading values as plain tokens. */
export function tokenizeFilter(text: string): FilterToken[] {
  const lexer = new FilterLexer(text);
  const tokens: FilterToken[] = [];
  for (let token = lexer.next(); ; token = lexer.next()) {
    tokens.push(token);
    if (token.kind === 'end') return tokens;
  }
}
