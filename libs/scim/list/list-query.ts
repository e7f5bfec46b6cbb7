import { ScimError } from '../errors';
import { sameName } from '../schema/find-attribute';
import { SEARCH_REQUEST_SCHEMA } from '../schema/urns';
import { parseAttributeList } from './attribute-list';

/** The advertised `filter.maxResults` (RFC 7643 §5): no page holds more. */
export const MAX_RESULTS = 1000;
/** The page size when the client gives no `count` (SPEC §3). */
export const DEFAULT_COUNT = 100;

/** The parameters of a list or search request (RFC 7644 §3.4.2, §3.4.3), normalised. */
export interface ListQuery {
  filter?: string;
  /** 1-based. */
  startIndex: number;
  /** 0 to MAX_RESULTS; 0 asks only for totalResults. */
  count: number;
  sortBy?: string;
  sortOrder?: string;
  attributes?: string[];
  excludedAttributes?: string[];
}

export type QueryParameters = Record<string, string | string[] | undefined>;

const INTEGER = /^\s*[+-]?\d+\s*$/;

/**
 * Reads the query of `GET /Users` or `/Groups` (RFC 7644 §3.4.2): names in any case, unknown ones
 * ignored (Entra's `aadOptscim062020`); startIndex below 1 or junk is 1; count defaults to 100, is
 * capped at MAX_RESULTS and negative means 0; an empty filter is no filter.
 */
export function parseListQuery(query: QueryParameters): ListQuery {
  const values = (name: string): string[] =>
    Object.entries(query)
      .filter(([key]) => sameName(key, name))
      .flatMap(([, value]) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
  const first = (name: string): string | undefined => values(name)[0];
  const list = (name: string): string[] | undefined => {
    const entries = parseAttributeList(values(name));
    return entries.length > 0 ? entries : undefined;
  };
  const filter = first('filter');
  const sortBy = first('sortBy')?.trim();
  const sortOrder = first('sortOrder')?.trim();
  const attributes = list('attributes');
  const excludedAttributes = list('excludedAttributes');
  return {
    ...(filter !== undefined && filter.trim() !== '' ? { filter } : {}),
    startIndex: startIndexOf(first('startIndex')),
    count: countOf(first('count')),
    ...(sortBy ? { sortBy } : {}),
    ...(sortOrder ? { sortOrder } : {}),
    ...(attributes ? { attributes } : {}),
    ...(excludedAttributes ? { excludedAttributes } : {}),
  };
}

/**
 * Reads the body of `POST /.search` (RFC 7644 §3.4.3) with the rules of parseListQuery; `schemas`,
 * when present, must name the SearchRequest message, else 400 `invalidSyntax`.
 */
export function parseSearchRequest(body: unknown): ListQuery {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ScimError.badRequest('invalidSyntax', 'A search request must be a JSON object');
  }
  const parameters: QueryParameters = {};
  for (const [key, value] of Object.entries(body)) {
    if (sameName(key, 'schemas')) checkSearchSchemas(value);
    else parameters[key] = parameterOf(key, value);
  }
  return parseListQuery(parameters);
}

function checkSearchSchemas(schemas: unknown): void {
  const list = Array.isArray(schemas) ? schemas : [schemas];
  if (!list.some((schema) => typeof schema === 'string' && sameName(schema, SEARCH_REQUEST_SCHEMA))) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `A search request's schemas must be ["${SEARCH_REQUEST_SCHEMA}"]`,
    );
  }
}

function parameterOf(key: string, value: unknown): string | string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value;
  throw ScimError.badRequest('invalidSyntax', `The search request's "${key}" has a value of the wrong type`);
}

function startIndexOf(text: string | undefined): number {
  if (text === undefined || !INTEGER.test(text)) return 1;
  return Math.min(Math.max(1, Number(text)), Number.MAX_SAFE_INTEGER);
}

function countOf(text: string | undefined): number {
  if (text === undefined || !INTEGER.test(text)) return DEFAULT_COUNT;
  return Math.min(Math.max(0, Number(text)), MAX_RESULTS);
}
