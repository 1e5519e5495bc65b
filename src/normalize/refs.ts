/**
 * References to places in the consulted document (CONTRACT.md "Ref"), found in
 * comments, responses and 該当箇所 cells: `(Ⅱ. 2. 1. 1. 【基本】i)`, `p62`,
 * `20 ページ`, `Annex 5 … 12. 4. 1`, `表中 A-5`, `図表1`, `第3条第2項`, `(全体)`.
 *
 * Matching runs on a width-folded copy of the text that has exactly the same
 * UTF-16 length, so every offset found there is an offset into the original and
 * `raw` is always sliced from the original, never rewritten. Canonical forms are
 * built from the parsed parts (ASCII digits, ASCII Roman numerals).
 *
 * Pure and dependency-free: no I/O, no state between calls.
 */
import type { RefValue } from '../schema/records.js';

/** A ref with its UTF-16 offsets, so callers can highlight or cut it: `text.slice(start, end) === raw`. */
export type FoundRef = RefValue & { start: number; end: number };

type SectionRef = Extract<RefValue, { kind: 'section' }>;

/** A half-open range of UTF-16 offsets. */
interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

const ROMAN_UPPER = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;
const UNICODE_ROMAN_UPPER = 0x2160; // Ⅰ … Ⅻ is U+2160 … U+216B
const UNICODE_ROMAN_LOWER = 0x2170; // ⅰ … ⅻ is U+2170 … U+217B

/**
 * Maps one UTF-16 unit to its ASCII look-alike, one unit for one unit, so the
 * folded string keeps every offset: full-width ASCII (digits, letters, `．`,
 * `－`, brackets), ideographic and no-break spaces, and Unicode hyphens/minus.
 */
function foldUnit(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0x00a0) return 0x20;
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63) return 0x2d;
  return code;
}

/** The units {@link foldUnit} changes: most text has none, and is returned as it is. */
const FOLDABLE = /[\uff01-\uff5e\u3000\u00a0\u2010-\u2015\u2212\ufe63]/g;

/**
 * Width-folds a string without changing its length (see {@link foldUnit}), so
 * offsets found in the folded copy are offsets into the original. Exported for
 * other normalisers (section headings) that must read numbers the same way.
 */
export function foldWidth(text: string): string {
  return text.replace(FOLDABLE, (unit) => String.fromCharCode(foldUnit(unit.charCodeAt(0))));
}

/** True for an ASCII Roman numeral that is well formed (`IV`, not `IIV` or `VV`). */
function isRoman(s: string): boolean {
  return s.length > 0 && /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/i.test(s);
}

/**
 * ASCII upper-case form of a Roman part written in ASCII (`III`) or as one
 * Unicode numeral (`Ⅲ` -> `III`), so a ref's `part` and a section id written
 * either way compare equal. Other text is returned unchanged.
 */
export function romanToAscii(part: string): string {
  const code = part.charCodeAt(0);
  if (part.length === 1 && code >= UNICODE_ROMAN_UPPER && code < UNICODE_ROMAN_UPPER + 12) {
    return ROMAN_UPPER[code - UNICODE_ROMAN_UPPER] ?? part;
  }
  return part;
}

/** ASCII lower-case form of an item numeral (`ii`, or the single character `ⅱ`). */
function lowerRomanToAscii(item: string): string {
  const code = item.charCodeAt(0);
  if (item.length === 1 && code >= UNICODE_ROMAN_LOWER && code < UNICODE_ROMAN_LOWER + 12) {
    return (ROMAN_UPPER[code - UNICODE_ROMAN_LOWER] ?? item).toLowerCase();
  }
  return item;
}

const KANJI_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const KANJI_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a kanji numeral, positional (`二〇`) or with units (`三十二`); null if it is not one. */
function kanjiToInt(s: string): number | null {
  let total = 0;
  let current = -1; // -1: no digit pending
  for (const ch of s) {
    const digit = KANJI_DIGITS[ch];
    const unit = KANJI_UNITS[ch];
    if (digit !== undefined) current = current < 0 ? digit : current * 10 + digit;
    else if (unit !== undefined) {
      total += (current < 0 ? 1 : current) * unit;
      current = -1;
    } else return null;
  }
  return s.length === 0 ? null : total + Math.max(current, 0);
}

/** An article, paragraph or chapter number in ASCII digits (already folded) or kanji (`十二`); null when it is neither. */
export function parseNumber(s: string): number | null {
  return /^[0-9]+$/.test(s) ? Number.parseInt(s, 10) : kanjiToInt(s);
}

