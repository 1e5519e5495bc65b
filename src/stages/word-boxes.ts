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
import type { Element, ElementContent, Root as HastRoot, RootContent, Text } from 'hast';
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { descendants, rowCellText, textLineBlock, type Block, type CellNode, type RowBlock } from './blocks.js';
import { isHeaderRow, MAX_HEADER_CELL } from './laid-out-rows.js';
import { isNarrow } from './markdown-cell.js';
import { PAGE_NUMBER, PARAGRAPH_END } from './pdf-lines.js';
import { columnRole } from '../normalize/columns.js';
import { bands, byPosition, countBelow, endOf, largest, lineText, median, middle, startOf, wordLines, type Band, type Word, type WordLine } from './word-box-geometry.js';
import { GAP_TOLERANCE, NUMBER_CELL, tableRows, unnumberedRows, type Alignment, type Join } from './word-box-rows.js';
import { isCountCell } from './read-header.js';

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

/** A submitter's mark ending a line (`…べき。【株式会社A】`): it closes a comment, whether or not the line is full. */
const SUBMITTER_MARK_END = /【[^【】]+】$/;

/**
 * A header wraps its cells over this many lines at most: `原案` / `該当箇` / `所`, or a
 * narrow column's `修正の有無` a character a line, a cell centred beside another
 * standing on lines between the other's.
 */
const MAX_HEADER_LINES = 10;
/** The gaps between words that part a header's cells, in line heights, tried from the narrowest (LibreOffice may set a narrow column's header a fifth of a line from the next one's). */
const HEADER_GAPS = [0.1, 0.25, 0.5, 1.1];

/** Is this page a word-box page (`pdftotext -bbox`): a `<doc>` of `<page>`s whose `<word>`s carry their boxes? */
export function isWordBoxPage(tree: HastRoot): boolean {
  // pdftotext writes <doc> right inside <body>: any other page is told apart without walking it.
  const child = (nodes: readonly RootContent[] | undefined, tagName: string): Element | undefined => nodes?.find((node): node is Element => node.type === 'element' && node.tagName === tagName);
  const doc = child(child(child(tree.children, 'html')?.children, 'body')?.children, 'doc');
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
    const [own, ...repeats] = withRepeatedTail(headers.slice(table, next), lines, em) as [Header, ...Header[]];
    const after = tableBlocks(own, repeats, lines, until, em, file);
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
  // The columns a row prints text in: its opinion, its answer, and its submitter where the table has them. Not its flag: a row may leave that blank.
  const columnsOf = (roles: readonly string[]): number[] => header.cells.flatMap((cell, index) => (roles.includes(columnRole(cell.text) ?? '') ? [index] : []));
  const filled = [columnsOf(['opinion', 'response', 'submitter']), columnsOf(['opinion', 'response'])];
  const flagColumn = columnsOf(['flag'])[0] ?? -1;
  const found = bands([...fitting], em / 2);
  const { rows, joins, alignment } =
    numberColumn >= 0
      ? tableRows(found, numberColumn, columnOf, em)
      : // Rows drawn without gaps between them (Word's) show only by their flags, one a row, as others' by their numbers.
        flagsWithoutGaps(found, flagColumn, columnOf, em)
        ? tableRows(found, flagColumn, columnOf, em, ANY_LINE)
        : { rows: unnumberedRows(found, bands([...fitting], lineGap([...fitting], columnOf) + 2 * GAP_TOLERANCE), filled, flagColumn, columnOf, em), joins: [], alignment: 'top' as const };
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
      blocks.push({ page: line.page, y: line.y0, block: spanningRow(line, header.cells.length, em) });
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

/** The gap between two lines of one cell: the median one between a column's consecutive lines on a page. */
function lineGap(lines: readonly WordLine[], columnOf: (word: Word) => number): number {
  const columns = new Map<string, Word[]>();
  for (const word of lines.flatMap((line) => line.words)) {
    const key = `${word.page}:${columnOf(word)}`;
    const column = columns.get(key);
    if (column) column.push(word);
    else columns.set(key, [word]);
  }
  const gaps = [...columns.values()].flatMap((words) => wordLines(words).flatMap((line, index, all) => (index > 0 ? [line.y0 - (all[index - 1] as WordLine).y1] : [])));
  return Math.max(0, median(gaps));
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

/** Each line of a flag column opens a cell of its own (`有`, `無`, `－`). */
const ANY_LINE = /\S/;

/** Does a band hold two flags more than a line apart: two rows drawn without a gap between them? */
function flagsWithoutGaps(found: readonly Band[], flagColumn: number, columnOf: (word: Word) => number, em: number): boolean {
  if (flagColumn < 0) return false;
  return found.some((band) => {
    const flags = wordLines(band.words.filter((word) => columnOf(word) === flagColumn));
    return flags.some((line, index) => index > 0 && line.y0 - (flags[index - 1] as WordLine).y1 > em);
  });
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
      const texts = cells?.map((cell) => cell.text) ?? [];
      if (!cells || !isHeaderRow(texts)) continue;
      if (cells.length > (best?.cells.length ?? 0) || (best && cells.length === best.cells.length && band.slice(best.count).every((line) => wrapsFullCell(line, cells, em)))) {
        best = { index, count, cells, key: texts.join('\t').replace(/\s+/g, '') };
      }
    }
  }
  return best;
}

