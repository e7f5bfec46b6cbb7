import { ScimError } from '../errors';
import type { AttrPath, FilterNode } from '../filter/filter-ast';
import { FilterLexer } from '../filter/filter-lexer';
import { FilterParser } from '../filter/filter-parser';

/**
 * A PATCH `path` or an `attributes=` entry (RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`),
 * names as written: `emails[type eq "work"].value` is `{ attribute: 'emails', valueFilter, subAttribute: 'value' }`.
 */
export interface AttributePath extends AttrPath {
  readonly valueFilter?: FilterNode;
}

/** Longest path Roster reads (a path with a value filter is bounded like a filter). */
const MAX_PATH_LENGTH = 10_000;

/**
 * Parses an attribute path (RFC 7644 §3.5.2; attrPath of §3.4.2.2; URN prefixes of §3.10). A bad path
 * is a 400 `invalidPath`; a bad filter inside its brackets is a 400 `invalidFilter`, as RFC 7644 §3.12
 * table 9 assigns to PATCH path filters. Both name the path.
 */
export function parseAttributePath(text: string): AttributePath {
  if (text.trim() === '') throw ScimError.badRequest('invalidPath', 'The attribute path is empty');
  if (text.length > MAX_PATH_LENGTH) {
    throw ScimError.badRequest(
      'invalidPath',
      `The attribute path is longer than ${MAX_PATH_LENGTH} characters`,
    );
  }
  const lexer = new FilterLexer(text);
  const parser = new FilterParser(lexer);
  let inValueFilter = false;
  try {
    const attribute = parser.attributePath(lexer.next());
    if (lexer.peek().kind !== '[') {
      parser.expectEnd('the end of the path');
      return attribute;
    }
    if (attribute.subAttribute !== undefined) {
      throw ScimError.badRequest('invalidPath', 'a value filter cannot follow a sub-attribute');
    }
    lexer.next();
    inValueFilter = true;
    const valueFilter = parser.valueFilter();
    inValueFilter = false;
    const subAttribute = parser.subAttributeAfterValuePath();
    parser.expectEnd("'.' and a sub-attribute, or the end of the path");
    return { ...attribute, valueFilter, ...(subAttribute === undefined ? {} : { subAttribute }) };
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    // "Invalid filter at position 8: ..." becomes "Invalid path 'x' at position 8: ...".
    const detail = error.detail.startsWith('Invalid filter ')
      ? ` ${error.detail.slice('Invalid filter '.length)}`
      : `: ${error.detail}`;
    throw ScimError.badRequest(
      inValueFilter ? 'invalidFilter' : 'invalidPath',
      `Invalid path '${abbreviate(text)}'${detail}`,
    );
  }
}

function abbreviate(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}