// ---------------------------------------------------------------------------
// Small scanning helpers
// ---------------------------------------------------------------------------

/** Runs a sticky regex at `pos`; the match or null. */
function stickyAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** URL-like spans: refs inside them (`…/p/12`, `…pdf/shishin5`) are parts of addresses, not places. */
function urlSpans(folded: string): Span[] {
  const re = /(?:https?|ftp):\/\/[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+|www\.[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+/g;
  return [...folded.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * True when `span` shares a unit with one of `sorted`, spans in order that do
 * not overlap each other: only the last one that starts before `span` ends can
 * (a binary search: a text with thousands of addresses is not checked pair by pair).
 */
function overlapsAny(sorted: readonly Span[], span: Span): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as Span).start < span.end) low = middle + 1;
    else high = middle;
  }
  const last = sorted[low - 1];
  return last !== undefined && span.start < last.end;
}

/**
 * Keeps refs that do not overlap, earliest first and the longest at a tie, so an
 * annex swallows the numbers of its own path and results come in source order.
 */
function pickNonOverlapping(candidates: FoundRef[]): FoundRef[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundRef[] = [];
  let lastEnd = 0;
  for (const c of sorted) {
    if (c.start >= lastEnd) {
      kept.push(c);
      lastEnd = c.end;
    }
  }
  return kept;
}

// ---------------------------------------------------------------------------
// Sections: Ⅲ. 3. 1. 3 / III．３．１．３ / I . 6. 17. / Ⅲ－３－７－１－２(4)① / Ⅲ. 物理…
// ---------------------------------------------------------------------------

/** A Roman part not glued to ASCII letters or digits (`CIO`, `ITU`, `IV2` are not parts). */
const PART_RE = /(?<![A-Za-z0-9])(?:([IVX]{1,4})|([\u2160-\u216B]))(?![A-Za-z0-9\u2160-\u217F])/g;
/** The dot after the part, possibly after spaces (`I . 6.`). */
const PART_DOT_RE = /[ \t]*\.(?!\.)/y;
/**
 * One path number. A number followed by ページ, 年, 条 … is a page, date or
 * article, not a section level (`Ⅲ. 3ページ`).
 */
const PATH_NUM_RE = /[ \t]*([0-9]{1,3})(?![0-9]|[ \t]*(?:ページ|頁|年|月|日|条|項|号|章|編|版))/y;
const PATH_DOT_RE = /[ \t]*\.(?!\.)/y;
const DASH_NUM_RE = /-([0-9]{1,3})(?![0-9]|[ \t]*(?:ページ|頁|年|月|日|条|項|号|章|編|版))/y;
/** After a bare part's dot, Japanese text (a title), not English or punctuation. */
const BARE_TITLE_RE = /[ \t]*[^\x00-\x7F\s、。，「」『』【】・〔〕〈〉《》]/y;
/** Qualifier labels; 【ベストプラクティス】 and 【評価項目】 name other parts of a clause, not a sub-item. */
const QUAL_LABEL_RE = /[ \t]*【(基本)】/y;
const QUAL_ROMAN_RE = /[ \t]*([ivx]{1,5}|[\u2170-\u217B])(?![A-Za-z0-9]|\.[A-Za-z0-9])(\.)?/y;
const QUAL_PAREN_RE = /\(([0-9]{1,2})\)/y;
const QUAL_CIRCLED_RE = /[\u2460-\u2473]/y;
/** What may stand just before an ASCII code that is a standard, not a section (`ITU-T X.509`, `Rec. V.35`). */
const STANDARD_PREFIX_RE = /(?:ITU-[TR]|Rec\.|Recommendation)[ \t]*$/;

/** A parsed path: the numbers and where the match ends. */
interface PathParse {
  path: number[];
  end: number;
}

/** Dotted path after a part's dot: `3. 1. 3` or ` 6. 17.`; the trailing dot belongs to the label. */
function parseDottedPath(folded: string, pos: number): PathParse {
  const path: number[] = [];
  let end = pos;
  let cursor = pos;
  for (;;) {
    const num = stickyAt(PATH_NUM_RE, folded, cursor);
    if (!num?.[1]) break;
    path.push(Number.parseInt(num[1], 10));
    cursor = end = num.index + num[0].length;
    const dot = stickyAt(PATH_DOT_RE, folded, cursor);
    if (!dot) break;
    cursor = end = dot.index + dot[0].length;
  }
  return { path, end };
}

