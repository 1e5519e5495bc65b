/**
 * Rows that a layout conversion (`pdftotext -layout`, FORMATS.md hard cases 10
 * and 11) printed with spaces where the TABs were: a header whose words each
 * name a column, and under it rows split at their gaps (merged-row.ts), with
 * the lines below each row that hold its cells wrapped.
 */
import type { VFile } from 'vfile';
import { rowCellText, type CellNode, type RowBlock } from './blocks.js';
import { report } from '../diagnostics.js';
import { cellOfPieces, lineCell, linePiece } from './parse-cells.js';
import { splitMergedRow, splitWrappedLine, type CellSpan } from './merged-row.js';
import { columnRole, type ColumnRole } from '../normalize/columns.js';
import { preview } from './assemble-rows.js';
import type { Line } from './segment.js';

/** A page number that a PDF converter left on its own line (`1/17`, `- 3 -`, `－3－`): a page break, as a blank line is. */
export const PAGE_NUMBER = /^\s*(?:[0-9０-９]{1,4}\s*[/／]\s*[0-9０-９]{1,4}|[-－―‐]\s*[0-9０-９]{1,4}\s*[-－―‐])\s*$/;

/** A row of short cells that each name a column, among them the opinion and its answer. */
export function isHeaderRow(texts: readonly string[]): boolean {
  if (texts.length < 2 || texts.some((text) => text.length > 40)) return false;
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
    const cells = next && pieces ? spans.map((span, column) => cellWithWraps(line, span, column, [{ line: next, pieces }], file)) : null;
    if (next && cells && isHeaderRow(cells.map(rowCellText))) {
      return { row: { type: 'row', line: line.number, endLine: next.number, start: line.start, end: next.end, cells, texts: cells.map(rowCellText) }, last: index + 1 };
    }
  }
  return null;
}

/** Two spaces or more: the gap a layout conversion leaves between two columns. */
const WIDE_GAP = /[ \u00a0\u3000]{2,}/g;
/** More cells than a header of an opinion table has: a line of such words is no header. */
const MAX_HEADER_CELLS = 12;

/**
 * A line of a TAB table whose cells ran together (merged-row.ts) as the row it was, with the
 * lines below it that hold its cells wrapped (`pdftotext -layout`), each cell's pieces joined
 * with nothing between them, as a text-art table's are; reported for a check.
 */
export function mergedRow(lines: readonly Line[], index: number, roles: readonly (ColumnRole | null)[], file: VFile): { row: RowBlock; last: number } | null {
  const line = lines[index] as Line;
  const spans = splitMergedRow(line.text, roles);
  if (!spans) return null;
  const wraps: WrappedLine[] = [];
  for (let next = lines[index + 1]; next; next = lines[index + 1 + wraps.length]) {
    const pieces = splitWrappedLine(next.text, line.text, spans, roles[0] === 'number');
    if (!pieces) break;
    wraps.push({ line: next, pieces });
  }
  const cells = spans.map((span, column) => cellWithWraps(line, span, column, wraps, file));
  // A flag the line does not print is an empty cell, as an empty TAB cell is.
  if (cells.length < roles.length) cells.push(lineCell(line, line.text.length, line.text.length, file));
  // The first boundary that was guessed: the one after the opinion (a number before it is certain).
  const guessed = spans[roles[0] === 'number' ? 2 : 1] as CellSpan;
  const texts = cells.map(rowCellText);
  const below = wraps.length === 0 ? '' : ` (with the ${wraps.length === 1 ? 'line' : `${wraps.length} lines`} below it, read as its cells wrapped, each piece under the column where it starts)`;
  report(
    file,
    'cells-merged',
    `Unexpected row without TABs between its cells (they ran together on one line), expected ${roles.length} cells separated by TABs: it was split into ${texts.map((text) => `「${preview(text)}」`).join(' ')}${below}; check the split`,
    { line: line.number, column: guessed.from + 1, offset: line.start + guessed.from },
  );
  const last = wraps.at(-1)?.line ?? line;
  return { row: { type: 'row', line: line.number, endLine: last.number, start: line.start, end: last.end, cells, texts }, last: index + wraps.length };
}

/** A line under a split row or header that holds its cells wrapped: its pieces, each with the column it is under (merged-row.ts). */
interface WrappedLine {
  line: Line;
  pieces: { column: number; span: CellSpan }[];
}

/** The cell `span` of `line`, with the pieces the wrapped lines below it hold under its column joined to it, nothing between them. */
function cellWithWraps(line: Line, span: CellSpan, column: number, wraps: readonly WrappedLine[], file: VFile): CellNode {
  const below = wraps.flatMap((wrap) => wrap.pieces.filter((piece) => piece.column === column).map((piece) => linePiece(wrap.line, piece.span.from, piece.span.to)));
  if (below.length === 0) return lineCell(line, span.from, span.to, file);
  const pieces = [linePiece(line, span.from, span.to), ...below].filter((piece) => piece !== null);
  return cellOfPieces([pieces], file) ?? lineCell(line, span.from, span.to, file);
}
