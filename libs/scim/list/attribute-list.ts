import { formatAttrPath } from '../filter/filter-ast';
import { parseAttributePath } from '../path/attribute-path';

/**
 * Reads an `attributes` / `excludedAttributes` value (RFC 7644 §3.4.2.5, §3.9): comma-separated
 * attribute names with optional spaces; an entry with a value filter is read without it
 * (`emails[type eq "work"]` is `emails`, SPEC §3). Commas inside brackets or quotes do not separate.
 * A malformed entry is a 400 naming it.
 */
export function parseAttributeList(values: readonly string[]): string[] {
  return values.flatMap(splitEntries).map((entry) => formatAttrPath(parseAttributePath(entry)));
}

function splitEntries(text: string): string[] {
  const entries: string[] = [];
  let start = 0;
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '\\') index++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '[') depth++;
    else if (char === ']') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      entries.push(text.slice(start, index));
      start = index + 1;
    }
  }
  entries.push(text.slice(start));
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}