/** How a header cell's text ends: the word it names its column with (理由, 考え方, 概要, 有無…). */
const HEADER_END = /(?:理由|考え方|概要|要旨|要約|結果|意見|有無|箇所|番号|内容|回答|対応)$/;

/**
 * Does the line go on with a header cell whose text ran out of room: its
 * words all stand within one cell, whose line above them reaches to within
 * two lines' height of the next cell (a cell's padding on either side, and
 * the room of a character that did not fit), the line shorter, and the
 * cell's text then ends as a header's does (`提出意見を考慮した結果及` /
 * `びその理由`)? Body text taken so would be lost with the header.
 */
function wrapsFullCell(line: WordLine, cells: readonly HeaderCell[], em: number): boolean {
  const at = cells.findIndex((cell) => line.words.every((word) => word.x0 >= cell.x0 && word.x1 <= cell.x1));
  const [cell, next] = [cells[at], cells[at + 1]];
  if (!cell || !next || !HEADER_END.test(cell.text)) return false;
  const above = wordLines(cell.words.filter((word) => word.y1 <= middle(line.words[0] as Word))).at(-1);
  return above !== undefined && next.x0 - above.x1 <= 2 * em && line.x1 - line.x0 < above.x1 - above.x0;
}

/**
 * A header and its repeats on later pages, each with the lines that stand
 * alike right below every one of them, each word within a cell of the
 * header: the last line of a narrow column's wrapped cell (`由` under
 * `提出意見を考慮した結果及びその理`), which already names its column without
 * it. Only a table printed over pages shows that such a line is no row's.
 */
function withRepeatedTail(headers: readonly Header[], lines: readonly WordLine[], em: number): Header[] {
  let extended = [...headers];
  while (extended.length > 1) {
    const below = extended.map((header) => lineBelow(header, lines, em));
    const first = below[0];
    if (!first || !below.every((line) => line && lineText(line) === lineText(first) && Math.abs(leftOf(line) - leftOf(first)) <= em / 2)) break;
    // Each word of the line: the index of the header cell it stands in, -1 for none.
    const places = extended.map((header, index) => (below[index] as WordLine).words.map((word) => header.cells.findIndex((cell) => cell.x0 <= middleX(word) && middleX(word) <= cell.x1)));
    if (places.some((cells) => cells.includes(-1))) break;
    extended = extended.map((header, index) => {
      const words = (below[index] as WordLine).words;
      const cells = header.cells.map((cell, at) => {
        const more = words.filter((_, word) => places[index]?.[word] === at);
        return more.length === 0 ? cell : { ...cell, words: [...cell.words, ...more], text: cellText([...cell.words, ...more]) };
      });
      return { ...header, count: header.count + 1, cells };
    });
  }
  return extended;
}

