/**
 * A table printed cell after cell, each cell on lines of its own: what a text
 * extraction without layout leaves of a PDF's table (pdftotext's default, a
 * PDF library's page text). The header's cells come one per line
 * (`番号` / `提出された意見` / `総務省の考え方`), then each row: a line that is
 * its number alone, its opinion's lines, its answer's lines, its flag. The
 * lines of a row are split where the answer opens (`御意見を踏まえ…`,
 * `原案…`) after a sentence end, and read into the blocks a TAB table gives;
 * the split is a guess, so it is reported.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { columnRole, type ColumnRole } from '../normalize/columns.js';
import { revisedFromFlag } from '../normalize/outcome.js';
import { rowCellText, type Block, type RowBlock } from './blocks.js';
import { ANSWER_START } from './merged-row.js';
import { cellOfPieces, linePiece } from './parse-cells.js';
import type { Line } from './segment.js';

/** A line that is a row's number alone: `12`, `No.3`, `1-2`, `４．`. */
const NUMBER_LINE = /^[\s\u3000]*(?:No\.?[ \u3000]*)?([0-9０-９]{1,5}(?:[-－‐][0-9０-９]{1,3})*)[.．]?[ \u3000]*$/i;
/** A note under the table (`※…`, `注1：…`) or its closing `以上`: the rows end there. */
const TABLE_END = /^[ \u3000]*(?:※|＊|注[0-9０-９]*[:：]|[(（]注|以上[ \u3000]*$)/;
/** `【総論】`: a section heading between rows. */
const BRACKET_HEADING = /^[ \u3000]*【[^【】]+】[ \u3000]*$/;
/** A sentence end: where a cell's text may stop and the next cell's start. */
const SENTENCE_END = /[。．.)）」]$/;

/** The header's cells, a line each (blank lines may part them), and the role of each (number first, then [place], opinion, response, [flag]). */
interface StackedHeader {
  /** The index of its first line. */
  start: number;
  cells: Line[];
  roles: ColumnRole[];
}

/** The roles, in order, that such a table can be read by: what stands between the number and the flag must be told apart by its place. */
const READABLE = /^number (?:place )?opinion response(?: flag)?$/;

function stackedHeader(lines: readonly Line[]): StackedHeader | null {
  for (let start = 0; start < lines.length; start++) {
    if (columnRole((lines[start] as Line).text) !== 'number') continue;
    const cells = [lines[start] as Line];
    const roles: ColumnRole[] = ['number'];
    let last = start;
    for (let at = nextFilled(lines, start + 1); at < lines.length && roles.length < 5; at = nextFilled(lines, at + 1)) {
      const role = columnRole((lines[at] as Line).text);
      if (role === null || role === 'number') break;
      cells.push(lines[at] as Line);
      roles.push(role);
      last = at;
    }
    // The first row's number may come under a section heading (`【総論】`).
    let below = nextFilled(lines, last + 1);
    while (below < lines.length && BRACKET_HEADING.test((lines[below] as Line).text)) below = nextFilled(lines, below + 1);
    if (READABLE.test(roles.join(' ')) && NUMBER_LINE.test(lines[below]?.text ?? '')) return { start, cells, roles };
  }
  return null;
}

/** The index of the first line from `from` on that is not blank (the lines' length where none is). */
function nextFilled(lines: readonly Line[], from: number): number {
  let at = from;
  while (at < lines.length && (lines[at] as Line).text.trim() === '') at++;
  return at;
}

/** Where the header's cells are printed again from line `index` on (blank lines between them), the index of the last; else -1. */
function headerAgain(lines: readonly Line[], index: number, texts: readonly string[]): number {
  let at = index;
  for (const [offset, text] of texts.entries()) {
    if (offset > 0) at = nextFilled(lines, at + 1);
    if (lines[at]?.text.trim() !== text) return -1;
  }
  return at;
}

/** Is there a header printed a cell per line, with a row's number alone on the line below it (or below a section heading)? */
export function hasStackedCells(lines: readonly Line[]): boolean {
  return stackedHeader(lines) !== null;
}

/**
 * The blocks of a notice whose table is printed cell after cell. `classify` reads
 * the lines before the header (the title block), the blank lines and headings
 * between rows, and the lines after the table.
 */
