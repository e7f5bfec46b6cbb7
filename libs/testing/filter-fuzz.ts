/**
 * Generated SCIM filters for fuzz tests (RFC 7644 §3.4.2.2): well-formed filters over the User or
 * the Group schema with hostile operands, malformed mutations of them, and an SQL-injection corpus.
 * Seeded, so a failure replays exactly; pure, so libs/scim, membership and e2e tests share it.
 */

/** A deterministic PRNG (mulberry32): the same seed gives the same filters. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Payloads that break string-built SQL; as operands they must stay data, as filters they are 400. */
export const SQL_INJECTION_CORPUS: readonly string[] = [
  `' OR '1'='1`,
  `' OR 1=1 --`,
  `" OR ""="`,
  `'; DROP TABLE members; --`,
  `"; DROP TABLE members; --`,
  `x' UNION SELECT digest FROM scim_api_keys --`,
  `1; SELECT pg_sleep(10)`,
  `' AND pg_sleep(10) IS NULL --`,
  `\\'; DELETE FROM organizations; --`,
  `$1`,
  `$$; DROP TABLE members; $$`,
  `E'\\x27'`,
  `') OR ('a'='a`,
  `')) OR true --`,
  `%' OR '%'='`,
  `_%`,
  `admin'/*`,
  `*/ OR 1=1 /*`,
  `x'::text || (SELECT current_user) || '`,
  `' || (SELECT string_agg(user_name, ',') FROM members) || '`,
  `\u0000'; DROP TABLE members; --`,
  `'; COPY members TO '/tmp/x'; --`,
  `' OR attributes->>'userName' IS NOT NULL --`,
  `->>'password'`,
  `?| array['x']`,
  `@> '{}'`,
];

// U+0000 can be stored nowhere, so a filter holding it is refused: well-formed filters leave it out.
const OPERAND_PAYLOADS = SQL_INJECTION_CORPUS.filter((payload) => !payload.includes('\u0000'));

interface FuzzAttribute {
  path: string;
  type: 'string' | 'boolean' | 'dateTime' | 'integer';
}

/** What a fuzzer generates filters over: one resource type's filterable attributes. */
export interface FuzzSchema {
  attributes: readonly FuzzAttribute[];
  /** Multi-valued complex attributes and the sub-attributes a `[...]` filter may test. */
  valuePaths: readonly { attribute: string; subs: readonly FuzzAttribute[] }[];
  /** Each injection payload placed in filters of this schema (`quoted` is the payload as a JSON string). */
  injections: (payload: string, quoted: string) => string[];
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ATTRIBUTES: readonly FuzzAttribute[] = [
  ...[
    'userName',
    'displayName',
    'nickName',
    'title',
    'userType',
    'locale',
    'timezone',
    'preferredLanguage',
    'profileUrl',
    'externalId',
    'id',
    'name.givenName',
    'name.familyName',
    'name.formatted',
    'emails',
    'emails.value',
    'emails.type',
    'phoneNumbers.value',
    'addresses.locality',
    'addresses.country',
    'ims.value',
    'roles.value',
    'entitlements.value',
    'groups.display',
    'groups.value',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName',
    `${ENTERPRISE}:department`,
    `${ENTERPRISE}:employeeNumber`,
    `${ENTERPRISE}:costCenter`,
    `${ENTERPRISE}:manager.value`,
  ].map((path): FuzzAttribute => ({ path, type: 'string' })),
  { path: 'active', type: 'boolean' },
  { path: 'emails.primary', type: 'boolean' },
  { path: 'meta.created', type: 'dateTime' },
  { path: 'meta.lastModified', type: 'dateTime' },
];

const VALUE_PATHS = [
  { attribute: 'emails', subs: ATTRIBUTES.filter((a) => a.path.startsWith('emails.')) },
  { attribute: 'phoneNumbers', subs: [{ path: 'phoneNumbers.value', type: 'string' as const }] },
  { attribute: 'addresses', subs: [{ path: 'addresses.locality', type: 'string' as const }] },
];

/** The core User and Enterprise User schemas (RFC 7643 §4.1, §4.3): the default. */
export const USER_FUZZ_SCHEMA: FuzzSchema = {
  attributes: ATTRIBUTES,
  valuePaths: VALUE_PATHS,
  injections: (payload, quoted) => [
    payload,
    `userName eq ${quoted}`,
    `emails[value co ${quoted}].type eq "work"`,
    `${ENTERPRISE}:department sw ${quoted}`,
    `userName eq ${payload}`,
    `${payload} eq "x"`,
    `userName eq "x" ${payload}`,
  ],
};

const GROUP_MEMBER_SUBS: readonly FuzzAttribute[] = [
  { path: 'members.value', type: 'string' },
  { path: 'members.display', type: 'string' },
  { path: 'members.type', type: 'string' },
];

/**
 * The core Group schema (RFC 7643 §4.2) with the common attributes. `members.$ref`, `meta.location`
 * and `meta.version` are in the schema but not filterable in Roster: they exercise the refusals.
 */
export const GROUP_FUZZ_SCHEMA: FuzzSchema = {
  attributes: [
    ...[
      'displayName',
      'externalId',
      'id',
      'members',
      'members.$ref',
      'meta.resourceType',
      'meta.location',
      'meta.version',
      'urn:ietf:params:scim:schemas:core:2.0:Group:displayName',
      'urn:ietf:params:scim:schemas:core:2.0:Group:members.value',
    ].map((path): FuzzAttribute => ({ path, type: 'string' })),
    ...GROUP_MEMBER_SUBS,
    { path: 'meta.created', type: 'dateTime' },
    { path: 'meta.lastModified', type: 'dateTime' },
  ],
  valuePaths: [{ attribute: 'members', subs: GROUP_MEMBER_SUBS }],
  injections: (payload, quoted) => [
    payload,
    `displayName eq ${quoted}`,
    `members[value eq ${quoted}]`,
    `members[display co ${quoted} and type eq "User"]`,
    `externalId sw ${quoted} or members.value ew ${quoted}`,
    `displayName eq ${payload}`,
    `members[value eq ${payload}]`,
    `${payload} eq "x"`,
    `displayName eq "x" ${payload}`,
  ],
};

const STRING_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const ORDERED_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const PLAIN_WORDS = [
  'work',
  'home',
  'Sales',
  'bjensen@example.com',
  'Ünïcødé ✓',
  '',
  ' ',
  'a"b',
  'back\\slash',
];

/** Generates filters; each string operand carries a marker `FZ<n>Q` so tests can look for it in SQL. */
export class FilterFuzzer {
  private readonly random: () => number;
  private operands = 0;