/** Dash-separated path directly after the part: `－３－７－１－２`. */
function parseDashedPath(folded: string, pos: number): PathParse {
  const path: number[] = [];
  let end = pos;
  for (;;) {
    const num = stickyAt(DASH_NUM_RE, folded, end);
    if (!num?.[1]) break;
    path.push(Number.parseInt(num[1], 10));
    end = num.index + num[0].length;
  }
  return { path, end };
}

/** The qualifier that starts at `pos` (`【基本】`, `i`, `iii.`, `(4)`, `①`), as text and end offset. */
function qualifierAt(folded: string, pos: number): { value: string; end: number } | null {
  const label = stickyAt(QUAL_LABEL_RE, folded, pos);
  if (label?.[1]) return { value: label[1], end: label.index + label[0].length };
  const roman = stickyAt(QUAL_ROMAN_RE, folded, pos);
  if (roman?.[1]) {
    const value = lowerRomanToAscii(roman[1]);
    if (isRoman(value)) return { value, end: roman.index + roman[0].length };
  }
  const paren = stickyAt(QUAL_PAREN_RE, folded, pos);
  if (paren?.[1]) return { value: `(${paren[1]})`, end: paren.index + paren[0].length };
  const circled = stickyAt(QUAL_CIRCLED_RE, folded, pos);
  if (circled) return { value: circled[0], end: circled.index + circled[0].length };
  return null;
}

/** Qualifiers directly after a path, each kind of label at most a few times. */
function parseQualifiers(folded: string, pos: number): { qualifiers: string[]; end: number } {
  const qualifiers: string[] = [];
  let end = pos;
  for (let i = 0; i < 4; i++) {
    const q = qualifierAt(folded, end);
    if (!q) break;
    qualifiers.push(q.value);
    end = q.end;
  }
  return { qualifiers, end };
}

/** The path (dotted or dashed) after a part, or null when neither form nor a bare title follows. */
function parseSectionTail(folded: string, partEnd: number, asciiPart: boolean): PathParse | null {
  const dot = stickyAt(PART_DOT_RE, folded, partEnd);
  if (dot) {
    const afterDot = dot.index + dot[0].length;
    const dotted = parseDottedPath(folded, afterDot);
    if (dotted.path.length > 0) return dotted;
    return stickyAt(BARE_TITLE_RE, folded, afterDot) ? { path: [], end: afterDot } : null;
  }
  const dashed = parseDashedPath(folded, partEnd);
  // `I-5` in English is too common for one ASCII level; Ⅲ－３ is unambiguous.
  return dashed.path.length >= (asciiPart ? 2 : 1) ? dashed : null;
}

/** True for an ASCII part that is really a standard's series letter (`ITU-T X.509`). */
function looksLikeStandard(folded: string, start: number, ascii: boolean, path: number[]): boolean {
  if (!ascii) return false;
  if ((path[0] ?? 0) >= 100) return true;
  return STANDARD_PREFIX_RE.test(folded.slice(Math.max(0, start - 20), start));
}

/** Builds a section ref from its parsed parts; canonical `III.3.1.3`, or `III` for a bare part. */
function sectionRef(text: string, start: number, end: number, part: string, path: number[], qualifiers: string[]): FoundRef {
  const canonical = [part, ...path.map(String)].join('.');
  const ref: SectionRef = { kind: 'section', raw: text.slice(start, end), canonical, part, path, qualifiers };
  return { ...ref, start, end };
}

/** Section references: a Roman part, then a dotted or dashed path and qualifiers, or a bare `Ⅲ. 題名`. */
function matchSections(folded: string, text: string): FoundRef[] {
  const found: FoundRef[] = [];
  for (const m of folded.matchAll(PART_RE)) {
    const asciiPart = m[1] !== undefined;
    const printed = m[1] ?? m[2] ?? '';
    if (asciiPart && !isRoman(printed)) continue;
    const start = m.index;
    const tail = parseSectionTail(folded, start + printed.length, asciiPart);
    if (!tail || looksLikeStandard(folded, start, asciiPart, tail.path)) continue;
    const quals = tail.path.length > 0 ? parseQualifiers(folded, tail.end) : { qualifiers: [], end: tail.end };
    found.push(sectionRef(text, start, quals.end, romanToAscii(printed), tail.path, quals.qualifiers));
  }
  return found;
}