export function stackedBlocks(lines: readonly Line[], classify: (line: Line) => Block, file: VFile): Block[] {
  const { start: headerStart, cells: headerLines, roles } = stackedHeader(lines) as StackedHeader;
  const headerTexts = headerLines.map((line) => line.text.trim());
  const blocks: Block[] = lines.slice(0, headerStart).map(classify);
  const first = headerLines[0] as Line;
  report(
    file,
    'cells-stacked',
    `Unexpected table printed cell after cell (${headerTexts.join(' / ')}: a text extraction without layout), expected TAB rows: each row was read from a line that is its number alone, its answer from where one opens after a sentence end; check the rows`,
    { line: first.number, column: 1, offset: first.start },
  );
  let rowLines: Line[] | null = null;
  /** The lines of the row read last, whose number the next row's follows. */
  let previous: Line[] | null = null;
  const flush = (): void => {
    if (rowLines) blocks.push(stackedRow(rowLines, roles, file));
    rowLines = null;
  };
  let inTable = true;
  // The header again (each page prints it) and page numbers are dropped, as a repeated header row and a page break are elsewhere.
  for (let index = headerStart; index < lines.length; index++) {
    const line = lines[index] as Line;
    const headerEnd = inTable ? headerAgain(lines, index, headerTexts) : -1;
    if (headerEnd >= 0) {
      // The header, and again at the top of each page, where the row above may go on below it.
      if (index === headerStart) blocks.push(headerRow(headerLines, headerTexts, file));
      index = headerEnd;
    } else if (inTable && opensRow(line, previous)) {
      flush();
      rowLines = [line];
      previous = rowLines;
    } else if (inTable && rowLines && NUMBER_LINE.test(line.text)) {
      // A page number, as `- 3 -` is a page break elsewhere.
    } else if (inTable && rowLines && line.text.trim() === '') {
      // Extractions part a table's cells with blank lines (or not): kept, as a hint where a cell ends.
      rowLines.push(line);
    } else if (line.text.trim() === '' || BRACKET_HEADING.test(line.text) || TABLE_END.test(line.text) || !inTable || !rowLines) {
      flush();
      if (TABLE_END.test(line.text)) inTable = false;
      blocks.push(classify(line));
    } else {
      rowLines.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * A number alone on a line opens a row, unless it is no greater than the number of the row above (an
 * integer's): then it is more likely a page number.
 */
function opensRow(line: Line, above: readonly Line[] | null): boolean {
  const key = NUMBER_LINE.exec(line.text)?.[1];
  if (key === undefined) return false;
  const before = above ? NUMBER_LINE.exec((above[0] as Line).text)?.[1] : undefined;
  const [value, last] = [integer(key), before === undefined ? null : integer(before)];
  return value === null || last === null || value > last;
}

/** `１２` -> 12; null for a key that is no integer (`1-2`). */
function integer(key: string): number | null {
  const digits = key.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  return /^[0-9]+$/.test(digits) ? Number(digits) : null;
}

/** The header's lines as a header row, a cell per line. */
function headerRow(lines: readonly Line[], texts: readonly string[], file: VFile): RowBlock {
  const cells = lines.map((line) => cellOfPieces([[linePiece(line)].filter((piece) => piece !== null)], file));
  const [first, last] = [lines[0] as Line, lines.at(-1) as Line];
  return { type: 'row', line: first.number, endLine: last.number, start: first.start, end: last.end, cells, texts: [...texts] };
}

/**
 * A row from its lines: the number line, then (in the header's order) the place's first line, the opinion's
 * lines and the answer's, and a flag (有, 無, ○…) on the last line. Each cell's lines are joined with nothing, as
 * hard-wrapped text is. Where the answer opens is a guess; a row where it cannot be told keeps its text in the
 * opinion cell and says so.
 */
function stackedRow(lines: readonly Line[], roles: readonly ColumnRole[], file: VFile): RowBlock {
  const [numberLine, ...below] = lines as [Line, ...Line[]];
  const text = below.filter((line) => line.text.trim() !== '');
  const place = roles.includes('place') ? text.splice(0, 1) : [];
  const flagLine = text.at(-1);
  const flag = roles.includes('flag') && text.length > 1 && flagLine && revisedFromFlag(flagLine.text) !== null ? text.splice(-1, 1) : [];
  const answerAt = answerStart(text, below);
  if (answerAt === null && text.length > 0) {
    const at = text[0] as Line;
    report(file, 'cells-stacked', `Unexpected row ${numberLine.text.trim()} printed cell after cell without a sentence end before its answer, expected an answer that opens as one does (御意見を踏まえ…, 原案…): its text is read as the opinion, with no response; check the row`, {
      line: at.number,
      column: 1,
      offset: at.start,
    });
  }
  const byRole: Partial<Record<ColumnRole, Line[]>> = {
    number: [numberLine],
    place,
    opinion: answerAt === null ? text : text.slice(0, answerAt),
    response: answerAt === null ? [] : text.slice(answerAt),
    flag,
  };
  const cells = roles.map((role) => cellOfPieces([(byRole[role] ?? []).map((line) => linePiece(line)).filter((piece) => piece !== null)], file));
  const last = [numberLine, ...text, ...place, ...flag].reduce((latest, line) => (line.number > latest.number ? line : latest));
  return { type: 'row', line: numberLine.number, endLine: last.number, start: numberLine.start, end: last.end, cells, texts: cells.map(rowCellText) };
}

/**
 * Where in `text` (a row's opinion and answer lines) the answer opens: after the one blank line that parts them
 * (in `printed`, the row's lines as printed), where an extraction parts cells so; else at the first line that
 * opens as answers do (`御意見を踏まえ`, `原案`, `本案は`) after a line that ends a sentence; else the second of
 * two lines (an opinion and its answer of one line each). Null when it cannot be told.
 */
function answerStart(text: readonly Line[], printed: readonly Line[]): number | null {
  const underBlank = new Set(printed.filter((_, index) => index > 0 && (printed[index - 1] as Line).text.trim() === ''));
  const afterBlank = text.flatMap((line, index) => (index > 0 && underBlank.has(line) ? [index] : []));
  if (afterBlank.length === 1) return afterBlank[0] as number;
  const opens = text.findIndex((line, index) => index > 0 && ANSWER_START.test(line.text.trim()) && SENTENCE_END.test((text[index - 1] as Line).text.trim()));
  if (opens > 0) return opens;
  return text.length === 2 ? 1 : null;
}
