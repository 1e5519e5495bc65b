/**
 * Family F of FORMATS.md: opinions listed by their numbers under the category
 * the notice sorts them into, with no answer of their own (S24, H9):
 * `(1)意見の趣旨を踏まえて本報告書案に反映すべき意見(22件)`, then
 * `意見番号: 81, 36, 82, …`. The opinions' words are printed elsewhere. Such a
 * notice is read into the blocks a table gives, as labelled.ts does: a header
 * row (番号 | 意見, no response column), a heading per category and a row per
 * number, its number cell where the number is printed. Each row carries its
 * category, from which the opinion's outcome is read (normalize.ts).
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { digitsValue } from '../normalize/submitters.js';
import { rowCellText, type Block, type RowBlock } from './blocks.js';
import { cellOfLinePieces, linePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/** `81, 36, 82`, `１、２`, up to the end of the line (a comma may end it: the list goes on below). */
const NUMBER_LIST = '[0-9０-９]+(?:[ \\u3000]*[,，、・][ \\u3000]*[0-9０-９]+)*[ \\u3000]*[,，、]?[ \\u3000]*$';
/** `意見番号: 81, 36, 82`, `意見番号：１、２`, `- 意見番号: 5` (a bullet): the numbers of the opinions of the category above. */
const NUMBERS_LINE = new RegExp(`^([ \\u3000]*(?:[-*+・●○][ \\u3000]*)?意見番号[ \\u3000]*[:：])[ \\u3000]*${NUMBER_LIST}`);
/** `4, 5, 6`: a list of numbers wrapped onto the next line. */
const MORE_NUMBERS = new RegExp(`^[ \\u3000]*${NUMBER_LIST}`);
const NUMBER = /[0-9０-９]+/g;
/** `(22件)` at the end of a category line: how many opinions it says it lists. */
const STATED = /[(（][ \u3000]*([0-9０-９]+)[ \u3000]*件[ \u3000]*[)）][ \u3000]*$/;

/** Is there a `意見番号: …` line under a line that names its category? */
export function hasCategoryLists(lines: readonly Line[]): boolean {
  return firstCategory(lines) >= 0;
}

/**
 * The index of the first category line: the last line of text above the first list of numbers. A lone
 * `意見番号:1` under a sentence (`…すべき。`) labels an opinion printed without an answer, not a category's
 * list: the list names two numbers or more, or its category states its count (`(22件)`).
 */
function firstCategory(lines: readonly Line[]): number {
  const list = lines.findIndex((line) => NUMBERS_LINE.test(line.text));
  if (list < 0) return -1;
  const category = lines.findLastIndex((line, index) => index < list && line.text.trim() !== '');
  const text = lines[category]?.text.trim() ?? '';
  const isCategory = text !== '' && !/[。．]$/.test(text) && ((lines[list]?.text.match(NUMBER)?.length ?? 0) >= 2 || STATED.test(text));
  return isCategory ? category : -1;
}

/**
 * The blocks of a notice of category lists. `classify` reads the lines before
 * the first category (the title block) and any line that is no category and
 * no list of numbers.
 */
export function categoryBlocks(lines: readonly Line[], classify: (line: Line) => Block, file: VFile): Block[] {
  const first = firstCategory(lines);
  const start = lines[first] as Line;
  const blocks: Block[] = lines.slice(0, first).map(classify);
  blocks.push({ type: 'row', line: start.number, endLine: start.number, start: start.start, end: start.start, cells: [null, null], texts: ['番号', '意見'] });
  report(
    file,
    'category-lists',
    'Unexpected opinions listed by number under categories (意見番号: 81, 36, …; FORMATS.md family F), expected a table: each number is an opinion without words or answer, in a section named by its category, its outcome read from the category',
    { line: start.number, column: 1, offset: start.start },
  );
  let category: { text: string; line: Line; listed: number } | null = null;
  let inList = false;
  for (const [index, line] of lines.entries()) {
    if (index < first) continue;
    const label = NUMBERS_LINE.exec(line.text)?.[1];
    if (category !== null && (label !== undefined || (inList && MORE_NUMBERS.test(line.text)))) {
      const rows = numberRows(line, label?.length ?? 0, category.text, file);
      for (const row of rows) blocks.push(row);
      category.listed += rows.length;
      inList = true;
    } else if (line.text.trim() === '') {
      blocks.push(classify(line));
    } else {
      if (category) checkCount(category, file);
      const block = classify(line);
      inList = false;
      // A line over a list of numbers names their category; any other (`※意見番号は別添の番号です。`) is read as such a line elsewhere is.
      const next = lines.slice(index + 1).find((below) => below.text.trim() !== '');
      const text = block.type === 'heading' ? block.text : line.text.trim();
      category = next && NUMBERS_LINE.test(next.text) ? { text, line, listed: 0 } : null;
      if (!category) blocks.push(block);
      else blocks.push(block.type === 'heading' ? block : { type: 'heading', line: line.number, column: block.type === 'text' ? block.column : 1, text, style: 'plain', depth: 0 });
    }
  }
  if (category) checkCount(category, file);
  return blocks;
}

/** A category that states its count of opinions and lists another number of them (a list the reader did not see, or a misprint). */
function checkCount(category: { text: string; line: Line; listed: number }, file: VFile): void {
  const stated = STATED.exec(category.text)?.[1];
  const count = stated === undefined ? null : digitsValue(stated);
  if (count !== null && category.listed > 0 && count !== category.listed) {
    report(file, 'category-count-mismatch', `Unexpected ${category.listed} opinion numbers listed under 「${category.text}」, expected ${count} as it states: check the 意見番号 lines under it`, {
      line: category.line.number,
      column: 1,
      offset: category.line.start,
    });
  }
}

/** A row per number of a line, its number cell where the number is printed. */
function numberRows(line: Line, from: number, category: string, file: VFile): RowBlock[] {
  return [...line.text.slice(from).matchAll(NUMBER)].map((match) => {
    const at = from + match.index;
    const cells = [cellOfLinePieces([linePiece(line, at, at + match[0].length)], file), null];
    return { type: 'row', line: line.number, endLine: line.number, start: line.start + at, end: line.start + at + match[0].length, cells, texts: cells.map(rowCellText), category };
  });
}
