/**
 * Rows that a layout conversion (`pdftotext -layout`, FORMATS.md hard cases 10
 * and 11) printed with spaces where the TABs were: a header whose words each
 * name a column, and under it rows split at their gaps (merged-row.ts), with
 * the lines below each row that hold its cells wrapped; a row that leaves a
 * cell blank, read under the columns of the row above; and the lines after a
 * page break that go on with the row the page cut. Each is reported for a
 * check, as the split is a guess.
 */
import type { VFile } from 'vfile';
import { rowCellText, type CellNode, type RowBlock } from './blocks.js';
import { report } from '../diagnostics.js';
import { cellOfPieces, lineCell, linePiece, type LinePiece } from './parse-cells.js';
import { opensWithNumber, splitMergedRow, splitWrappedLine, type CellSpan, type WrappedPiece } from './merged-row.js';
import { PAGE_NUMBER, wrappedParagraphs } from './pdf-lines.js';
import { columnRole, type ColumnRole } from '../normalize/columns.js';
import { preview } from './assemble-rows.js';
import type { Line } from './segment.js';

/** The most characters a header cell names its column with: a longer cell is a row's text. */
export const MAX_HEADER_CELL = 40;

/** A row of short cells that each name a column, among them the opinion and its answer. */
export function isHeaderRow(texts: readonly string[]): boolean {
  if (texts.length < 2 || texts.some((text) => text.length > MAX_HEADER_CELL)) return false;
  const roles = texts.map(columnRole);
  return roles.includes('opinion') && roles.includes('response') && roles.every((role) => role !== null);
}

/**
 * A header row whose TABs were lost too (`番号 コメントの概要 金融庁の考え方`, S8): a line
 * without TABs whose words, parted by gaps of spaces (else by single spaces), each name a
 * column, among them the opinion and its answer; or, its words parted by gaps, with the
 * words a narrow column wrapped onto the line below (`修正の` / `有無`) under the column
 * where they start. The rows below it are read as rows whose cells ran together (merged-row.ts).
 */
export function spacedHeaderRow(lines: readonly Line[], index: number, file: VFile): { row: RowBlock; last: number } | null {
  const line = lines[index] as Line;
  if (/[\t|<]/.test(line.text)) return null;
  for (const gap of [WIDE_GAP, /[ \u00a0\u3000]+/g]) {
    const spans: CellSpan[] = [];
    let from = line.text.length - line.text.trimStart().length;
    for (const match of line.text.trimEnd().matchAll(gap)) {
      if (match.index > from) spans.push({ from, to: match.index });
      from = match.index + match[0].length;
    }
    spans.push({ from, to: line.text.trimEnd().length });
    const texts = spans.map((span) => line.text.slice(span.from, span.to));
    if (spans.length < 2) continue;
    if (isHeaderRow(texts)) {
      const cells = spans.map((span) => lineCell(line, span.from, span.to, file));
      return { row: { type: 'row', line: line.number, endLine: line.number, start: line.start, end: line.end, cells, texts: cells.map(rowCellText) }, last: index };
    }
    const next = lines[index + 1];
    const pieces = gap === WIDE_GAP && next && spans.length <= MAX_HEADER_CELLS && texts.some((text) => columnRole(text) === 'opinion' || columnRole(text) === 'response') ? splitWrappedLine(next.text, line.text, spans, false) : null;
    const cells = next && pieces ? spans.map((span, column) => headerCell(line, span, next, pieces.filter((piece) => piece.column === column), file)) : null;
    if (next && cells && isHeaderRow(cells.map(rowCellText))) {
      return { row: { type: 'row', line: line.number, endLine: next.number, start: line.start, end: next.end, cells, texts: cells.map(rowCellText) }, last: index + 1 };
    }
  }
  return null;
}

/** A header cell of `line`, with the words a narrow column wrapped onto `next` joined to it, nothing between them, wherever they stand in the column. */
function headerCell(line: Line, span: CellSpan, next: Line, below: readonly WrappedPiece[], file: VFile): CellNode {
  const cell = (): CellNode => lineCell(line, span.from, span.to, file);
  if (below.length === 0) return cell();
  return cellOfPieces([[linePiece(line, span.from, span.to), ...below.map((piece) => linePiece(next, piece.span.from, piece.span.to))].filter((piece) => piece !== null)], file) ?? cell();
}

