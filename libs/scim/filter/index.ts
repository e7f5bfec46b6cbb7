export * from './filter-ast';
export { type FilterToken, FilterLexer, tokenizeFilter } from './filter-lexer';
export { parseFilter, MAX_FILTER_LENGTH, MAX_FILTER_DEPTH } from './filter-parser';
export { resolveFilter, attributeRef } from './filter-resolver';
export { resolveSort } from './sort-spec';
