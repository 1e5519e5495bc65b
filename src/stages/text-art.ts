/**
 * Family J of FORMATS.md: fixed-width text-art tables from old HTML pages
 * (`+−−+−−−+` borders, `|` between cells, text hard-wrapped inside each cell).
 * Each row is rebuilt from the pieces of its lines, column by column, before
 * anything is joined (hard case 11): the pieces of one cell are joined with
 * nothing between them, so a word or a code the wrap split (`(OM` / `P)`)
 * comes back whole. Rows are the runs of lines between borders; in a table
 * with no border between its rows, a line whose first cell is filled starts
 * the next row. Tables drawn with box-drawing characters (`┌──┬──┐`, as w3m
 * prints an HTML table) and pandoc's grid tables, whose cells hold markdown,
 * are read so too; one with merged cells is read by grid-table.ts.
 */
import type { VFile } from 'vfile';
import { rowCellText, type Block, type CellNode, type RowBlock } from './blocks.js';
import { JOINT_CHARACTERS, RULE_CHARACTERS, WALL_CHARACTERS } from './grid-table.js';
import { holdsMarkdownEscape } from './markdown-cell.js';
import { linePiece, wrappedCell, type LinePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/** A border line: joints (`+`, `┼`…) and runs of dashes (ASCII, U+2212 −, ―, ー, box-drawing ─ ━ ═) or `=`, maybe with pandoc's alignment colons. */
const BORDER = new RegExp(`^\\s*[${JOINT_CHARACTERS}](?::?[${RULE_CHARACTERS}]+:?[${JOINT_CHARACTERS}])+\\s*$`);
const BAR = new RegExp(`[${WALL_CHARACTERS}]`);
/** A line of cells: it opens and closes with a bar. */
const ROW_LINE = new RegExp(`^\\s*${BAR.source}.*${BAR.source}\\s*$`);
/** A rule under some cells only, beside a cell spanning it (merged cells): `+----+     |`, `├────┤     │`. */
const PARTIAL_BORDER = new RegExp(`^\\s*[${JOINT_CHARACTERS}][${RULE_CHARACTERS}:]+[${JOINT_CHARACTERS}].*[${WALL_CHARACTERS}${JOINT_CHARACTERS}]\\s*$`);

/** A rule as pandoc draws one, in ASCII, whole or beside a cell spanning it: `+----+====+`, `|    +:---+    |`. */
const PANDOC_RULE = /\+:?[-=]+:?\+/;
/** The top rule of a pandoc grid table. */
const PANDOC_BORDER = /^\s*\+(?::?[-=]+:?\+)+\s*$/;
/** The rule under a pandoc grid table's header. */
const PANDOC_HEADER_RULE = /^\s*\+(?::?=+:?\+)+\s*$/;

export function isTextArtBorder(text: string): boolean {
  return BORDER.test(text);
}

export function isTextArtLine(text: string): boolean {
  return BORDER.test(text) || ROW_LINE.test(text) || PARTIAL_BORDER.test(text);
}


/**
 * Is the table one pandoc wrote (its cells then hold markdown)? Its rules are
 * ASCII, every cell keeps a space from its bars, as pandoc pads them (an old
 * text-art table fills its cells to the bar), and it rules its header with
 * `=` or escapes a character as markdown does. A table typed by hand in
 * ASCII is not read as markdown: its `1.` stays a number, not a list.
 */
export function isPandocGrid(lines: readonly Line[]): boolean {
  const [top] = lines;
  if (!top || !PANDOC_BORDER.test(top.text)) return false;
  if (!lines.some((line) => PANDOC_HEADER_RULE.test(line.text) || holdsMarkdownEscape(line.text))) return false;
  return lines.every((line) => PANDOC_RULE.test(line.text) || piecesOf(line).every(({ line: { text }, from, text: piece }) => piece === '' || (text.charAt(from - 1) === ' ' && text.charAt(from + piece.length) === ' ')));
}

/** The rows of a text-art table (`lines` from a border to the last line of the table), then its end. */
export function textArtTable(lines: readonly Line[], file: VFile, markdown = false): Block[] {
  const groups: Line[][] = [];
  let group: Line[] = [];
  for (const line of lines) {
    if (BORDER.test(line.text)) {
      if (group.length > 0) groups.push(group);
      group = [];
    } else {
      group.push(line);
    }
  }
  if (group.length > 0) groups.push(group);
  const [head, ...body] = groups;
  if (!head) return lines.map((line) => ({ type: 'separator', line: line.number }));
  const columns = piecesOf(head[0] as Line).length;
  // With a border between every row, each run of lines is a row; with none, a filled first cell starts one.
  const rows = groups.length > 2 ? groups : [head, ...body.flatMap((lines) => splitAtFilledFirstCell(lines))];
  const last = lines.at(-1) as Line;
  return [...rows.map((row) => rowOf(row, columns, markdown, file)), { type: 'table-end', line: last.number }];
}

function splitAtFilledFirstCell(lines: readonly Line[]): Line[][] {
  const rows: Line[][] = [];
  for (const line of lines) {
    const current = rows.at(-1);
    if (!current || (piecesOf(line)[0]?.text ?? '') !== '') rows.push([line]);
    else current.push(line);
  }
  return rows;
}

/** The cells of one line, split at its bars (the opening and closing bars excluded). */
function piecesOf(line: Line): LinePiece[] {
  const open = line.text.search(BAR);
  const close = line.text.trimEnd().length - 1;
  const pieces: LinePiece[] = [];
  let from = open + 1;
  for (let index = from; index <= close; index++) {
    if (index === close || BAR.test(line.text.charAt(index))) {
      // A blank cell stays a piece, so that the cells after it keep their columns.
      pieces.push(linePiece(line, from, index) ?? { line, from, text: '' });
      from = index + 1;
    }
  }
  return pieces;
}

/**
 * A row of the table. A line with fewer cells than the header (a group row
 * such as `|項目|網使用料|`, whose cells merge columns) makes the row one cell
 * spanning it: a topic, as a colspan row is.
 */
function rowOf(lines: readonly Line[], columns: number, markdown: boolean, file: VFile): RowBlock {
  const pieces = lines.map(piecesOf);
  const merged = pieces.some((line) => line.length < columns);
  const cells: (CellNode | null)[] = merged
    ? [wrappedCell(pieces.flat().filter((piece) => piece.text !== ''), file, markdown)]
    : Array.from({ length: pieces.reduce((most, line) => Math.max(most, line.length), columns) }, (_, column) => wrappedCell(pieces.map((line) => line[column]).filter((piece) => piece !== undefined), file, markdown));
  const only = cells[0];
  if (merged && only) only.spansRow = true;
  const first = lines[0] as Line;
  const last = lines.at(-1) as Line;
  return { type: 'row', line: first.number, endLine: last.number, start: first.start, end: last.end, cells, texts: cells.map(rowCellText) };
}