/** Two spaces or more: the gap a layout conversion leaves between two columns. */
const WIDE_GAP = /[ \u00a0\u3000]{2,}/g;
/** More cells than a header of an opinion table has: a line of such words is no header. */
const MAX_HEADER_CELLS = 12;

/** The last row split at its gaps: the columns a row that leaves a cell blank, and the lines after a page break that the page cut, are read under. */
export interface SplitRow {
  line: Line;
  spans: CellSpan[];
  /** How many cells the row has, its flag among them where the line printed none. */
  width: number;
  numbered: boolean;
}

/**
 * A line of a TAB table whose cells ran together (merged-row.ts) as the row it was, with the
 * lines below it that hold its cells wrapped (`pdftotext -layout`), each piece under the
 * column where it starts (see {@link cellOfColumn}); reported for a check. A line that
 * `opensRow` (after a blank line or the header) needs no key in a table without numbers.
 */
export function mergedRow(lines: readonly Line[], index: number, roles: readonly (ColumnRole | null)[], opensRow: boolean, above: SplitRow | null, file: VFile): { row: RowBlock; last: number; split: SplitRow } | null {
  const line = lines[index] as Line;
  const spans = splitMergedRow(line.text, roles, opensRow);
  if (!spans) return above && above.width === roles.length ? rowUnderColumns(lines, index, above, file) : null;
  const split = { line, spans, width: roles.length, numbered: roles[0] === 'number' };
  const wraps = wrapsFrom(lines, index + 1, split);
  const cells = spans.map((span, column) => cellOfColumn(linePiece(line, span.from, span.to), column, wraps, file) ?? lineCell(line, span.from, span.to, file));
  // A flag the line does not print is an empty cell, as an empty TAB cell is.
  if (cells.length < roles.length) cells.push(lineCell(line, line.text.length, line.text.length, file));
  // The first boundary that was guessed: the one after the opinion (a number before it is certain).
  const guessed = spans[roles[0] === 'number' ? 2 : 1] as CellSpan;
  const texts = cells.map(rowCellText);
  const below = wraps.length === 0 ? '' : ` (with the ${wraps.length === 1 ? 'line' : `${wraps.length} lines`} below it, read as its cells wrapped, each piece under the column where it starts)`;
  report(
    file,
    'cells-merged',
    `Unexpected row without TABs between its cells (they ran together on one line), expected ${roles.length} cells separated by TABs: it was split into ${shown(texts)}${below}; check the split`,
    { line: line.number, column: guessed.from + 1, offset: line.start + guessed.from },
  );
  const last = wraps.at(-1)?.line ?? line;
  return { row: { type: 'row', line: line.number, endLine: last.number, start: line.start, end: last.end, cells, texts }, last: index + wraps.length, split };
}

/**
 * A numbered row whose gaps are fewer than its columns because it leaves a
 * cell blank (a response merged with the row above's, an empty flag): each
 * piece of its line goes to the column of the row above (`above`) that it
 * starts under, the number first; the cells it leaves blank are empty. Its
 * wrapped lines are read under the same columns. Reported for a check.
 */
function rowUnderColumns(lines: readonly Line[], index: number, above: SplitRow, file: VFile): { row: RowBlock; last: number; split: SplitRow } | null {
  const line = lines[index] as Line;
  const pieces = above.numbered && opensWithNumber(line.text) ? splitWrappedLine(line.text, above.line.text, above.spans, false) : null;
  if (!pieces || pieces[0]?.column !== 0 || pieces.length < 2 || pieces.some((piece) => piece.inset)) return null;
  const wraps = wrapsFrom(lines, index + 1, above);
  const cells = Array.from({ length: above.width }, (_, column) => {
    const own = pieces.find((piece) => piece.column === column)?.span;
    const head = own ? linePiece(line, own.from, own.to) : null;
    return cellOfColumn(head, column, wraps, file) ?? (own ? lineCell(line, own.from, own.to, file) : lineCell(line, line.text.length, line.text.length, file));
  });
  const texts = cells.map(rowCellText);
  const second = pieces[1] as WrappedPiece;
  report(
    file,
    'cells-merged',
    `Unexpected row without TABs between its cells that leaves ${above.width - pieces.length === 1 ? 'a cell' : `${above.width - pieces.length} cells`} blank, expected ${above.width} cells separated by TABs: each piece was read under the column of the row of line ${above.line.number} where it starts, into ${shown(texts)}; check the split`,
    { line: line.number, column: second.span.from + 1, offset: line.start + second.span.from },
  );
  const last = wraps.at(-1)?.line ?? line;
  return { row: { type: 'row', line: line.number, endLine: last.number, start: line.start, end: last.end, cells, texts }, last: index + wraps.length, split: above };
}