  constructor(
    seed: number,
    private readonly schema: FuzzSchema = USER_FUZZ_SCHEMA,
  ) {
    this.random = seededRandom(seed);
  }

  /** A filter the RFC grammar accepts and the schema resolves (types match the attributes). */
  valid(depth = 0): string {
    const roll = this.random();
    if (depth >= 3 || roll < 0.4) return this.attributeExpression();
    if (roll < 0.5) return `${this.keyword('not')} (${this.valid(depth + 1)})`;
    if (roll < 0.6) return `(${this.valid(depth + 1)})`;
    if (roll < 0.7) return this.valuePath();
    const joiner = this.keyword(this.random() < 0.5 ? 'and' : 'or');
    return `${this.valid(depth + 1)} ${joiner} ${this.valid(depth + 1)}`;
  }

  /** A mutation of a valid filter: most are malformed, some happen to stay valid. */
  mutated(): string {
    const text = this.valid();
    const at = Math.floor(this.random() * (text.length + 1));
    const noise = this.pick([
      '"',
      '(',
      ')',
      '[',
      ']',
      ' ',
      'and',
      'not',
      '\\',
      '.',
      ':',
      'eq',
      "'",
      '\u0000',
      '',
    ]);
    switch (Math.floor(this.random() * 5)) {
      case 0:
        return text.slice(0, at);
      case 1:
        return text.slice(0, at) + noise + text.slice(at);
      case 2:
        return text.slice(0, at) + text.slice(at + 1 + Math.floor(this.random() * 4));
      case 3:
        return text.replace(/"/, '');
      default:
        return `${text} ${noise} ${this.pick(SQL_INJECTION_CORPUS)}`;
    }
  }

  /** Every injection payload as a whole filter, in an operand, unquoted, and in an attribute name. */
  injections(): string[] {
    return SQL_INJECTION_CORPUS.flatMap((payload) => this.schema.injections(payload, quote(payload)));
  }

  /** The markers generated so far (`FZ1Q`...), for tests that look for them in SQL. */
  markers(): string[] {
    return Array.from({ length: this.operands }, (_, index) => `FZ${index + 1}Q`);
  }

  private attributeExpression(): string {
    const attribute = this.pick(this.schema.attributes);
    if (this.random() < 0.15) return `${this.caseOf(attribute.path)} ${this.keyword('pr')}`;
    return this.comparison(attribute);
  }

  private valuePath(): string {
    const { attribute, subs } = this.pick(this.schema.valuePaths);
    const inner = subs
      .slice(0, 1 + Math.floor(this.random() * subs.length))
      .map((sub) => this.comparison({ ...sub, path: sub.path.slice(attribute.length + 1) }))
      .join(` ${this.keyword('and')} `);
    return `${this.caseOf(attribute)}[${inner}]`;
  }

  private comparison(attribute: FuzzAttribute): string {
    const operators = attribute.type === 'string' ? STRING_OPERATORS : ORDERED_OPERATORS;
    const operator = this.keyword(this.pick(attribute.type === 'boolean' ? ['eq', 'ne'] : operators));
    return `${this.caseOf(attribute.path)} ${operator} ${this.operand(attribute.type)}`;
  }

  private operand(type: FuzzAttribute['type']): string {
    if (type === 'boolean') return this.pick(['true', 'false']);
    if (type === 'dateTime') {
      const date = new Date(
        Date.UTC(2000 + Math.floor(this.random() * 40), 0, 1 + Math.floor(this.random() * 300)),
      );
      return quote(date.toISOString());
    }
    this.operands += 1;
    const payload = this.random() < 0.5 ? this.pick(OPERAND_PAYLOADS) : this.pick(PLAIN_WORDS);
    return quote(`FZ${this.operands}Q${payload}`);
  }

  /** Keywords and operators in any case (RFC 7644 §3.4.2.2). */
  private keyword(word: string): string {
    const roll = this.random();
    return roll < 0.7 ? word : roll < 0.85 ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1);
  }

  private caseOf(path: string): string {
    if (path.startsWith('urn:') || this.random() < 0.7) return path;
    return this.random() < 0.5 ? path.toLowerCase() : path.toUpperCase();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}

/** A JSON string literal: the quoting RFC 7644 §3.4.2.2 prescribes for filter values. */
function quote(text: string): string {
  return JSON.stringify(text);
}
