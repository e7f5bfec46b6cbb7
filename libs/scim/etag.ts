/**
 * Resource versions as entity tags (RFC 7644 §3.14, RFC 9110 §8.8.3). Roster's version is an
 * integer that grows on every change; it is sent as the weak tag `W/"n"` in `meta.version` and
 * `ETag`.
 */

/** RFC 7644 §3.14: the `meta.version` / `ETag` value of version `n`. */
export function formatVersion(version: number): string {
  return `W/"${version}"`;
}

/**
 * What an If-Match / If-None-Match header asks for: `'*'` (any current version) or the versions
 * listed. Tags that are not one of Roster's versions are dropped: they can match nothing.
 */
export type EntityTagCondition = '*' | readonly number[];

/**
 * RFC 9110 §13.1.1–13.1.2 header values, read tolerantly: `W/"3"`, `"3"`, bare `3`, `w/"3"`,
 * comma-separated lists, repeated headers and `*`. Returns null when there is no condition (absent
 * or blank header).
 */
export function parseEntityTag(
  header: string | readonly string[] | undefined | null,
): EntityTagCondition | null {
  if (header === undefined || header === null) return null;
  const text = typeof header === 'string' ? header : header.join(',');
  const tags = splitTagList(text);
  if (tags.length === 0) return null;
  if (tags.includes('*')) return '*';
  const versions: number[] = [];
  for (const tag of tags) {
    const version = tagVersion(tag);
    if (version !== null && !versions.includes(version)) versions.push(version);
  }
  return versions;
}

/**
 * Whether a condition matches the current version. Weak comparison (RFC 9110 §8.8.3.2) for If-Match
 * too: SCIM versions are weak tags and RFC 7644 §3.14 has clients send them back in If-Match.
 */
export function entityTagMatches(condition: EntityTagCondition, version: number): boolean {
  return condition === '*' || condition.includes(version);
}

function splitTagList(text: string): string[] {
  const tags: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      tags.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  tags.push(current);
  return tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}

function tagVersion(tag: string): number | null {
  const opaque = tag.replace(/^w\//i, '').trim();
  const unquoted =
    opaque.startsWith('"') && opaque.endsWith('"') && opaque.length >= 2 ? opaque.slice(1, -1) : opaque;
  if (!/^\d{1,15}$/.test(unquoted)) return null;
  return Number(unquoted);
}