/**
 * Lines that go on with the cells of `split` after a page break (past a page
 * number and its header printed again at the top of the next page), the page
 * having cut the row: a row of their own with its number cell empty, which
 * row assembly joins to the opinion above as it does a TAB row the page cut.
 * Null unless the first line holds a piece where a column's text starts.
 * `opensRow` where a line under a column the first line leaves blank ended
 * them: it opens the next row.
 */
export function continuationRow(lines: readonly Line[], index: number, split: SplitRow, file: VFile): { row: RowBlock; last: number; opensRow: boolean } | null {
  const below = wrapsFrom(lines, index, split);
  // The cells a page cut go on from the top of the next page: a line with text under a column that its first line leaves blank opens the next row.
  const columns = new Set(below[0]?.pieces.map((piece) => piece.column));
  const opensAt = below.findIndex((wrap) => wrap.pieces.some((piece) => !columns.has(piece.column)));
  const wraps = opensAt < 0 ? below : below.slice(0, opensAt);
  const [first, last] = [wraps[0], wraps.at(-1)];
  if (!first || !last || first.pieces.every((piece) => piece.inset)) return null;
  const empty = (): CellNode => lineCell(first.line, first.line.text.length, first.line.text.length, file);
  const cells = Array.from({ length: split.width }, (_, column) => cellOfColumn(null, column, wraps, file) ?? empty());
  const texts = cells.map(rowCellText);
  const at = first.pieces[0] as WrappedPiece;
  report(
    file,
    'cells-merged',
    `Unexpected ${wraps.length === 1 ? 'line' : `${wraps.length} lines`} without TABs after a page break, expected a TAB row: read as the rest of the row of line ${split.line.number}, which the page cut (${shown(texts)}), each piece under the column where it starts; check the join`,
    { line: first.line.number, column: at.span.from + 1, offset: first.line.start + at.span.from },
  );
  return { row: { type: 'row', line: first.line.number, endLine: last.line.number, start: first.line.start, end: last.line.end, cells, texts }, last: index + wraps.length - 1, opensRow: opensAt >= 0 };
}

/** A row's cells as a message shows them: `「1」 「施行日を…」 「原案の…」`. */
function shown(texts: readonly string[]): string {
  return texts.map((text) => `「${preview(text)}」`).join(' ');
}

/** A line under a split row or header that holds its cells wrapped: its pieces, each with the column it is under (merged-row.ts). */
interface WrappedLine {
  line: Line;
  pieces: WrappedPiece[];
}

/** The lines from `index` on that hold the cells of `split` wrapped; a page number or the header printed again ends them. */
function wrapsFrom(lines: readonly Line[], index: number, split: Omit<SplitRow, 'width'>): WrappedLine[] {
  const wraps: WrappedLine[] = [];
  for (let next = lines[index]; next && !PAGE_NUMBER.test(next.text); next = lines[index + wraps.length]) {
    const pieces = splitWrappedLine(next.text, split.line.text, split.spans, split.numbered);
    if (!pieces || isHeaderRow(pieces.map((piece) => next.text.slice(piece.span.from, piece.span.to)))) break;
    wraps.push({ line: next, pieces });
  }
  return wraps;
}

/**
 * The cell of `column`: its text on the row's own line (`head`), then the
 * pieces the wrapped lines below hold under the column, in paragraphs (inset
 * text, such as a submitter's mark, one of its own; pdf-lines.ts). Null when
 * no wrapped line holds text under the column.
 */
function cellOfColumn(head: LinePiece | null, column: number, wraps: readonly WrappedLine[], file: VFile): CellNode | null {
  const below = wraps.flatMap((wrap) => wrap.pieces.flatMap((piece) => (piece.column === column ? [{ piece: linePiece(wrap.line, piece.span.from, piece.span.to), alone: piece.inset }] : [])));
  if (below.every(({ piece }) => piece === null)) return null;
  const pieces = [{ piece: head, alone: false }, ...below].flatMap(({ piece, alone }) => (piece ? [{ piece, alone }] : []));
  return cellOfPieces(wrappedParagraphs(pieces), file);
}
