/**
 * FORMATS.md hard case 10: a table row whose TABs a PDF conversion lost, so
 * its cells ran together on one line (`2  適合性原則の…べき。  本監督指針は、…`).
 * Such a line sits among the TAB rows of a table; without this it would be a
 * note outside the table and its opinion would be lost. It is split where its
 * cells most likely meet, and the split is reported so the record is checked.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import { revisedFromFlag } from '../normalize/outcome.js';
import type { ColumnRole } from '../normalize/columns.js';

/** A run of two or more spaces (ASCII, NBSP or U+3000): where a layout conversion left the gap between two columns. */
const GAP = /[ \u00a0\u3000]{2,}/g;
/** The number that opens a row of a table with a number column: `2`, `No.12`, `3-1`, `4.` */
const LEADING_NUMBER = /^[ \u3000\f]*(?:No\.?[ \u3000]*)?[0-9０-９]+(?:[-－‐][0-9０-９]+)*[.．)）]?(?=[ \u00a0\u3000])/i;
/** Spaces before a cell's text; a form feed (`\f`) opens the first line of a page in pdftotext's output. */
const SPACES = /^[ \u00a0\u3000\f]*/;
/** The label that opens the opinion cell of a table without a number column (family A): `意見3`. */
const LEADING_LABEL = /^[ \u3000\f]*(?:<[^>]*>)*[ \u3000]*意見[ \u3000]*[0-9０-９]/;
/** A flag value alone at the end of the line, after a space, maybe in a paragraph of its own: `有`, `<p>無</p>`, `修正なし`. */
const TRAILING_FLAG = /[ \u00a0\u3000]+((?:<[^>]*>)*)([^ \u00a0\u3000<>]{1,6})(?:<[^>]*>)*[ \u00a0\u3000]*$/;
/** Words an answer often opens with: where no gap is left, a sentence end before one of them is the likeliest column boundary. */
export const ANSWER_START =
  /^(?:[御ご](?:意見|指摘|提案|要望|懸念|質問|理解|賛同)|(?:頂|いただ)いた|お見込み|[御ご]?見込み|本(?:案|改正案|ガイドライン|指針|監督指針|意見募集|件)|原案|今回の|貴重な)/;

/** Does `text` open with a row's number (`2`, `No.12`, `3-1`)? */
export function opensWithNumber(text: string): boolean {
  return LEADING_NUMBER.test(text);
}

/** Where each cell of the merged line starts and ends, in the line's text. */
export interface CellSpan {
  from: number;
  to: number;
}

/**
 * The cells of `text`, a line without TABs inside a table whose columns have
 * `roles`, or null when the line is no row of it or cannot be split with
 * confidence: it must open with the row's key (a number under a number column,
 * else `意見N`), and the gaps between its cells must be as many as the columns
 * need (a trailing flag may be missing; its cell is then empty). A table
 * without a number column may key no row (the e-Gov template): where the
 * line is `unlabelled` (it opens a row after a blank line or the header),
 * its gaps alone split it, as many as the columns need.
 */
export function splitMergedRow(text: string, roles: readonly (ColumnRole | null)[], unlabelled = false): CellSpan[] | null {
  if (!roles.includes('opinion') || !roles.includes('response') || text.includes('\t')) return null;
  const spans: CellSpan[] = [];
  let from = 0;
  let to = text.length;
  let inner = roles;
  if (roles[0] === 'number') {
    const number = LEADING_NUMBER.exec(text);
    if (!number) return null;
    spans.push({ from: 0, to: number[0].length });
    from = number[0].length + (SPACES.exec(text.slice(number[0].length))?.[0].length ?? 0);
    inner = inner.slice(1);
  } else if (!unlabelled && !LEADING_LABEL.test(text)) {
    return null;
  }
  let flag: CellSpan | null = null;
  if (inner.at(-1) === 'flag') {
    const trailing = TRAILING_FLAG.exec(text.slice(from));
    if (trailing?.[2] && revisedFromFlag(trailing[2]) !== null) {
      to = from + trailing.index;
      flag = { from: to, to: text.length };
    }
    inner = inner.slice(0, -1);
  }
  const cuts = gapsBetween(text, from, to, inner.length - 1, !unlabelled);
  if (!cuts) return null;
  for (const cut of cuts) {
    spans.push({ from, to: cut.start });
    from = cut.end;
  }
  spans.push({ from, to });
  if (flag) spans.push(flag);
  return spans.every((span) => text.slice(span.from, span.to).trim() !== '') ? spans : null;
}

interface Gap {
  start: number;
  end: number;
}

/**
 * `wanted` boundaries between `from` and `to`: the gaps of two or more spaces
 * when there are exactly as many; else, where it may `guess`, for one
 * boundary, the one gap (or the one sentence end) before an answer's usual
 * opening words. Gaps inside a tag are no boundary.
 */
