/**
 * The comparison key for `userName` uniqueness and `userName` filter operands (SPEC §4): the
 * enforcement mappings of the RFC 8265 §3.3 UsernameCaseMapped profile, in its order —
 * width mapping, case mapping (Unicode toLowerCase), NFC.
 *
 * Decisions:
 * - No trimming. RFC 8265 has no trimming step; `" bjensen"` and `"bjensen"` are different
 *   userNames to an IdP, so they stay different here.
 * - No rejection. RFC 8265 would refuse strings outside the IdentifierClass (spaces, symbols,
 *   unassigned code points) and failing the Bidi rule, but RFC 7643 §4.1.1 makes userName any
 *   non-empty string and IdPs send such values; refusing them would stop provisioning. This function
 *   only decides which userNames are the same one, so it maps and never throws.
 */

/** RFC 8265 §3.3.2 step 1: fullwidth and halfwidth code points → their <wide>/<narrow> decomposition. */
export function mapWidth(text: string): string {
  let out = '';
  for (const ch of text) out += widthMapping(ch);
  return out;
}

/** RFC 8265 §3.3 (UsernameCaseMapped enforcement): width mapping, lower case, NFC. */
export function canonicalUserName(userName: string): string {
  return mapWidth(userName).toLowerCase().normalize('NFC');
}

// Every assigned code point of U+FF01–U+FFEE, and U+3000, has a <wide> or <narrow> decomposition
// of exactly one code point (UnicodeData.txt). NFKD yields that one code point for all of them but
// the ones below, whose target itself has a compatibility decomposition NFKD would also apply
// (halfwidth Hangul → Hangul compatibility jamo → conjoining jamo; U+FFE3 → U+00AF → space + U+0304).
// Ranges: [first, last, first target].
const HALFWIDTH_HANGUL: readonly (readonly [number, number, number])[] = [
  [0xffa0, 0xffa0, 0x3164],
  [0xffa1, 0xffbe, 0x3131],
  [0xffc2, 0xffc7, 0x314f],
  [0xffca, 0xffcf, 0x3155],
  [0xffd2, 0xffd7, 0x315b],
  [0xffda, 0xffdc, 0x3161],
];
const FULLWIDTH_MACRON = 0xffe3;
const MACRON = 0x00af;
const IDEOGRAPHIC_SPACE = 0x3000;

function widthMapping(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp === IDEOGRAPHIC_SPACE) return ' ';
  if (cp < 0xff01 || cp > 0xffee) return ch;
  if (cp === FULLWIDTH_MACRON) return String.fromCodePoint(MACRON);
  for (const [first, last, target] of HALFWIDTH_HANGUL) {
    if (cp >= first && cp <= last) return String.fromCodePoint(target + cp - first);
  }
  return ch.normalize('NFKD');
}