// ---------------------------------------------------------------------------
// Pages: p29 / P20 / p.12 / 29 ページ / 3頁
// ---------------------------------------------------------------------------

/** `p29`, `p.12`: the p is not the end of a word (`http`, `SHA256p1`) and the number ends the token (`p2p`). */
const PAGE_P_RE = /(?<![A-Za-z0-9])[pP](?:\.[ \t]*)?([0-9]{1,5})(?![0-9A-Za-z])/g;
/** `29 ページ`, `3ページ`, `3頁`; the number is not the tail of a longer one or of `1.5`. */
const PAGE_JA_RE = /(?<![0-9A-Za-z.])([0-9]{1,5})[ \t]*(?:ページ|頁)/g;

/** A range of pages (`p.12～13`, `p.1∼7` (S17), `P12-P14`, `12～14ページ`, `12ページ～14ページ`); its end must come after its start. */
const PAGE_RANGE_P_RE = /(?<![A-Za-z0-9])[pP](?:\.[ \t]*)?([0-9]{1,5})[ \t]*[~〜∼\-–][ \t]*(?:[pP](?:\.[ \t]*)?)?([0-9]{1,5})(?![0-9A-Za-z])/g;
const PAGE_RANGE_JA_RE = /(?<![0-9A-Za-z.])([0-9]{1,5})[ \t]*(?:ページ|頁)?[ \t]*[~〜∼\-–][ \t]*([0-9]{1,5})[ \t]*(?:ページ|頁)/g;

