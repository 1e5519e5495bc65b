/**
 * Opinions printed as records rather than rows: a table per opinion (or one
 * long table) whose rows each pair a label with its value, the label being
 * what a header cell would say (`番号 | 1`, `御意見の概要 | …`, `市の考え方 | …`).
 * Such a run of rows is turned into the blocks an ordinary table gives: a
 * header row of the labels, then a row per record of the values, so the
 * later stages read it as any table. The labels are structure, as a header
 * row's cells are: outside the character accounting.
 */
import { headerRole, type ColumnRole } from '../normalize/columns.js';
import type { Overrides } from '../schema/overrides.js';
import type { Block, CellNode, RowBlock } from './blocks.js';
import { pushAll } from '../arrays.js';

type Columns = NonNullable<Overrides['columns']>;

/** A row of one label and one value: the label's role, its text, the value's cell and text. */
interface Pair {
  row: RowBlock;
  role: ColumnRole;
  label: string;
  value: CellNode;
  valueText: string;
}

/** The blocks, with every run of label-value rows that names an opinion and a response made a header row and a row per record. */
export function transposeRecordTables(blocks: readonly Block[], columns: Columns = {}): Block[] {
  const out: Block[] = [];
  let index = 0;
  while (index < blocks.length) {
    const run = blocks[index]?.type === 'row' ? pairsFrom(blocks, index, columns) : { pairs: [], end: index };
    const roles = new Set(run.pairs.map((pair) => pair.role));
    if (roles.has('opinion') && roles.has('response')) {
      pushAll(out, recordRows(run.pairs));
    } else {
      // No part of a run names more roles than the whole: its blocks stay as they are, each looked at once.
      pushAll(out, blocks.slice(index, Math.max(run.end, index + 1)));
    }
    index = Math.max(run.end, index + 1);
  }
  return out;
}

/** The label-value rows from `start`, across the ends of tables and page breaks between them; `end` is the first block after them. */
function pairsFrom(blocks: readonly Block[], start: number, columns: Columns): { pairs: Pair[]; end: number } {
  const pairs: Pair[] = [];
  let end = start;
  for (let index = start; index < blocks.length; index++) {
    const block = blocks[index] as Block;
    if (block.type === 'table-end' || block.type === 'break') continue;
    const pair = block.type === 'row' ? pairOf(block, columns) : null;
    if (!pair) break;
    pairs.push(pair);
    end = index + 1;
  }
  // The ends of tables and breaks after the last pair stay where they were.
  return { pairs, end };
}

/**
 * A row of exactly a label and a value (which may be empty). Not a colspan row (a topic such as
 * `●基本的な考え方`), nor the header row of a two-column table, whose second
 * cell names a column too.
 */
function pairOf(row: RowBlock, columns: Columns): Pair | null {
  const present = row.cells.flatMap((cell, index) => (cell ? [{ cell, text: row.texts[index] ?? '' }] : []));
  const [key, value] = present;
  if (present.length !== 2 || !key || !value || key.text === '' || key.text.length > 30 || key.cell.spansRow) return null;
  const role = headerRole(key.text, columns);
  if (!role || role === 'ignore' || headerRole(value.text, columns) !== null) return null;
  return { row, role, label: key.text, value: value.cell, valueText: value.text };
}


/** A header row of the first record's labels, then a row per record: a record ends where a label comes again. */
function recordRows(pairs: readonly Pair[]): RowBlock[] {
  const records: Pair[][] = [];
  for (const pair of pairs) {
    const current = records.at(-1);
    if (!current || current.some((seen) => seen.role === pair.role)) records.push([pair]);
    else current.push(pair);
  }
  const order: ColumnRole[] = [];
  const labels: string[] = [];
  for (const pair of pairs) {
    if (order.includes(pair.role)) continue;
    order.push(pair.role);
    labels.push(pair.label);
  }
  const first = (pairs[0] as Pair).row;
  const header: RowBlock = { type: 'row', line: first.line, endLine: first.line, start: first.start, end: first.start, cells: order.map(() => null), texts: labels };
  return [
    header,
    ...records.map((record): RowBlock => {
      const cells = order.map((role) => record.find((pair) => pair.role === role)?.value ?? null);
      const [head, last] = [(record[0] as Pair).row, (record.at(-1) as Pair).row];
      const texts = order.map((role) => record.find((pair) => pair.role === role)?.valueText ?? '');
      return { type: 'row', line: head.line, endLine: last.endLine, start: head.start, end: last.end, cells, texts, record: true };
    }),
  ];
}
