/**
 * The one internal model every input syntax is read into: a sequence of
 * blocks (headings, text lines, table rows, page breaks) whose table cells
 * are hast trees with positions in the whole input file. TAB rows, GFM pipe
 * tables and HTML tables all end up as `row` blocks.
 */
import type { Element, ElementContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { cellParagraphs } from './cell-text.js';
import { pushReversed } from '../arrays.js';

/** One table cell: its hast content and where it starts in the input. */
export interface CellNode {
  children: ElementContent[];
  line: number;
  column: number;
  offset: number;
  /** The cell spans every column of its row (`colspan`): a heading row. */
  spansRow: boolean;
  /** The cell was repeated from a row above by `rowspan`. */
  fromRowspan: boolean;
}

export type Block =
  /** A blank line: in converter output, a page break of the PDF. */
  | { type: 'break'; line: number }
  | { type: 'separator'; line: number }
  | { type: 'heading'; line: number; column: number; text: string; style: 'bracket' | 'bold' | 'atx' | 'html' | 'plain'; depth: number }
  /** `inCell`: the only filled cell of a table row, read as a line (a spreadsheet prints each line of a notice in a row). */
  /** `listItem`: the text of an HTML `<li>`, whose bullet or number the page draws and the text does not hold. */
  | { type: 'text'; line: number; column: number; text: string; inCell?: boolean; listItem?: boolean }
  /** One table row; `null` marks a slot covered by a cell's colspan. */
  /** `record`: a record of label rows, transposed (record-tables.ts), where no cell is merged with the one above. */
  /** `category`: a number listed under this category, with no words of its own (category-lists.ts, family F). */
  | { type: 'row'; line: number; endLine: number; start: number; end: number; cells: (CellNode | null)[]; texts: string[]; record?: boolean; category?: string }
  /** A bullet of a list after the table that prints opinions without answers (`その他の主な御意見`, closing-list.ts). */
  | { type: 'item'; line: number; endLine: number; start: number; end: number; cell: CellNode }
  /** The end of an HTML or GFM table (TAB rows have none: a non-row block ends them). */
  | { type: 'table-end'; line: number };

export type RowBlock = Extract<Block, { type: 'row' }>;

/** A line of text outside the tables: a heading where it is all one bracketed title (`【総論】`), else text. */
export function textLineBlock(text: string, line: number, column: number): Block {
  return /^【[^【】]+】$/.test(text) ? { type: 'heading', line, column, text, style: 'bracket', depth: 0 } : { type: 'text', line, column, text };
}

/** A table cell's text on one line, from the paragraphs that row assembly reads too (so each cell is converted once). */
export function rowCellText(cell: CellNode | null): string {
  return cellParagraphs(cell)
    .map((paragraph) => paragraph.text.replace(/\n/g, ' '))
    .join(' ');
}

/**
 * A cell's plain text with spaces collapsed, on one line or (lineBreak "\n")
 * keeping its lines: for header, heading-row and title-block reading only;
 * record text comes from the cell-text stage.
 */
export function cellPlainText(cell: CellNode | null, lineBreak: ' ' | '\n' = ' '): string {
  if (!cell) return '';
  const text = toText({ type: 'element', tagName: 'td', properties: {}, children: cell.children });
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join(lineBreak);
}

/** Is the whole cell one `<strong>`/`<b>` (a bold sub-heading in a table)? */
export function isAllBold(cell: CellNode | null): boolean {
  const content = cell?.children.filter((node) => !(node.type === 'text' && node.value.trim() === '')) ?? [];
  const only = content.length === 1 ? unwrapParagraph(content[0]) : undefined;
  return only?.type === 'element' && (only.tagName === 'strong' || only.tagName === 'b');
}

function unwrapParagraph(node: ElementContent | undefined): ElementContent | undefined {
  if (node?.type !== 'element' || node.tagName !== 'p') return node;
  const inner = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return inner.length === 1 ? inner[0] : node;
}

/**
 * The rows of an HTML table (hast) as a grid: `rowspan` repeats a cell into
 * the rows below (a 該当箇所 or response shared by several opinions),
 * `colspan` leaves `null` in the slots it covers so its text is counted once.
 */
export function tableRows(table: Element): RowBlock[] {
  const rows: RowBlock[] = [];
  const pending: { cell: CellNode; rowsLeft: number }[] = [];
  for (const tr of descendants(table, 'tr')) {
    const cells: (CellNode | null)[] = [];
    let column = 0;
    /** Columns this row took from the rowspan cells above, or opened a rowspan cell in. */
    const placed = new Set<number>();
    const fillPending = (): void => {
      for (let carried = pending[column]; carried && carried.rowsLeft > 0; carried = pending[column]) {
        cells[column] = { ...carried.cell, fromRowspan: true };
        carried.rowsLeft--;
        placed.add(column);
        column++;
      }
    };
    for (const td of tr.children) {
      if (td.type !== 'element' || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      fillPending();
      const colspan = positiveInteger(td.properties['colSpan']);
      const rowspan = positiveInteger(td.properties['rowSpan']);
      const start = td.position?.start;
      const cell: CellNode = {
        children: td.children,
        line: start?.line ?? tr.position?.start.line ?? 1,
        column: start?.column ?? 1,
        offset: start?.offset ?? 0,
        spansRow: false,
        fromRowspan: false,
      };
      cells[column] = cell;
      if (rowspan > 1) {
        pending[column] = { cell, rowsLeft: rowspan - 1 };
        placed.add(column);
      }
      for (let covered = 1; covered < colspan; covered++) cells[column + covered] = null;
      column += colspan;
    }
    // A rowspan cell covers its slot of each row it spans: also of a row whose own cells end before that slot,
    // and of a row whose colspan cell overlaps it (which keeps the slot), so that it never spills into a row below.
    pending.forEach((carried, index) => {
      if (!carried || carried.rowsLeft <= 0 || placed.has(index)) return;
      if (index >= column) cells[index] = { ...carried.cell, fromRowspan: true };
      carried.rowsLeft--;
    });
    const filled = cells.filter((cell) => cell !== null && cell !== undefined);
    const only = filled[0];
    if (filled.length === 1 && only && cells.length > 1) only.spansRow = true;
    const dense = Array.from(cells, (cell) => cell ?? null);
    rows.push({
      type: 'row',
      line: tr.position?.start.line ?? only?.line ?? 1,
      endLine: tr.position?.end.line ?? only?.line ?? 1,
      start: tr.position?.start.offset ?? only?.offset ?? 0,
      end: tr.position?.end.offset ?? only?.offset ?? 0,
      cells: dense,
      texts: dense.map(rowCellText),
    });
  }
  return rows;
}

function positiveInteger(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(number) && number > 0 && number < 1000 ? number : 1;
}

/** Elements named `tagName` below `root`, in document order, not descending into nested tables. Iterative: cells may nest deeply. */
export function descendants(root: Element, tagName: string): Element[] {
  const found: Element[] = [];
  const stack: ElementContent[] = [...root.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type !== 'element') continue;
    if (node.tagName === tagName) found.push(node);
    else if (node.tagName !== 'table') pushReversed(stack, node.children);
  }
  return found;
}