/** Page references, canonical `p.29`; a range is one ref of its first page, canonical `p.12-14`. */
function matchPages(folded: string, text: string): FoundRef[] {
  const found: FoundRef[] = [];
  for (const re of [PAGE_P_RE, PAGE_JA_RE, PAGE_RANGE_P_RE, PAGE_RANGE_JA_RE]) {
    for (const m of folded.matchAll(re)) {
      const page = Number.parseInt(m[1] ?? '', 10);
      const last = m[2] === undefined ? page : Number.parseInt(m[2], 10);
      if (last < page) continue;
      const start = m.index;
      const end = start + m[0].length;
      found.push({ kind: 'page', raw: text.slice(start, end), canonical: last === page ? `p.${page}` : `p.${page}-${last}`, page, start, end });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------
// Annexes: Annex 5 利用者接点と… 12. 4. 1
// ---------------------------------------------------------------------------

const ANNEX_RE = /(?<![A-Za-z])annex[ \t]*([0-9]{1,3})(?![0-9])/gi;
/** Where the annex's place ends: its bracket, the sentence, or the line. */
const ANNEX_STOP_RE = /[)」』】。\n(【「]/;
const ANNEX_WINDOW = 100;
/** A clause path of at least two numbers (`12. 4. 1`, `12.6`, `:12.4.1`), not cut from `27017:2015`. */
const ANNEX_PATH_RE = /(?<![0-9A-Za-z.])[0-9]{1,3}(?:[ \t]*\.[ \t]*[0-9]{1,3})+(?![0-9])/;

/** The clause path of an annex in the rest of its place, with the offset where it ends. */
function annexPath(folded: string, from: number): PathParse | null {
  const window = folded.slice(from, from + ANNEX_WINDOW);
  const stop = window.search(ANNEX_STOP_RE);
  const place = stop < 0 ? window : window.slice(0, stop);
  const m = ANNEX_PATH_RE.exec(place);
  if (!m) return null;
  const path = m[0].split('.').map((n) => Number.parseInt(n.trim(), 10));
  return { path, end: from + m.index + m[0].length };
}

/** Annex references, canonical `Annex5:12.4.1` or `Annex5`; raw runs from `Annex` to the end of the path. */
function matchAnnexes(folded: string, text: string): FoundRef[] {
  const found: FoundRef[] = [];
  for (const m of folded.matchAll(ANNEX_RE)) {
    const annex = Number.parseInt(m[1] ?? '', 10);
    const start = m.index;
    const tail = annexPath(folded, start + m[0].length);
    const end = tail?.end ?? start + m[0].length;
    const path = tail?.path ?? [];
    const canonical = path.length > 0 ? `Annex${annex}:${path.join('.')}` : `Annex${annex}`;
    found.push({ kind: 'annex', raw: text.slice(start, end), canonical, annex, path, start, end });
  }
  return found;
}

// ---------------------------------------------------------------------------
// Table items, figures, articles, whole
// ---------------------------------------------------------------------------

const TABLE_ITEM_RE = /表中[ \t]*の?[ \t]*([A-Z]{1,3}-[0-9]{1,4})(?![0-9A-Za-z])/g;

/** Items of a table (`表中 A-5`), canonical the item id `A-5`. */
function matchTableItems(folded: string, text: string): FoundRef[] {
  return [...folded.matchAll(TABLE_ITEM_RE)].map((m) => {
    const item = m[1] ?? '';
    const start = m.index;
    const end = start + m[0].length;
    return { kind: 'table-item', raw: text.slice(start, end), canonical: item, item, start, end };
  });
}

/**
 * `図表1`, and `図1` where 図 ends no word (意図, 構図, 合図…) and the number
 * is whole: `図1-2` (a chapter's second figure) is no figure 1.
 */
const FIGURE_RE = /図表[ \t]*([0-9]{1,3})(?![0-9])|(?<![意企構合指系])図[ \t]*([0-9]{1,3})(?![0-9]|[ \t]*[-.][0-9])/g;

/** Figures (`図表1`, `図表 1`, `図1`), canonical `fig.1`. */
function matchFigures(folded: string, text: string): FoundRef[] {
  return [...folded.matchAll(FIGURE_RE)].map((m) => {
    const figure = Number.parseInt(m[1] ?? m[2] ?? '', 10);
    const start = m.index;
    const end = start + m[0].length;
    return { kind: 'figure', raw: text.slice(start, end), canonical: `fig.${figure}`, figure, start, end };
  });
}

const NUM_SRC = '[0-9]{1,4}|[〇零一二三四五六七八九十百千]{1,6}';
/**
 * `第3条`, `第三条第二項`, `第3条2項`, a branch article `第3条の2`, an item
 * `第3条第2項第1号` or `第2条第1号`. Not after 附則 (supplementary provisions
 * are numbered separately). A branch in kanji is no branch before a word it
 * opens (`第3条の一部`, `の一環`, `の一つ`).
 */
const ARTICLE_RE = new RegExp(
  `(?<!附則[ \\t]*)第[ \\t]*(${NUM_SRC})[ \\t]*条` +
    `(?:[ \\t]*の[ \\t]*([0-9]{1,4}(?![0-9])|[〇一二三四五六七八九十百]{1,4}(?![〇一二三四五六七八九十百部環つ般体層端方律種定的連]))` +
    `)?(?:[ \\t]*第?[ \\t]*(${NUM_SRC})[ \\t]*項)?(?:[ \\t]*第[ \\t]*(${NUM_SRC})[ \\t]*号)?`,
  'g',
);

/** Article references: canonical `art.3`, `art.3.2` (paragraph), `art.3-2` (branch), `art.3.2(1)` and `art.2(1)` (item). */
function matchArticles(folded: string, text: string): FoundRef[] {
  const found: FoundRef[] = [];
  for (const m of folded.matchAll(ARTICLE_RE)) {
    // undefined where the part is not printed, null where it is printed but no number reads from it.
    const numbers = [m[1], m[2], m[3], m[4]].map((number) => (number === undefined ? undefined : parseNumber(number)));
    if (numbers.includes(null)) continue;
    const [article = 0, branch = null, paragraph = null, item = null] = numbers as (number | undefined)[];
    const start = m.index;
    const end = start + m[0].length;
    const canonical = `art.${article}${branch === null ? '' : `-${branch}`}${paragraph === null ? '' : `.${paragraph}`}${item === null ? '' : `(${item})`}`;
    found.push({ kind: 'article', raw: text.slice(start, end), canonical, article, branch, paragraph, articleItem: item, start, end });
  }
  return found;
}

const WHOLE_RE = /\([ \t]*全体[ \t]*\)/g;

/** `(全体)` / `（全体）`: the comment is about the whole document; raw keeps its brackets. */
function matchWholes(folded: string, text: string): FoundRef[] {
  return [...folded.matchAll(WHOLE_RE)].map((m) => {
    const start = m.index;
    const end = start + m[0].length;
    return { kind: 'whole', raw: text.slice(start, end), canonical: 'whole', start, end };
  });
}

/** Appended tables, forms and papers: `別表第三号`, `別記様式第1号`, `別紙1`, `別添2`, `参考資料3`. */
const APPENDIX_RE = new RegExp(`(?:別表|別記様式|様式|別紙|別添資料|別添|参考資料)[ \\t]*第?[ \\t]*(?:${NUM_SRC})(?![0-9])(?:[ \\t]*号)?`, 'g');

/**
 * Supplementary provisions (`附則第2条`, `附則第2条第1項`, `附則第3項`): their
 * articles are numbered apart from the main ones, so they are no `art.` ref.
 */
const SUPPLEMENTARY_RE = new RegExp(
  `附則[ \\t]*第[ \\t]*(?:${NUM_SRC})[ \\t]*(?:条(?:[ \\t]*の[ \\t]*[0-9]{1,4})?(?:[ \\t]*第?[ \\t]*(?:${NUM_SRC})[ \\t]*項)?|項)(?:[ \\t]*第[ \\t]*(?:${NUM_SRC})[ \\t]*号)?`,
  'g',
);

/**
 * Appendices and supplementary provisions: places with no numbering scheme
 * of the contract's, so kind `other` with the width-folded text, spaces
 * removed, as canonical (`別紙 1` -> `別紙1`).
 */
function matchAppendices(folded: string, text: string): FoundRef[] {
  return [...folded.matchAll(APPENDIX_RE), ...folded.matchAll(SUPPLEMENTARY_RE)].map((m) => {
    const start = m.index;
    const end = start + m[0].length;
    return { kind: 'other', raw: text.slice(start, end), canonical: m[0].replace(/[ \t]+/g, ''), start, end };
  });
}

type Matcher = (folded: string, text: string) => FoundRef[];
const MATCHERS: readonly Matcher[] = [
  matchSections,
  matchPages,
  matchAnnexes,
  matchTableItems,
  matchFigures,
  matchArticles,
  matchWholes,
  matchAppendices,
];

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * Every reference in free text (a comment or a response), in source order and
 * non-overlapping, so a comment's refs can be listed and highlighted as printed.
 * Offsets are UTF-16 units into `text`; `text.slice(start, end) === raw`.
 * Kind `other` only for appendices (`別表第三号`, `別紙1`) and supplementary
 * provisions (`附則第2条`).
 */
export function findRefs(text: string): FoundRef[] {
  const folded = foldWidth(text);
  const blocked = urlSpans(folded);
  const candidates = MATCHERS.flatMap((match) => match(folded, text)).filter((c) => !overlapsAny(blocked, c));
  return pickNonOverlapping(candidates);
}

const BRACKET_PAIRS: Readonly<Record<string, string>> = {
  '(': ')',
  '[': ']',
  '「': '」',
  '『': '』',
  '【': '】',
  '〔': '〕',
};

/** True when the closer at the end matches the opener at the start (`(a)と(b)` is not one bracketed unit). */
function isOneBracketedUnit(s: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

/** A place cell's text without one layer of enclosing brackets, width-folded: `(原原-12)` -> `原原-12`. */
function placeCanonical(trimmed: string): string {
  const folded = foldWidth(trimmed);
  const open = folded[0] ?? '';
  const close = BRACKET_PAIRS[open];
  if (close !== undefined && folded.endsWith(close) && isOneBracketedUnit(folded, open, close)) {
    const inner = folded.slice(1, -1).trim();
    if (inner.length > 0) return inner;
  }
  return folded;
}

/** Words that make a place cell mean the whole document. */
const WHOLE_WORDS: ReadonlySet<string> = new Set(['全般', '全体', '全体的事項', '全般的事項']);

/** Drops the offsets: a place cell's refs belong to every comment of its row, not to a text position. */
function withoutOffsets(found: FoundRef): RefValue {
  const { start: _start, end: _end, ...ref } = found;
  return ref as RefValue;
}

/**
 * The refs of a 該当箇所 (place) cell, which become refs of every comment of
 * its row: what {@link findRefs} finds, else `whole` for `全般`/`全体`, else one
 * `other` ref holding the trimmed text (canonical without outer brackets,
 * width-folded), so no printed place is lost. Empty or blank text gives [].
 */
export function parsePlace(text: string): RefValue[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  const found = findRefs(trimmed);
  if (found.length > 0) return found.map(withoutOffsets);
  const canonical = placeCanonical(trimmed);
  if (WHOLE_WORDS.has(canonical)) return [{ kind: 'whole', raw: trimmed, canonical: 'whole' }];
  return [{ kind: 'other', raw: trimmed, canonical }];
}
