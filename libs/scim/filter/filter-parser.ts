import { ScimError } from '../errors';
import { splitAttributeUrn } from '../schema/find-attribute';
import {
  type AttrPath,
  COMPARE_OPERATORS,
  type CompareOperator,
  type FilterNode,
  type FilterValue,
} from './filter-ast';
import { FilterLexer, type FilterToken, NUL_PROBLEM, filterSyntaxError } from './filter-lexer';

/** Longest filter Roster reads; longer ones are refused before lexing. */
export const MAX_FILTER_LENGTH = 10_000;
/** Deepest nesting of parentheses, `not` and value paths; deeper ones are refused, never overflow the stack. */
export const MAX_FILTER_DEPTH = 50;

const ATTRIBUTE_NAME = /^(?:\$ref|[A-Za-z][\w-]*)$/i;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const OPERATOR_LIST = [...COMPARE_OPERATORS, 'pr'].join(', ');

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into its syntax tree. Precedence is not > and > or, all
 * keywords and operators in any case; unquoted values and `emails[type eq "work"].value eq "x"` are
 * read as real clients mean them. Anything else is a 400 `invalidFilter` naming the position.
 */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_FILTER_LENGTH) {
    throw ScimError.badRequest('invalidFilter', `The filter is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  if (text.trim() === '') throw ScimError.badRequest('invalidFilter', 'The filter is empty');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw filterSyntaxError(nul, NUL_PROBLEM);
  const parser = new FilterParser(new FilterLexer(text));
  const filter = parser.parseFilterExpression();
  parser.expectEnd("'and', 'or' or the end of the filter");
  return filter;
}

/**
 * The recursive-descent parser of RFC 7644 §3.4.2.2 over a `FilterLexer`; attribute paths
 * (RFC 7644 §3.5.2) use its `attributePath` and `valueFilter` rules too.
 */
export class FilterParser {
  private depth = 0;
  private insideValuePath = false;

  constructor(private readonly lexer: FilterLexer) {}

  /** `FILTER` with `or` as the loosest operator. */
  parseFilterExpression(): FilterNode {
    let left = this.parseAnd();
    while (isKeyword(this.lexer.peek(), 'or')) {
      this.lexer.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  /** The contents of `[...]` after the `[`, up to and including the `]` (RFC 7644 §3.4.2.2 `valFilter`). */
  valueFilter(): FilterNode {
    if (this.insideValuePath) {
      throw filterSyntaxError(this.lexer.peek().position, 'a value path cannot contain another value path');
    }
    this.enter(this.lexer.peek().position);
    this.insideValuePath = true;
    const filter = this.parseFilterExpression();
    this.insideValuePath = false;
    this.expect(']', "'and', 'or' or ']'");
    this.depth--;
    return filter;
  }

  /** Reads a word as `attrPath` (RFC 7644 §3.4.2.2): `[URN ":"] name ["." subName]`. */
  attributePath(token: FilterToken): AttrPath {
    const { schema, name } = splitAttributeUrn(token.text);
    const parts = name.split('.');
    const valid =
      token.kind === 'word' &&
      (schema === undefined || /^urn:[^:]+:.+[^:]$/i.test(schema)) &&
      parts.length <= 2 &&
      parts.every((part) => ATTRIBUTE_NAME.test(part));
    if (!valid)
      throw filterSyntaxError(token.position, `expected an attribute name, found ${describe(token)}`);
    const [attribute, subAttribute] = parts as [string, string | undefined];
    return {
      ...(schema === undefined ? {} : { schema }),
      attribute,
      ...(subAttribute === undefined ? {} : { subAttribute }),
    };
  }

  /** Reads `"." subAttr` after a value path's `]` (RFC 7644 §3.5.2 `valuePath [subAttr]`), if one follows. */
  subAttributeAfterValuePath(): string | undefined {
    const token = this.lexer.peek();
    if (token.kind !== 'word' || !token.text.startsWith('.')) return undefined;
    this.lexer.next();
    const name = token.text.slice(1);
    if (!ATTRIBUTE_NAME.test(name)) {
      throw filterSyntaxError(token.position, `expected a sub-attribute name, found ${describe(token)}`);
    }
    return name;
  }

  /** Fails unless the whole text has been read. */
  expectEnd(expected: string): void {
    this.expect('end', expected);
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (isKeyword(this.lexer.peek(), 'and')) {
      this.lexer.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    const token = this.lexer.peek();
    if (!isKeyword(token, 'not')) return this.parsePrimary();
    this.lexer.next();
    this.enter(token.position);
    const filter = this.parseUnary();
    this.depth--;
    return { kind: 'not', filter };
  }

  private parsePrimary(): FilterNode {
    const token = this.lexer.next();
    if (token.kind === '(') {
      this.enter(token.position);
      const filter = this.parseFilterExpression();
      this.expect(')', "'and', 'or' or ')'");
      this.depth--;
      return filter;
    }
    if (token.kind !== 'word') {
      throw filterSyntaxError(
        token.position,
        `expected an attribute, '(' or 'not', found ${describe(token)}`,
      );
    }
    const attribute = this.attributePath(token);
    if (this.lexer.peek().kind !== '[') return this.parseComparison(attribute);
    if (attribute.subAttribute !== undefined) {
      throw filterSyntaxError(
        this.lexer.peek().position,
        `a value filter cannot follow the sub-attribute '${token.text}'`,
      );
    }
    this.lexer.next();
    const filter = this.valueFilter();
    const subAttribute = this.subAttributeAfterValuePath();
    if (subAttribute === undefined) return { kind: 'valuePath', attribute, filter };
    // `emails[type eq "work"].value eq "x"` means `emails[type eq "work" and value eq "x"]`.
    const comparison = this.parseComparison({ attribute: subAttribute });
    return { kind: 'valuePath', attribute, filter: { kind: 'and', left: filter, right: comparison } };
  }

  private parseComparison(attribute: AttrPath): FilterNode {
    const token = this.lexer.next();
    const operator = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (operator === 'pr') return { kind: 'present', attribute };
    if (!COMPARE_OPERATORS.includes(operator as CompareOperator)) {
      throw filterSyntaxError(
        token.position,
        `expected an operator (${OPERATOR_LIST}), found ${describe(token)}`,
      );
    }
    return { kind: 'compare', attribute, op: operator as CompareOperator, value: this.parseValue() };
  }

  private parseValue(): FilterValue {
    const token = this.lexer.nextValue();
    if (token.kind === 'string') return { type: 'string', value: token.value };
    if (token.kind !== 'word')
      throw filterSyntaxError(token.position, `expected a value, found ${describe(token)}`);
    if (token.text === 'true' || token.text === 'false')
      return { type: 'boolean', value: token.text === 'true' };
    if (token.text === 'null') return { type: 'null' };
    if (JSON_NUMBER.test(token.text)) return { type: 'number', value: Number(token.text), text: token.text };
    return { type: 'bare', text: token.text };
  }

  private expect(kind: FilterToken['kind'], expected: string): void {
    const token = this.lexer.next();
    if (token.kind !== kind)
      throw filterSyntaxError(token.position, `expected ${expected}, found ${describe(token)}`);
  }

  private enter(position: number): void {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw filterSyntaxError(position, `nesting is deeper than ${MAX_FILTER_DEPTH} levels`);
    }
  }
}

function isKeyword(token: FilterToken, keyword: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === keyword;
}

function describe(token: FilterToken): string {
  if (token.kind === 'end') return 'the end of the filter';
  const text = token.text.length > 40 ? `${token.text.slice(0, 40)}...` : token.text;
  return token.kind === 'string' ? text : `'${text}'`;
}
