/**
 * Tables ruled by runs of dashes, as pandoc writes a Word table in markdown
 * (its simple and multiline tables): the header, a line of one run of dashes
 * per column (`----  ------  ----`) that says where each column starts, and
 * the rows under it. A multiline table opens and closes with a line of dashes
 * across it, and blank lines part its rows, each row's cells wrapped onto the
 * lines below; a simple table prints a row per line and ends at a blank line.
 * Columns are cut where the runs start, in display columns (pandoc pads a
 * Japanese character to two), so a cell left blank keeps the cells after it in
 * their columns: no guessing from gaps, as for a row whose TABs were lost.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { rowCellText, type Block, type RowBlock } from './blocks.js';
import { displayWidth } from './merged-row.js';
import { holdsMarkdownEscape } from './markdown-cell.js';
import { linePiece, wrappedCell, type LinePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/** A line of dashes across the table: the top and bottom of a multiline table. */
const FULL_RULE = /^\s*-{3,}\s*$/;
/** The line under the header: a run of dashes per column, parted by spaces. */
const COLUMN_RULE = /^\s*-{3,}(?: +-{3,})+\s*$/;

/** How many lines a multiline table's header may take between its top rule and its column rule. */
const MAX_HEADER_LINES = 4;

/**
 * The table that starts at `lines[index]` (its top rule, or its header over
 * the column rule), read into rows, and the index of its last line; null when
 * no such table starts there.
 */
export function dashRuledTable(lines: readonly Line[], index: number, file: VFile): { blocks: Block[]; last: number } | null {
  const line = lines[index] as Line;
  if (!line.text.includes('---') && !lines[index + 1]?.text.includes('---')) return null;
  const multiline = FULL_RULE.test(line.text);
  const rule = multiline ? columnRuleAfter(lines, index) : COLUMN_RULE.test(lines[index + 1]?.text ?? '') && line.text.trim() !== '' ? index + 1 : -1;
  if (rule < 0) return null;
  const starts = runStarts((lines[rule] as Line).text);
  const header = lines.slice(multiline ? index + 1 : index, rule);
  const last = multiline ? closingRule(lines, rule) : rowsEnd(lines, rule);
  const body = lines.slice(rule + 1, multiline ? last : last + 1);
  const rows = multiline ? partedByBlankLines(body) : body.map((each) => [each]);
  // pandoc's multiline tables, and tables that escape as markdown does, hold markdown; a simple table may be typed by hand (`1.` a number).
  const markdown = multiline || [header, ...rows].flat().some((each) => holdsMarkdownEscape(each.text));
  const blocks: Block[] = [header, ...rows].map((rowLines) => rowOf(rowLines, starts, markdown, file));
  blocks.push({ type: 'table-end', line: (lines[last] as Line).number });
  return { blocks, last };
}

/** The column rule under a multiline table's header, within a few lines of its top rule; -1 for none. */
function columnRuleAfter(lines: readonly Line[], top: number): number {
  for (let at = top + 1; at <= top + MAX_HEADER_LINES + 1 && at < lines.length; at++) {
    const text = (lines[at] as Line).text;
    if (COLUMN_RULE.test(text)) return at > top + 1 ? at : -1;
    if (text.trim() === '' || FULL_RULE.test(text)) return -1;
  }
  return -1;
}

/** The bottom rule of a multiline table, or its last line when the file ends first. */
function closingRule(lines: readonly Line[], rule: number): number {
  for (let at = rule + 1; at < lines.length; at++) if (FULL_RULE.test((lines[at] as Line).text)) return at;
  return lines.length - 1;
}

/** The last row of a simple table: the line before a blank line or a rule. */
function rowsEnd(lines: readonly Line[], rule: number): number {
  let at = rule;
  while (at + 1 < lines.length && (lines[at + 1] as Line).text.trim() !== '' && !FULL_RULE.test((lines[at + 1] as Line).text)) at++;
  return at;
}

function partedByBlankLines(body: readonly Line[]): Line[][] {
  const rows: Line[][] = [];
  let current: Line[] = [];
  for (const line of body) {
    if (line.text.trim() !== '') {
      current.push(line);
    } else if (current.length > 0) {
      rows.push(current);
      current = [];
    }
  }
  if (current.length > 0) rows.push(current);
  return rows;
}

/** The display column where each run of dashes starts, an ambiguous character (○, ※) one column wide, as pandoc pads it. */
function runStarts(rule: string): number[] {
  return [...rule.matchAll(/-+/g)].map((match) => displayWidth(rule.slice(0, match.index), false));
}

/**
 * A row of the table from its lines: each column's pieces, a piece per line,
 * a wrapped line going on with the one above (pandoc wraps at spaces).
 * A line whose text runs across where a column starts cannot be cut for sure:
 * it is cut there all the same, with a `cells-merged` warning.
 */
function rowOf(rowLines: readonly Line[], starts: readonly number[], markdown: boolean, file: VFile): RowBlock {
  const columns: LinePiece[][] = starts.map(() => []);
  for (const line of rowLines) {
    const cuts = cutsOf(line.text, starts);
    cuts.forEach((from, column) => {
      const piece = linePiece(line, from, cuts[column + 1] ?? line.text.length);
      if (piece) columns[column]?.push(piece);
    });
    const across = cuts.findIndex((cut, column) => column > 0 && cut > 0 && cut < line.text.length && /\S/.test(line.text.charAt(cut - 1)) && /\S/.test(line.text.charAt(cut)));
    if (across > 0) {
      const place = { line: line.number, column: (cuts[across] as number) + 1, offset: line.start + (cuts[across] as number) };
      report(file, 'cells-merged', `Unexpected text across the start of column ${across + 1} of a table ruled by dashes, expected a space before each column: the line was cut where the column's dashes start; check the split`, place);
    }
  }
  const cells = columns.map((pieces) => (pieces.length > 0 ? wrappedCell(pieces, file, markdown) : null));
  const [first, last] = [rowLines[0] as Line, rowLines.at(-1) as Line];
  return { type: 'row', line: first.number, endLine: last.number, start: first.start, end: last.end, cells, texts: cells.map(rowCellText) };
}

/** The index in `text` where each column starts: the first character at or past its display column. */
function cutsOf(text: string, starts: readonly number[]): number[] {
  const cuts: number[] = [];
  let width = 0;
  let index = 0;
  for (const start of starts) {
    while (index < text.length && width < start) {
      const codePoint = text.codePointAt(index) as number;
      width += eastAsianWidth(codePoint);
      index += codePoint > 0xffff ? 2 : 1;
    }
    cuts.push(index);
  }
  return cuts;
}
