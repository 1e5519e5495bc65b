/**
 * A notice printed to PDF and read with `pdftotext -bbox-layout` (or
 * `-bbox`): an XHTML page of words, each with its box on its page. Where a
 * table centres its cells vertically (LibreOffice and Excel do; Word tables
 * often centre the number), `pdftotext -layout` prints a row's number in the
 * middle of its lines and the cells' lines interleaved, and the row cannot be
 * read back from that text; from the boxes it can. The opinion table is
 * rebuilt from the words' places: its header names the columns, the gaps
 * that no word of the table crosses part them, a number in the number column
 * anchors each row, and the empty bands between lines part the rows, a band
 * without a number going to the row whose number is aligned with it (at the
 * top, the middle or the bottom of its row).
 */
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { descendants, rowCellText, type Block, type CellNode, type RowBlock } from './blocks.js';
import { isHeaderRow } from './laid-out-rows.js';
import { isNarrow } from './markdown-cell.js';
import { PAGE_NUMBER, PARAGRAPH_END } from './pdf-lines.js';
import { columnRole } from '../normalize/columns.js';
import { isCountCell } from './read-header.js';

/** One word and its box on its page, in points from the page's top left. */
interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The word's text node, its position in the input. */
  node: Text;
}

/** Words side by side on one page, each centred within the first one's height. */
interface WordLine {
  page: number;
  words: Word[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A header cell: the words over one column, on one line or wrapped over a few. */
interface HeaderCell {
  words: Word[];
  x0: number;
  x1: number;
  text: string;
}

interface Header {
  /** Index of its first line in the document's lines, and how many lines it takes. */
  index: number;
  count: number;
  cells: HeaderCell[];
  /** Its cells' texts, spaces removed: the same header again is a page's repeat of it. */
  key: string;
}

/** A row of the table: its words (of one band, or of several where a band without a number joined it). */
interface TableRow {
  words: Word[];
  /** Where its first band stands, to place the row among the other blocks. */
  page: number;
  y0: number;
}

/** A submitter's mark ending a line (`…べき。【株式会社A】`): it closes a comment, whether or not the line is full. */
const SUBMITTER_MARK_END = /【[^【】]+】$/;

/** What a number cell opens with: `1`, `No.3`, `意見12`, `(3)`. */
const NUMBER_CELL = /^(?:No\.?|意見|[(（])?\s*[0-9０-９]/i;

/**
 * A header wraps its cells over this many lines at most: `原案` / `該当箇` / `所`, or a
 * narrow column's `修正の有無` a character a line, a cell centred beside another
 * standing on lines between the other's.
 */
const MAX_HEADER_LINES = 10;
/** The gaps between words that part a header's cells, in line heights, tried from the narrowest. */
const HEADER_GAPS = [0.25, 0.5, 1.1];

/** Is this page a word-box page (`pdftotext -bbox`): a `<doc>` of `<page>`s whose `<word>`s carry their boxes? */
export function isWordBoxPage(tree: HastRoot): boolean {
  const doc = descendants(asElement(tree), 'doc')[0];
  const word = doc && descendants(doc, 'word')[0];
  return word !== undefined && Number.isFinite(Number(word.properties['xmin'])) && Number.isFinite(Number(word.properties['ymax']));
}

/** The blocks of a word-box page: its opinion tables rebuilt from the words' places, the rest as lines of text. */
export function wordBoxBlocks(tree: HastRoot, file: VFile): Block[] {
  const words = pageWords(tree);
  const em = median(words.map((word) => word.y1 - word.y0)) || 10;
  const lines = wordLines(words);
  const headers = findHeaders(lines, em);
  const blocks: Placed[] = [];
  const textLines: WordLine[] = [];
  let from = 0;
  for (let table = 0; table < headers.length; ) {
    const header = headers[table] as Header;
    // A header with the same cells on a later page repeats the table's own.
    let next = table + 1;
    while (headers[next]?.key === header.key) next++;
    const until = headers[next]?.index ?? lines.length;
    for (const line of lines.slice(from, header.index)) textLines.push(line);
    const repeats = headers.slice(table + 1, next);
    const after = tableBlocks(header, repeats, lines, until, em, file);
    for (const entry of after.blocks) blocks.push(entry);
    for (const line of after.textLines) textLines.push(line);
    from = until;
    table = next;
  }
  for (const line of lines.slice(from)) textLines.push(line);
  for (const entry of textBlocks(textLines, em)) blocks.push(entry);
  return blocks.sort((a, b) => a.page - b.page || a.y - b.y).map((entry) => entry.block);
}

/** The blocks of one table: its header, its rows (a row that spans the table is a heading row), and the lines after its last row as text. */
function tableBlocks(header: Header, repeats: readonly Header[], lines: readonly WordLine[], until: number, em: number, file: VFile): { blocks: Placed[]; textLines: WordLine[] } {
  const headerLines = new Set([header, ...repeats].flatMap((each) => lines.slice(each.index, each.index + each.count)));
  // Above a page's repeat of the header stands what heads every page (`別紙1`), no part of a row.
  const aboveRepeats = (line: WordLine): boolean => repeats.some((each) => (lines[each.index] as WordLine).page === line.page && line.y1 <= (lines[each.index] as WordLine).y0);
  const body = lines.slice(header.index + header.count, until).filter((line) => !headerLines.has(line) && !aboveRepeats(line));
  const textLines = lines.slice(header.index + header.count, until).filter(aboveRepeats);
  const bounds = columnBounds(header.cells, body.flatMap((line) => line.words));
  const columnOf = (word: Word): number => countBelow(bounds, word.x0, true);
  // A word that runs past a column's end by less than half a line's height is its column's (a closing bracket Chromium lets hang into the gap).
  const crosses = (line: WordLine): boolean => line.words.some((word) => bounds.some((bound) => word.x0 < bound - em / 2 && word.x1 > bound + em / 2));
  const numberColumn = header.cells.findIndex((cell) => columnRole(cell.text) === 'number');
  const inColumns = body.filter((line) => !crosses(line) && !PAGE_NUMBER.test(lineText(line)));
  // Words of the number column alone on their line, no number, beside no other word: a heading row (`【総論】`) of a table drawn without gaps between its rows.
  const heading = (line: WordLine): boolean =>
    numberColumn === 0 &&
    line.words.every((word) => columnOf(word) === 0) &&
    !NUMBER_CELL.test(lineText(line)) &&
    !inColumns.some((other) => other !== line && other.page === line.page && other.y0 < line.y1 - em / 4 && other.y1 > line.y0 + em / 4);
  const fitting = new Set(inColumns.filter((line) => !heading(line)));
  // The columns a row prints text in: its opinion, its answer, and its flag and submitter where the table has them.
  const columnsOf = (roles: readonly string[]): number[] => header.cells.flatMap((cell, index) => (roles.includes(columnRole(cell.text) ?? '') ? [index] : []));
  const filled = [columnsOf(['opinion', 'response', 'flag', 'submitter']), columnsOf(['opinion', 'response'])];
  const { rows, joins, alignment } = numberColumn < 0 ? { rows: unnumberedRows(bands([...fitting], em), filled, columnOf, em), joins: [], alignment: 'top' as const } : tableRows(bands([...fitting], em), numberColumn, columnOf, em);
  for (const join of joins) reportJoin(join, alignment, file);
  const blocks: Placed[] = [header, ...repeats].map((each) => ({ page: (lines[each.index] as WordLine).page, y: (lines[each.index] as WordLine).y0, block: headerRow(each) }));
  const last = rows.at(-1);
  const lastBottom = last ? largest(last.words.filter((word) => word.page === last.page).map((word) => word.y1)) : -Infinity;
  const inRows = new Set(rows.flatMap((row) => row.words));
  for (const line of body) {
    const beforeEnd = last !== undefined && (line.page < last.page || (line.page === last.page && line.y0 < lastBottom));
    if (fitting.has(line)) {
      // Lines of the table's columns after its last row, parted from it by more than a row's lines are, are text after the table.
      if (!line.words.some((word) => inRows.has(word))) textLines.push(line);
    } else if (beforeEnd && (crosses(line) || heading(line))) {
      blocks.push({ page: line.page, y: line.y0, block: spanningRow(line, header.cells.length) });
    } else {
      textLines.push(line);
    }
  }
  for (const row of rows) blocks.push({ page: row.page, y: row.y0, block: rowBlock(row.words, header.cells.length, columnOf, em) });
  const first = lines[header.index] as WordLine;
  const endLine = last ? largest(last.words.map((word) => endOf(word).line)) : startOf(first.words[0] as Word).line;
  blocks.push({ page: last?.page ?? first.page, y: last ? lastBottom : first.y1, block: { type: 'table-end', line: endLine } });
  return { blocks, textLines };
}

/** A block and where it stands: blocks are put in the order of their pages and heights. */
interface Placed {
  page: number;
  y: number;
  block: Block;
}

/** A guessed join of lines without a number to a row, as an info to check. */
function reportJoin(join: Join, alignment: Alignment, file: VFile): void {
  const first = [...join.band.words].sort(byPosition)[0] as Word;
  const where = join.to === 'above' ? 'the row above' : 'the row below';
  const number = join.row.anchor ? ` (${lineText(wordLines(join.row.anchor.words)[0] as WordLine)})` : '';
  const why = alignment === 'top' ? 'the numbers of this table stand at the top of their rows' : alignment === 'bottom' ? 'the numbers of this table stand at the bottom of their rows' : join.to === 'above' ? "the number of the row above stays in the middle of its row with them, as this table's numbers stand" : "the number of the row above would not stay in the middle of its row with them, as this table's numbers stand";
  const start = startOf(first);
  report(file, 'lines-joined-to-row', `Unexpected lines without a number, parted by gaps from the rows above and below, expected them beside a row's number: read as part of ${where}${number}, as ${why}; check the join`, { line: start.line, column: start.column, offset: start.offset ?? 0 });
}

/** The words of each `<page>`, in the order of the input, with their boxes; words without text are left out. */
function pageWords(tree: HastRoot): Word[] {
  const words: Word[] = [];
  descendants(asElement(tree), 'page').forEach((page, index) => {
    for (const word of descendants(page, 'word')) {
      const node = word.children.find((child): child is Text => child.type === 'text' && child.value.trim() !== '');
      const [x0, y0, x1, y1] = ['xmin', 'ymin', 'xmax', 'ymax'].map((name) => Number(word.properties[name]));
      if (node && [x0, y0, x1, y1].every(Number.isFinite)) words.push({ page: index, x0: x0 as number, y0: y0 as number, x1: x1 as number, y1: y1 as number, node });
    }
  });
  return withTextHeights(words);
}

/** A box this many times its font's size high is as high as a line of text: what LibreOffice's fonts give. */
const LINE_HEIGHT = 1.3;

/**
 * The words with boxes as high as their text: a font whose ascent and
 * descent are much larger than its size (Chromium's PDFs give boxes 2.6 times
 * the size) makes the boxes of consecutive lines overlap. The size is read
 * from words of Japanese characters alone, each as wide as the size; every
 * box is scaled about its middle, so words of other sizes keep their part.
 */
function withTextHeights(words: readonly Word[]): Word[] {
  const size = median(words.flatMap((word) => (WIDE_TEXT.test(word.node.value) ? [(word.x1 - word.x0) / [...word.node.value].length] : [])));
  const height = median(words.map((word) => word.y1 - word.y0));
  if (size <= 0 || height <= LINE_HEIGHT * size * 1.2) return [...words];
  const scale = (LINE_HEIGHT * size) / height;
  return words.map((word) => {
    const [centre, half] = [middle(word), ((word.y1 - word.y0) * scale) / 2];
    return { ...word, y0: centre - half, y1: centre + half };
  });
}

/** A word of Japanese characters alone, each one as wide as the font's size. */
const WIDE_TEXT = /^[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e、。「」]{2,}$/;

/** Words grouped into lines per page: a word whose middle lies within a line's first word's height is on that line. */
function wordLines(words: readonly Word[]): WordLine[] {
  const sorted = [...words].sort((a, b) => a.page - b.page || middle(a) - middle(b) || a.x0 - b.x0);
  const lines: (WordLine & { top: number; bottom: number })[] = [];
  for (const word of sorted) {
    const line = lines.at(-1);
    if (line && line.page === word.page && middle(word) >= line.top && middle(word) <= line.bottom) {
      line.words.push(word);
      line.x0 = Math.min(line.x0, word.x0);
      line.x1 = Math.max(line.x1, word.x1);
      line.y0 = Math.min(line.y0, word.y0);
      line.y1 = Math.max(line.y1, word.y1);
    } else {
      lines.push({ page: word.page, words: [word], x0: word.x0, y0: word.y0, x1: word.x1, y1: word.y1, top: word.y0, bottom: word.y1 });
    }
  }
  for (const line of lines) line.words.sort((a, b) => a.x0 - b.x0);
  return lines;
}

/** Every header row of an opinion table, in the document's order (a page's repeat of one too). */
function findHeaders(lines: readonly WordLine[], em: number): Header[] {
  const headers: Header[] = [];
  for (let index = 0; index < lines.length; index++) {
    const header = headerAt(lines, index, em);
    if (!header) continue;
    headers.push(header);
    index += header.count - 1;
  }
  return headers;
}

/**
 * The header that opens at line `index`: one line, or a few lines close
 * together whose words over one column wrap a cell, parted into cells at gaps
 * between words, that name an opinion table's columns; of those, the one of
 * the most cells (a wider gap or fewer lines may run two columns' words into
 * one cell that still names a column), then of the fewest lines.
 */
function headerAt(lines: readonly WordLine[], index: number, em: number): Header | null {
  const first = lines[index] as WordLine;
  let best: Header | null = null;
  for (let count = 1; count <= MAX_HEADER_LINES; count++) {
    const band = lines.slice(index, index + count);
    const lastTwo = band.slice(-2);
    if (band.length < count || band.some((line) => line.page !== first.page)) break;
    if (lastTwo.length === 2 && (lastTwo[1] as WordLine).y0 - (lastTwo[0] as WordLine).y1 > em / 2) break;
    // Two columns' header words may stand closer than a cell's words parted by a full-width space (`番　号`).
    for (const gap of HEADER_GAPS) {
      const cells = headerCells(band.flatMap((line) => line.words), gap * em);
      const texts = cells.map((cell) => cell.text);
      if (isHeaderRow(texts) && cells.length > (best?.cells.length ?? 0)) best = { index, count, cells, key: texts.join('\t').replace(/\s+/g, '') };
    }
  }
  return best;
}

/** Header words side by side or over one another, within `gap` of each other, as cells; each cell's text read line by line. */
function headerCells(words: readonly Word[], gap: number): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (const word of [...words].sort((a, b) => a.x0 - b.x0)) {
    const cell = cells.at(-1);
    if (cell && word.x0 <= cell.x1 + gap) {
      cell.words.push(word);
      cell.x1 = Math.max(cell.x1, word.x1);
    } else {
      cells.push({ words: [word], x0: word.x0, x1: word.x1, text: '' });
    }
  }
  for (const cell of cells) cell.text = wordLines(cell.words).map((line) => line.words.map((word) => word.node.value).join('')).join('');
  return cells;
}

/**
 * Where each column ends: between two header cells, the place just before a
 * word of the table that the fewest words cross (none, in a table whose cells
 * keep within their columns), the leftmost of them. A header's words stand
 * within their columns, the cells' text may start left of them.
 */
function columnBounds(cells: readonly HeaderCell[], words: readonly Word[]): number[] {
  const starts = words.map((word) => word.x0).sort((a, b) => a - b);
  const ends = words.map((word) => word.x1).sort((a, b) => a - b);
  // The words across x: those that start before it less those that end at or before it.
  const crossed = (x: number): number => countBelow(starts, x, false) - countBelow(ends, x, true);
  const bounds: number[] = [];
  for (let index = 1; index < cells.length; index++) {
    const [left, right] = [cells[index - 1] as HeaderCell, cells[index] as HeaderCell];
    const candidates = [...new Set([...starts, right.x0])].filter((x) => x > left.x1 && x <= right.x0).map((x) => x - 0.5);
    let best = { x: (left.x1 + right.x0) / 2, crossed: Infinity };
    for (const x of candidates.sort((a, b) => a - b)) {
      const count = crossed(x);
      if (count < best.crossed) best = { x, crossed: count };
    }
    bounds.push(best.x);
  }
  return bounds;
}

/** How many of the sorted `values` are below `x` (or at it, `orAt`). */
function countBelow(values: readonly number[], x: number, orAt: boolean): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    const value = values[mid] as number;
    if (value < x || (orAt && value === x)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A run of lines on one page with no gap between them wider than half a line's height: the lines of one row, or of part of one. */
interface Band {
  page: number;
  y0: number;
  y1: number;
  words: Word[];
}

function bands(lines: readonly WordLine[], em: number): Band[] {
  const sorted = [...lines].sort((a, b) => a.page - b.page || a.y0 - b.y0);
  const found: Band[] = [];
  for (const line of sorted) {
    const band = found.at(-1);
    if (band && band.page === line.page && line.y0 <= band.y1 + em / 2) {
      band.y1 = Math.max(band.y1, line.y1);
      for (const word of line.words) band.words.push(word);
    } else {
      found.push({ page: line.page, y0: line.y0, y1: line.y1, words: [...line.words] });
    }
  }
  return found;
}

/** Where a row's number stands in its row: read from the bands that hold one number. */
type Alignment = 'top' | 'middle' | 'bottom';

/**
 * The table's rows: each number in the number column anchors one (a band
 * holding two is cut between them), and a band without a number joins the
 * row above or below as the table aligns its numbers. A band at the top of a
 * page goes on with the row the page cut.
 */
function tableRows(found: readonly Band[], numberColumn: number, columnOf: (word: Word) => number, em: number): { rows: AnchoredRow[]; joins: Join[]; alignment: Alignment } {
  const anchored = found.map((band) => ({ band, anchors: numberCells(band.words.filter((word) => columnOf(word) === numberColumn), em) }));
  // A band at the top or the bottom of a page may be a row the page cut, its number wherever the cut left it: it shows nothing.
  const whole = anchored.filter(({ band }, index) => anchored[index - 1]?.band.page === band.page && anchored[index + 1]?.band.page === band.page);
  const alignment = alignmentOf(whole.flatMap(({ band, anchors }) => (anchors.length === 1 ? [{ band, anchor: anchors[0] as Band }] : [])), em);
  const rows: AnchoredRow[] = [];
  const orphans: { band: Band; after: number; cut: boolean }[] = [];
  const bottom = largest(found.map((band) => band.y1));
  /**
   * The bands since the top of this page go on with the row the page cut: the
   * page before ends at the bottom of the pages' text, or with a row whose
   * number stands at its top where the table's numbers do not (a row the page
   * cuts prints from its top).
   */
  let continuing = false;
  /** The last band that holds a number: the row that ends the page before, with the bands after it. */
  let lastNumbered: { band: Band; anchors: Band[] } | undefined;
  for (const [index, { band, anchors }] of anchored.entries()) {
    const before = anchored[index - 1];
    if (before && before.band.page !== band.page) {
      const numberAtTop = lastNumbered?.band.page === before.band.page && (lastNumbered.anchors[0] as Band).y0 - lastNumbered.band.y0 <= em / 2;
      continuing = before.band.y1 >= bottom - em || (numberAtTop && alignment !== 'top');
    }
    if (anchors.length > 0) lastNumbered = { band, anchors };
    if (anchors.length === 0) {
      orphans.push({ band, after: rows.length - 1, cut: continuing });
      continue;
    }
    continuing = false;
    let rest = band.words;
    anchors.forEach((anchor, index) => {
      const next = anchors[index + 1];
      const cut = next ? cutBetween(anchor, next, rest, alignment) : Infinity;
      const words = rest.filter((word) => middle(word) < cut);
      rest = rest.filter((word) => middle(word) >= cut);
      // Numbers whose boxes overlap leave the first nothing above the cut: its words are the next row's.
      if (words.length > 0) rows.push({ words, page: band.page, y0: smallest(words.map((word) => word.y0)), y1: largest(words.map((word) => word.y1)), anchor });
    });
  }
  const joins: Join[] = [];
  for (const { band, after, cut } of orphans) {
    const [above, below] = [rows[after], rows[after + 1]];
    const target = orphanRow(band, above, below, cut, alignment, em);
    if (!target) continue;
    const { row } = target;
    for (const word of band.words) row.words.push(word);
    if (row.page === band.page) [row.y0, row.y1] = [Math.min(row.y0, band.y0), Math.max(row.y1, band.y1)];
    if (target.guessed) joins.push({ band, row, to: row === above ? 'above' : 'below' });
  }
  return { rows, joins, alignment };
}

/** The most bands one row of a table without numbers is read from (a cell's paragraphs parted by gaps). */
const MAX_ROW_BANDS = 12;

/**
 * The rows of a table without a number column: the bands grouped into as
 * many rows as can be, each printing text in every column of `filled` (its
 * opinion and its answer, and its flag and submitter where the table has
 * them; the first two alone where no grouping gives every row all four) and
 * its cells aligned alike (all at the
 * top of the row, all in its middle or all at its bottom, whichever gives
 * the most rows), so that a band of one cell's paragraph parted by a gap
 * joins its row. A row the page cuts prints from its top, and is checked so
 * on its first page; a band at the top of a page after one that reaches the
 * bottom of the pages' text goes on with it. Bands after the last row that print in too few columns
 * are text after the table. Where no grouping works, each band is a row.
 */
function unnumberedRows(found: readonly Band[], filled: readonly (readonly number[])[], columnOf: (word: Word) => number, em: number): AnchoredRow[] {
  const joined = withoutParagraphGaps(found);
  // A band at the top of a page after one that reaches the bottom of the pages' text goes on with the row the page cut.
  const bottom = largest(joined.map((band) => band.y1));
  const cut = (index: number): boolean => joined[index - 1] !== undefined && (joined[index - 1] as Band).page !== (joined[index] as Band).page && (joined[index - 1] as Band).y1 >= bottom - em;
  let best: Band[][] | null = null;
  for (const columns of filled) {
    for (const alignment of ['top', 'middle', 'bottom'] as const) {
      const grouping = groupBands(joined, (group) => holdsColumns(group, columns, columnOf) && alignedIn(group, alignment, columnOf, em), (index) => !cut(index) && !holdsColumns([joined[index] as Band], columns, columnOf), cut);
      if (grouping && grouping.length > (best?.length ?? 0)) best = grouping;
    }
    if (best) break;
  }
  return (best ?? joined.map((band) => [band])).map((group) => {
    const first = group[0] as Band;
    return { words: group.flatMap((band) => band.words), page: first.page, y0: first.y0, y1: first.y1, anchor: null };
  });
}

/** Gaps between bands within this much of each other are of one kind (a row's, a paragraph's), in points. */
const GAP_TOLERANCE = 1;

/**
 * The bands with those parted by a gap narrower than rows' joined: a table
 * parts its rows by a cell's padding and border on top of what parts two
 * paragraphs, so the widest gap that recurs on the pages is a row's, and a
 * narrower one a paragraph's within a cell.
 */
function withoutParagraphGaps(found: readonly Band[]): Band[] {
  const gaps = found.flatMap((band, index) => {
    const above = found[index - 1];
    return above && above.page === band.page ? [band.y0 - above.y1] : [];
  });
  const rowGap = largest(gaps.filter((gap) => gaps.filter((other) => Math.abs(other - gap) <= GAP_TOLERANCE / 2).length >= 2));
  const joined: Band[] = [];
  for (const band of found) {
    const above = joined.at(-1);
    if (above && above.page === band.page && band.y0 - above.y1 < rowGap - GAP_TOLERANCE) joined[joined.length - 1] = { ...above, y1: Math.max(above.y1, band.y1), words: [...above.words, ...band.words] };
    else joined.push(band);
  }
  return joined;
}

/**
 * The grouping of consecutive bands into the most groups that each `fits`,
 * none starting at a band that `joinsAbove`, leaving out bands at the end
 * that are `left` (text after the table); null when no grouping covers the
 * rest.
 */
function groupBands(found: readonly Band[], fits: (group: readonly Band[]) => boolean, left: (index: number) => boolean, joinsAbove: (index: number) => boolean): Band[][] | null {
  // most[i]: the most groups the first i bands make, and where the last of them starts.
  const most: ({ groups: number; from: number } | null)[] = [{ groups: 0, from: 0 }];
  for (let end = 1; end <= found.length; end++) {
    most[end] = null;
    for (let start = Math.max(0, end - MAX_ROW_BANDS); start < end; start++) {
      const before = joinsAbove(start) ? null : most[start];
      if (before && before.groups + 1 > (most[end]?.groups ?? 0) && fits(found.slice(start, end))) most[end] = { groups: before.groups + 1, from: start };
    }
  }
  let last = found.length;
  // Text after the table is left out where the rows before it are as many without it.
  for (let end = found.length - 1; end >= 0 && left(end); end--) if ((most[end]?.groups ?? -1) >= (most[last]?.groups ?? -1)) last = end;
  if (!most[last]) return null;
  const groups: Band[][] = [];
  for (let end = last; end > 0; end = most[end]?.from ?? 0) groups.unshift(found.slice(most[end]?.from ?? 0, end));
  return groups;
}

/** Does the group print text in each of the `columns`? */
function holdsColumns(group: readonly Band[], columns: readonly number[], columnOf: (word: Word) => number): boolean {
  return columns.every((column) => group.some((band) => band.words.some((word) => columnOf(word) === column)));
}

/** Are the group's cells, on its first page, all at the top of the row, in its middle or at its bottom (a row a page cuts: at its top)? */
function alignedIn(group: readonly Band[], alignment: Alignment, columnOf: (word: Word) => number, em: number): boolean {
  const page = (group[0] as Band).page;
  const words = group.flatMap((band) => (band.page === page ? band.words : []));
  const cut = group.some((band) => band.page !== page);
  const row = { y0: smallest(words.map((word) => word.y0)), y1: largest(words.map((word) => word.y1)) };
  const columns = new Map<number, { y0: number; y1: number }>();
  for (const word of words) {
    const cell = columns.get(columnOf(word)) ?? { y0: Infinity, y1: -Infinity };
    columns.set(columnOf(word), { y0: Math.min(cell.y0, word.y0), y1: Math.max(cell.y1, word.y1) });
  }
  return [...columns.values()].every((cell) => {
    if (cut || alignment === 'top') return cell.y0 - row.y0 <= em / 2;
    if (alignment === 'bottom') return row.y1 - cell.y1 <= em / 2;
    return Math.abs(middle(cell) - middle(row)) <= em / 2;
  });
}

/** A row and the number that anchors it (null in a table without numbers). */
interface AnchoredRow extends TableRow {
  y1: number;
  anchor: Band | null;
}

/** Lines without a number joined to the row above or below. */
interface Join {
  band: Band;
  row: AnchoredRow;
  to: 'above' | 'below';
}

/** A number cell's text that a narrow column wrapped before its end (`1-` / `2`, `No.` / `3`, `意見` / `4`). */
const NUMBER_GOES_ON = /(?:[-－‐.．]|^No|^意見)$/i;

/**
 * The number cells among a band's words of the number column: each line that
 * opens with a number starts one (rows of one line each stand closer than any
 * gap), unless the cell above it was wrapped before its number's end, and a
 * line that does not goes on with the one close above it.
 */
function numberCells(words: readonly Word[], em: number): Band[] {
  const cells: Band[] = [];
  for (const line of wordLines(words)) {
    const cell = cells.at(-1);
    const goesOn = cell !== undefined && (!NUMBER_CELL.test(lineText(line)) || NUMBER_GOES_ON.test(cell.words.map((word) => word.node.value).join('')));
    if (cell && goesOn && cell.page === line.page && line.y0 <= cell.y1 + em / 2) {
      cell.y1 = Math.max(cell.y1, line.y1);
      for (const word of line.words) cell.words.push(word);
    } else {
      cells.push({ page: line.page, y0: line.y0, y1: line.y1, words: [...line.words] });
    }
  }
  return cells;
}

/** Whether the bands' numbers stand at the top, the middle or the bottom of their rows, by most of the bands that show it; the top if none does. */
function alignmentOf(pairs: readonly { band: Band; anchor: Band }[], em: number): Alignment {
  const votes = { top: 0, middle: 0, bottom: 0 };
  for (const { band, anchor } of pairs) {
    const [above, below] = [anchor.y0 - band.y0, band.y1 - anchor.y1];
    if (above <= em / 2 && below > em / 2) votes.top++;
    else if (below <= em / 2 && above > em / 2) votes.bottom++;
    else if (Math.abs(above - below) <= em / 2 && above > em / 2) votes.middle++;
  }
  return votes.middle > votes.top && votes.middle >= votes.bottom ? 'middle' : votes.bottom > votes.top ? 'bottom' : 'top';
}

/** Where a band holding two numbers is cut between their rows: above the second number, below the first, or at the widest gap between them. */
function cutBetween(anchor: Band, next: Band, words: readonly Word[], alignment: Alignment): number {
  if (alignment === 'top') return next.y0;
  if (alignment === 'bottom') return anchor.y1 + 0.01;
  const between = wordLines(words.filter((word) => middle(word) > middle(anchor) && middle(word) < middle(next)));
  let cut = { y: (anchor.y1 + next.y0) / 2, gap: -Infinity };
  between.forEach((line, index) => {
    const below = between[index + 1];
    if (below && below.y0 - line.y1 > cut.gap) cut = { y: (line.y1 + below.y0) / 2, gap: below.y0 - line.y1 };
  });
  return cut.y;
}

/**
 * The row a band without a number belongs to: at the top of a page that goes
 * on with the row the page before cut (`cut`), that row (above), and at the
 * top of another, the row below (numbers standing at the top: above); at the bottom of a page where the row below
 * starts on the next page, the row above; where numbers stand at the top of their rows, the row
 * above, and at the bottom, the row below; where they stand in the middle,
 * the row above if its number stays in the middle with the band, else the
 * row below. Past the last row only a band as close to it as a row's own
 * lines are joins it (the rest is text after the table).
 */
function orphanRow(band: Band, above: AnchoredRow | undefined, below: AnchoredRow | undefined, cut: boolean, alignment: Alignment, em: number): { row: AnchoredRow; guessed: boolean } | null {
  const sure = (row: AnchoredRow | undefined): { row: AnchoredRow; guessed: boolean } | null => (row ? { row, guessed: false } : null);
  if (!above) return sure(below);
  if (cut) return sure(above);
  // At the top of a page after a row that ended above the bottom: the first lines of the row below, unless numbers stand at the top.
  if (above.page !== band.page) return below?.page === band.page && alignment !== 'top' ? sure(below) : sure(above);
  if (!below) return band.y0 - above.y1 <= 2 * em ? sure(above) : null;
  // The row below starts on a later page: the band is the rest of the row above before the page cut it, whose lines a cut row prints from its top.
  if (below.page !== band.page || alignment === 'top') return sure(above);
  if (alignment === 'bottom') return sure(below);
  const anchor = above.anchor;
  const centred = anchor !== null && Math.abs((above.y0 + Math.max(above.y1, band.y1)) / 2 - middle(anchor)) <= em / 2;
  return { row: centred ? above : below, guessed: true };
}

/** A row's words as a row block: each column's words line by line, in paragraphs. */
function rowBlock(words: readonly Word[], width: number, columnOf: (word: Word) => number, em: number): RowBlock {
  const ordered = [...words].sort(byPosition);
  const firstWord = ordered[0] as Word;
  const lastWord = ordered.at(-1) as Word;
  const cells = Array.from({ length: width }, (_, column) => cellOf(words.filter((word) => columnOf(word) === column), em) ?? emptyCell(firstWord));
  return {
    type: 'row',
    line: startOf(firstWord).line,
    endLine: endOf(lastWord).line,
    start: startOf(firstWord).offset ?? 0,
    end: endOf(lastWord).offset ?? 0,
    cells,
    texts: cells.map(rowCellText),
  };
}

/**
 * A cell of `words` (those of one column in one row): its lines, each of
 * words parted by a space, in paragraphs. A line goes on with the one above,
 * nothing between them (a space between two narrow characters), unless a gap
 * wider than half a line's height parts them, the line above ends a sentence
 * well short of the cell's widest line, or it ends with a submitter's mark.
 */
function cellOf(words: readonly Word[], em: number): CellNode | null {
  const lines = wordLines(words);
  if (lines.length === 0) return null;
  const right = largest(lines.map((line) => line.x1));
  const paragraphs: WordLine[][] = [];
  lines.forEach((line, index) => {
    const above = lines[index - 1];
    const goesOn = above && above.page === line.page ? line.y0 - above.y1 <= em / 2 : above !== undefined;
    const ended = above && ((PARAGRAPH_END.test(lineText(above)) && above.x1 < right - em) || SUBMITTER_MARK_END.test(lineText(above)));
    if (above && goesOn && !ended) paragraphs.at(-1)?.push(line);
    else paragraphs.push([line]);
  });
  const children = paragraphs.map((paragraph): Element => {
    const nodes: ElementContent[] = [];
    paragraph.forEach((line, index) => {
      if (index > 0) {
        const before = [...lineText(paragraph[index - 1] as WordLine)].at(-1);
        if (isNarrow(before) && isNarrow([...lineText(line)][0])) nodes.push({ type: 'text', value: ' ' });
      }
      line.words.forEach((word, at) => {
        if (at > 0) nodes.push({ type: 'text', value: ' ' });
        nodes.push({ ...word.node });
      });
    });
    const [first, last] = [paragraph[0]?.words[0] as Word, paragraph.at(-1)?.words.at(-1) as Word];
    return { type: 'element', tagName: 'p', properties: {}, children: nodes, position: { start: startOf(first), end: endOf(last) } };
  });
  const start = startOf(lines[0]?.words[0] as Word);
  return { children, line: start.line, column: start.column, offset: start.offset ?? 0, spansRow: false, fromRowspan: false };
}

/** A header row block: each header cell's words, read line by line with nothing between them. */
function headerRow(header: Header): RowBlock {
  const words = header.cells.flatMap((cell) => cell.words).sort(byPosition);
  const cells = header.cells.map((cell): CellNode => {
    const start = startOf(cell.words.slice().sort(byPosition)[0] as Word);
    const children = wordLines(cell.words).flatMap((line) => line.words.map((word): ElementContent => ({ ...word.node })));
    return { children, line: start.line, column: start.column, offset: start.offset ?? 0, spansRow: false, fromRowspan: false };
  });
  return { type: 'row', line: startOf(words[0] as Word).line, endLine: endOf(words.at(-1) as Word).line, start: startOf(words[0] as Word).offset ?? 0, end: endOf(words.at(-1) as Word).offset ?? 0, cells, texts: cells.map(rowCellText) };
}

/** A line across the table's columns between its rows: a heading row, one cell spanning the row. */
function spanningRow(line: WordLine, width: number): RowBlock {
  const [first, last] = [line.words[0] as Word, line.words.at(-1) as Word];
  const children: ElementContent[] = line.words.flatMap((word, index): ElementContent[] => (index > 0 ? [{ type: 'text', value: ' ' }, { ...word.node }] : [{ ...word.node }]));
  const start = startOf(first);
  const cell: CellNode = { children: [{ type: 'element', tagName: 'p', properties: {}, children, position: { start, end: endOf(last) } }], line: start.line, column: start.column, offset: start.offset ?? 0, spansRow: true, fromRowspan: false };
  const cells = [cell, ...Array.from({ length: width - 1 }, () => null)];
  return { type: 'row', line: start.line, endLine: endOf(last).line, start: start.offset ?? 0, end: endOf(last).offset ?? 0, cells, texts: cells.map(rowCellText) };
}

/**
 * Lines outside the tables as text blocks, a break where a gap wider than a
 * line's height or a page parts two of them; a page number is a break. A
 * line that reaches the page's right margin (within a character of its own
 * size) goes on on the line below it when that one starts no further right,
 * close under it: a paragraph wrapped (a title, a note), joined as a cell's
 * lines are.
 */
function textBlocks(lines: readonly WordLine[], em: number): Placed[] {
  const all = [...lines].sort((a, b) => a.page - b.page || a.y0 - b.y0);
  const counts = countTables(all, em);
  const inCounts = new Set(counts.flatMap((table) => table.lines));
  const sorted = all.filter((line) => !inCounts.has(line));
  const margins = new Map<number, number>();
  for (const line of sorted) margins.set(line.page, Math.max(margins.get(line.page) ?? 0, line.x1));
  const paragraphs: WordLine[][] = [];
  sorted.forEach((line, index) => {
    const above = sorted[index - 1];
    const wrapped = above && above.page === line.page && line.y0 - above.y1 <= em / 2 && above.x1 >= (margins.get(line.page) ?? 0) - (above.y1 - above.y0) && line.x0 <= above.x0 + em / 2;
    if (wrapped && !PAGE_NUMBER.test(lineText(above))) paragraphs.at(-1)?.push(line);
    else paragraphs.push([line]);
  });
  const tables = counts.flatMap((table) => table.blocks);
  return tables.concat(paragraphs.flatMap((paragraph, index) => {
    const first = paragraph[0] as WordLine;
    const start = startOf(first.words[0] as Word);
    const text = paragraph.map(lineText).reduce((joined, next) => joined + (isNarrow([...joined].at(-1)) && isNarrow(next[0]) ? ' ' : '') + next);
    const above = paragraphs[index - 1]?.at(-1);
    const parted = above && (above.page !== first.page || first.y0 - above.y1 > em);
    const block: Block = PAGE_NUMBER.test(text) ? { type: 'break', line: start.line } : /^【[^【】]+】$/.test(text) ? { type: 'heading', line: start.line, column: start.column, text, style: 'bracket', depth: 0 } : { type: 'text', line: start.line, column: start.column, text };
    const entry = { page: first.page, y: first.y0, block };
    return parted ? [{ page: first.page, y: first.y0 - 0.001, block: { type: 'break', line: start.line } as Block }, entry] : [entry];
  }));
}

/**
 * Tables of counts by kind (団体 | 事業者 | 個人 over 5件 | 2件 | 4件): a line
 * of words parted by gaps into two cells or more, none a count, over a line
 * within two lines' height under it of as many counts, each under its kind.
 * Read as the rows a page's table gives, so that the title block takes the
 * counts. The gap that parts cells is a quarter of a line's height: a narrow
 * table's cells stand closer than half, a number and its unit (`5 件`) much
 * closer.
 */
function countTables(lines: readonly WordLine[], em: number): { lines: WordLine[]; blocks: Placed[] }[] {
  const tables: { lines: WordLine[]; blocks: Placed[] }[] = [];
  lines.forEach((line, index) => {
    const below = lines[index + 1];
    if (!below || below.page !== line.page || below.y0 - line.y1 > 2 * em || tables.at(-1)?.lines.includes(line)) return;
    const [kinds, counts] = [cellsApart(line, em / 4), cellsApart(below, em / 4)];
    const texts = (cells: Word[][]): string[] => cells.map((cell) => cell.map((word) => word.node.value).join(''));
    if (kinds.length < 2 || counts.length !== kinds.length || texts(kinds).some(isCountCell) || !texts(counts).every(isCountCell)) return;
    const under = kinds.every((kind, column) => {
      const count = counts[column] as Word[];
      return (count[0] as Word).x0 <= largest(kind.map((word) => word.x1)) && largest(count.map((word) => word.x1)) >= (kind[0] as Word).x0;
    });
    if (!under) return;
    const rows = [line, below].map((each, at) => ({ page: each.page, y: each.y0, block: cellsRow(at === 0 ? kinds : counts) }));
    tables.push({ lines: [line, below], blocks: [...rows, { page: below.page, y: below.y1, block: { type: 'table-end', line: endOf(below.words.at(-1) as Word).line } }] });
  });
  return tables;
}

/** A line's words parted into cells where more than `gap` lies between two of them. */
function cellsApart(line: WordLine, gap: number): Word[][] {
  const cells: Word[][] = [];
  line.words.forEach((word, index) => {
    const before = line.words[index - 1];
    if (before && word.x0 - before.x1 <= gap) cells.at(-1)?.push(word);
    else cells.push([word]);
  });
  return cells;
}

/** A row block of cells, each of its words with nothing between them. */
function cellsRow(cells: readonly (readonly Word[])[]): RowBlock {
  const nodes = cells.map((words): CellNode => {
    const start = startOf(words[0] as Word);
    return { children: words.map((word): ElementContent => ({ ...word.node })), line: start.line, column: start.column, offset: start.offset ?? 0, spansRow: false, fromRowspan: false };
  });
  const [first, last] = [cells[0]?.[0] as Word, cells.at(-1)?.at(-1) as Word];
  return { type: 'row', line: startOf(first).line, endLine: endOf(last).line, start: startOf(first).offset ?? 0, end: endOf(last).offset ?? 0, cells: nodes, texts: nodes.map(rowCellText) };
}

function lineText(line: WordLine): string {
  return line.words.map((word) => word.node.value).join(' ');
}

function emptyCell(word: Word): CellNode {
  const start = startOf(word);
  return { children: [], line: start.line, column: start.column, offset: start.offset ?? 0, spansRow: false, fromRowspan: false };
}

function startOf(word: Word): Point {
  return word.node.position?.start ?? { line: 1, column: 1, offset: 0 };
}

function endOf(word: Word): Point {
  return word.node.position?.end ?? startOf(word);
}

function byPosition(a: Word, b: Word): number {
  return (startOf(a).offset ?? 0) - (startOf(b).offset ?? 0);
}

function middle(box: { y0: number; y1: number }): number {
  return (box.y0 + box.y1) / 2;
}

/** The largest of `values`, however many (a spread into Math.max overflows the stack past some 100,000). */
function largest(values: readonly number[]): number {
  return values.reduce((most, value) => Math.max(most, value), -Infinity);
}

function smallest(values: readonly number[]): number {
  return values.reduce((least, value) => Math.min(least, value), Infinity);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function asElement(tree: HastRoot): Element {
  return { type: 'element', tagName: 'root', properties: {}, children: tree.children as ElementContent[] };
}