/** The line right below a header, on its page, within half a line of it. */
function lineBelow(header: Header, lines: readonly WordLine[], em: number): WordLine | undefined {
  const [last, next] = [lines[header.index + header.count - 1] as WordLine, lines[header.index + header.count]];
  return next && next.page === last.page && next.y0 - last.y1 <= em / 2 ? next : undefined;
}

function leftOf(line: WordLine): number {
  return (line.words[0] as Word).x0;
}

function middleX(word: Word): number {
  return (word.x0 + word.x1) / 2;
}

/**
 * Header words side by side or over one another, within `gap` of each other,
 * as cells; each cell's text read line by line. Null where a cell holds more
 * characters than a header's: a row's lines, read at every line of the
 * document, are not read further.
 */
function headerCells(words: readonly Word[], gap: number): HeaderCell[] | null {
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
  if (cells.some((cell) => cell.words.reduce((sum, word) => sum + word.node.value.length, 0) > MAX_HEADER_CELL)) return null;
  for (const cell of cells) cell.text = cellText(cell.words);
  return cells;
}

/** A header cell's text: its words read line by line. */
function cellText(words: readonly Word[]): string {
  return wordLines(words).map((line) => line.words.map((word) => word.node.value).join('')).join('');
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
    // A submitter's mark may wrap (`【株式会` / `社A】`): the paragraph so far ends with it.
    const ended = above && ((PARAGRAPH_END.test(lineText(above)) && above.x1 < right - em) || SUBMITTER_MARK_END.test((paragraphs.at(-1) ?? []).map(lineText).join('')));
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
  return cellsRow(header.cells.map((cell) => wordLines(cell.words).flatMap((line) => line.words)));
}

/** A line across the table's columns between its rows: a heading row, one cell spanning the row. */
function spanningRow(line: WordLine, width: number, em: number): RowBlock {
  const [first, last] = [line.words[0] as Word, line.words.at(-1) as Word];
  const cells = [{ ...(cellOf(line.words, em) as CellNode), spansRow: true }, ...Array.from({ length: width - 1 }, () => null)];
  return { type: 'row', line: startOf(first).line, endLine: endOf(last).line, start: startOf(first).offset ?? 0, end: endOf(last).offset ?? 0, cells, texts: cells.map(rowCellText) };
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
    const block: Block = PAGE_NUMBER.test(text) ? { type: 'break', line: start.line } : textLineBlock(text, start.line, start.column);
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

/** A row block of cells, each of its words with nothing between them, in the order given. */
function cellsRow(cells: readonly (readonly Word[])[]): RowBlock {
  const nodes = cells.map((words): CellNode => {
    const start = startOf([...words].sort(byPosition)[0] as Word);
    return { children: words.map((word): ElementContent => ({ ...word.node })), line: start.line, column: start.column, offset: start.offset ?? 0, spansRow: false, fromRowspan: false };
  });
  const ordered = cells.flat().sort(byPosition);
  const [first, last] = [ordered[0] as Word, ordered.at(-1) as Word];
  return { type: 'row', line: startOf(first).line, endLine: endOf(last).line, start: startOf(first).offset ?? 0, end: endOf(last).offset ?? 0, cells: nodes, texts: nodes.map(rowCellText) };
}

function emptyCell(word: Word): CellNode {
  const start = startOf(word);
  return { children: [], line: start.line, column: start.column, offset: start.offset ?? 0, spansRow: false, fromRowspan: false };
}

function asElement(tree: HastRoot): Element {
  return { type: 'element', tagName: 'root', properties: {}, children: tree.children as ElementContent[] };
}