function gapsBetween(text: string, from: number, to: number, wanted: number, guess: boolean): Gap[] | null {
  if (wanted === 0) return [];
  const gaps: Gap[] = [];
  for (const match of text.slice(from, to).matchAll(GAP)) {
    const start = from + (match.index ?? 0);
    if (!insideTag(text, start)) gaps.push({ start, end: start + match[0].length });
  }
  if (gaps.length === wanted) return gaps;
  if (wanted !== 1 || !guess) return null;
  const beforeAnswer = (gap: Gap): boolean => ANSWER_START.test(text.slice(gap.end, to).replace(/^(?:<[^>]*>)+/, ''));
  const answerGaps = gaps.filter(beforeAnswer);
  if (answerGaps.length === 1) return answerGaps;
  if (gaps.length > 0) return null;
  const sentenceEnds: Gap[] = [];
  for (const match of text.slice(from, to).matchAll(/。[ \u3000]?/g)) {
    const start = from + (match.index ?? 0) + 1;
    if (start < to) sentenceEnds.push({ start, end: start + match[0].length - 1 });
  }
  const answerEnds = sentenceEnds.filter(beforeAnswer);
  return answerEnds.length === 1 ? answerEnds : null;
}

/** Is `index` inside a tag (`<p style="a  b">`), whose spaces are no column gap? */
function insideTag(text: string, index: number): boolean {
  return text.lastIndexOf('<', index) > text.lastIndexOf('>', index);
}

/** A note under a table (`※…`, `注1：…`, `(注)…`) or its closing `以上`: no cell's text. */
const NOTE_OPENING = /^[ \u3000\f]*(?:※|＊|\*|注[0-9０-９]*[:：]|[(（]注|以上[ \u3000]*$)/;
/** How far a wrapped piece may start from its column's text, in characters or in display columns. */
const ALIGNMENT = 2;

/** A piece of a wrapped line: the column it is under, where it is on its line, and whether it starts inside the column rather than where the column's text starts. */
export interface WrappedPiece {
  column: number;
  span: CellSpan;
  /** Right-aligned or centred text (a submitter's mark `【株式会社A】` under the opinion): a paragraph of its own. */
  inset: boolean;
}

/**
 * A line under a row split as above, onto which a layout conversion wrapped
 * the row's cells (`pdftotext -layout`: `        示すべきである。      以下のとおり修正します。`,
 * its number cell blank): its pieces, parted by gaps, each with the column
 * whose text in `row` starts where the piece starts. A place is counted both
 * in characters and in display columns (a CJK character is one character but
 * two columns wide), as converters align either. A piece that starts inside a
 * column, both counts agreeing which, and ends before the next column's text
 * is that column's inset text. Null when a piece starts under no column or
 * under the number column (`numbered`: a row of its own, or a note), or two
 * pieces fall to one column; for a line that opens a row (`意見3 …`) or a
 * note (`※…`).
 */
export function splitWrappedLine(text: string, row: string, rowSpans: readonly CellSpan[], numbered: boolean): WrappedPiece[] | null {
  if (text.includes('\t') || text.trim() === '' || NOTE_OPENING.test(text) || (!numbered && LEADING_LABEL.test(text))) return null;
  const starts = rowSpans.map((span) => span.from + (SPACES.exec(row.slice(span.from, span.to))?.[0].length ?? 0));
  // Widths summed along the row, so that a row of many cells costs its length once.
  const startWidths = starts.map((start, index) => displayWidth(row.slice(starts[index - 1] ?? 0, start)));
  for (let index = 1; index < startWidths.length; index++) startWidths[index] = (startWidths[index] as number) + (startWidths[index - 1] as number);
  const pieces: WrappedPiece[] = [];
  let from = SPACES.exec(text)?.[0].length ?? 0;
  const end = text.trimEnd().length;
  // Each piece goes to a column right of the one before: after as many pieces as columns, the loop ends.
  for (const gap of [...text.slice(0, end).matchAll(GAP), null]) {
    const to = gap ? (gap.index ?? 0) : end;
    if (to > from) {
      const width = displayWidth(text.slice(0, from));
      const aligned = starts.findIndex((start, index) => Math.abs(start - from) <= ALIGNMENT || Math.abs((startWidths[index] as number) - width) <= ALIGNMENT);
      const column = aligned >= 0 ? aligned : insetColumn(starts, startWidths, from, to, width + displayWidth(text.slice(from, to)), width);
      if (column < 0 || (numbered && column === 0) || column <= (pieces.at(-1)?.column ?? -1)) return null;
      pieces.push({ column, span: { from, to }, inset: aligned < 0 });
    }
    if (gap) from = (gap.index ?? 0) + gap[0].length;
  }
  return pieces.length > 0 ? pieces : null;
}

/** The column a piece from `from` to `to` (`width` to `widthTo` in display columns) lies inside, both counts agreeing; -1 for none. */
function insetColumn(starts: readonly number[], startWidths: readonly number[], from: number, to: number, widthTo: number, width: number): number {
  const column = starts.findLastIndex((start) => start <= from);
  if (column < 0 || column !== startWidths.findLastIndex((start) => start <= width)) return -1;
  const [next, nextWidth] = [starts[column + 1], startWidths[column + 1]];
  return next === undefined || nextWidth === undefined || to < next || widthTo < nextWidth ? column : -1;
}

/**
 * The columns `text` takes on a screen: two for a wide (CJK) character, one for
 * the others; an ambiguous one (○, ※) two unless `ambiguousAsWide` is false,
 * as pandoc counts it.
 */
export function displayWidth(text: string, ambiguousAsWide = true): number {
  let width = 0;
  for (const character of text) width += eastAsianWidth(character.codePointAt(0) ?? 0, { ambiguousAsWide });
  return width;
}
