/**
 * Rows of a spreadsheet's TAB or CSV export (Excel's テキスト (タブ区切り) or
 * CSV, tabula): a cell holding a line break, a delimiter or a quote is printed
 * in quotes, its quotes doubled (`1⇥"要望です。⏎理由は""A""です。"⇥考え方`), so
 * one row spans several lines. Such a record is read with csv-parse; its
 * cells keep their positions in the input, a paragraph per line of a quoted cell.
 */
import { parse } from 'csv-parse/sync';
import type { VFile } from 'vfile';
import { rowCellText, type Block, type CellNode, type RowBlock } from './blocks.js';
import { cellOfLinePieces, lineCell, linePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/** A record longer than this many lines is taken for a stray quote: a spreadsheet cell this long is no opinion of a notice. */
const MAX_RECORD_LINES = 64;

/** A TAB cell that opens with a quote. */
const QUOTED_CELL = /(?:^|\t)"/;

/** A whole TAB cell in quotes with a doubled quote inside (`"""クラウド""という語"`): only a spreadsheet prints that. */
const ESCAPED_QUOTE_CELL = /(?:^|\t)"(?:[^"\t]|"")*""(?:[^"\t]|"")*"(?=\t|$)/;

/**
 * Does `lines` hold spreadsheet quoting: a row whose quoted cell runs onto
 * the next line, or a quoted cell with a doubled quote inside? Only then are
 * quoted cells unquoted: a converter's cell may start with a quote of its own
 * (`"クラウド"という語`).
 */
export function hasSpreadsheetQuoting(lines: readonly Line[]): boolean {
  return lines.some((line, index) => QUOTED_CELL.test(line.text) && (ESCAPED_QUOTE_CELL.test(line.text) || (recordLines(lines, index)?.length ?? 0) > 1));
}

/**
 * The lines of the record that a quoted cell opens on `lines[index]`: up to
 * where its quotes close, if that is within {@link MAX_RECORD_LINES} and a TAB
 * is among them (a row's first cell may run over lines before its first TAB;
 * a line of text that opens with a quote has none).
 */
function recordLines(lines: readonly Line[], index: number): Line[] | null {
  const last = recordEnd(lines, index);
  const spanned = last < 0 ? [] : lines.slice(index, last + 1);
  return spanned.some((line) => line.text.includes('\t')) ? spanned : null;
}

/**
 * The spreadsheet record that starts on `lines[index]`, as a row, and the
 * index of its last line; null for a line with no quoted cell, or one whose
 * quotes csv-parse does not read as one record (the line is then read as
 * any TAB row is).
 */
export function spreadsheetRecord(lines: readonly Line[], index: number, file: VFile): { row: RowBlock; last: number } | null {
  const first = lines[index] as Line;
  const spanned = QUOTED_CELL.test(first.text) ? recordLines(lines, index) : null;
  if (!spanned) return null;
  const row = recordRow(spanned, '\t', file);
  return row && { row, last: index + spanned.length - 1 };
}

/**
 * The rows of a spreadsheet's CSV export (tabula's default, Excel's CSV):
 * every line is a record, its fields parted by commas, a quoted field running
 * over lines as in a TAB export. A line of the notice is a record of one
 * field. A record csv-parse cannot read is its line as one cell, unread text
 * that later stages report.
 */
export function csvRows(lines: readonly Line[], file: VFile): Block[] {
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Line;
    if (line.text.trim() === '') {
      blocks.push({ type: 'break', line: line.number });
      continue;
    }
    const last = Math.max(index, recordEnd(lines, index));
    const spanned = lines.slice(index, last + 1);
    const row = recordRow(spanned, ',', file);
    if (row) {
      blocks.push(row);
      index = last;
    } else {
      const cell = lineCell(line, 0, line.text.length, file);
      blocks.push({ type: 'row', line: line.number, endLine: line.number, start: line.start, end: line.end, cells: [cell], texts: [rowCellText(cell)] });
    }
  }
  return blocks;
}

/** The lines of one record, read with csv-parse into a row whose cells keep their positions; null when they are no one record. */
function recordRow(spanned: readonly Line[], delimiter: '\t' | ',', file: VFile): RowBlock | null {
  const text = spanned.map((line) => line.text).join('\n');
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, record_delimiter: '\n' });
  } catch {
    return null;
  }
  const [only] = records;
  if (records.length !== 1 || !only) return null;
  const fields = fieldSpans(text, only);
  if (!fields) return null;
  const lineStarts = [0];
  for (const line of spanned.slice(0, -1)) lineStarts.push((lineStarts.at(-1) as number) + line.text.length + 1);
  const cells = fields.map((field) => fieldCell(spanned, lineStarts, field, file));
  const [first, end] = [spanned[0] as Line, spanned.at(-1) as Line];
  return { type: 'row', line: first.number, endLine: end.number, start: first.start, end: end.end, cells, texts: cells.map(rowCellText) };
}

/**
 * The index of the line where the record opening on `lines[index]` ends: the
 * first at which its quotes are even in number again (a quote opens or closes
 * a cell, or is doubled inside one); -1 when none is within {@link MAX_RECORD_LINES}.
 */
function recordEnd(lines: readonly Line[], index: number): number {
  let quotes = 0;
  for (let at = index; at < Math.min(lines.length, index + MAX_RECORD_LINES); at++) {
    quotes += countQuotes((lines[at] as Line).text);
    if (quotes % 2 === 0) return at;
  }
  return -1;
}

function countQuotes(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) count++;
  return count;
}

/** Where a field's text lies in the record's text, and whether it was quoted (its quotes doubled inside). */
interface FieldSpan {
  from: number;
  to: number;
  quoted: boolean;
}

/**
 * The spans of `values` (csv-parse's fields) in `text`, the raw record: a
 * quoted field is its value with each quote doubled, between two quotes.
 * Null if the text does not print them so, or holds more.
 */
function fieldSpans(text: string, values: readonly string[]): FieldSpan[] | null {
  const spans: FieldSpan[] = [];
  let at = 0;
  for (const value of values) {
    const quoted = text.startsWith('"', at);
    const printed = quoted ? value.replaceAll('"', '""') : value;
    const from = quoted ? at + 1 : at;
    if (!text.startsWith(printed, from)) return null;
    spans.push({ from, to: from + printed.length, quoted });
    at = from + printed.length + (quoted ? 1 : 0) + 1;
  }
  // Past the last field's end is where a delimiter would follow it.
  return at === text.length + 1 ? spans : null;
}

/**
 * The cell of one field (`lineStarts`: where each line begins in the record's
 * text). An unquoted field lies on one line and is parsed as a TAB cell is. A
 * quoted one gives a paragraph per line it prints, its doubled quotes read as
 * one (columns after them on the same line are one short for each).
 */
function fieldCell(lines: readonly Line[], lineStarts: readonly number[], field: FieldSpan, file: VFile): CellNode {
  const parts = lines.flatMap((line, index) => {
    const lineFrom = lineStarts[index] as number;
    const lineTo = lineFrom + line.text.length;
    return field.from <= lineTo && field.to >= lineFrom ? [{ line, from: Math.max(field.from, lineFrom) - lineFrom, to: Math.min(field.to, lineTo) - lineFrom }] : [];
  });
  const first = parts[0] as (typeof parts)[number];
  if (!field.quoted) return lineCell(first.line, first.from, first.to, file);
  const pieces = parts.map(({ line, from, to }) => linePiece(line, from, to)).map((piece) => piece && { ...piece, text: piece.text.replaceAll('""', '"') });
  return cellOfLinePieces(pieces, file) ?? lineCell(first.line, first.from, first.from, file);
}
