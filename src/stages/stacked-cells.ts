/**
 * A table printed cell after cell, each cell on lines of its own: what a text
 * extraction without layout leaves of a PDF's table (pdftotext's default, a
 * PDF library's page text). The header's cells come one per line
 * (`番号` / `提出された意見` / `総務省の考え方`), then each row: a line that is
 * its number alone, its opinion's lines, its answer's lines, its flag. Where
 * blank lines part a row's cells (pdftotext's own output), each run of lines
 * is a cell; else the lines of a row are split where the answer opens
 * (`御意見を踏まえ…`, `原案…`) after a sentence end. The rows are read into
 * the blocks a TAB table gives; the split is a guess, so it is reported.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { columnRole, type ColumnRole } from '../normalize/columns.js';
import { outcomeOf, revisedFromFlag } from '../normalize/outcome.js';
import { isSubmitterMark } from '../normalize/submitters.js';
import { rowCellText, type Block, type RowBlock } from './blocks.js';
import { pushAll } from '../arrays.js';
import { ANSWER_START } from './merged-row.js';
import { preview } from './assemble-rows.js';
import { cellOfPieces, linePiece, type LinePiece } from './parse-cells.js';
import { PAGE_NUMBER, SENTENCE_END, wrappedParagraphs } from './pdf-lines.js';
import type { Line } from './segment.js';

/** A line that is a row's number alone: `12`, `No.3`, `1-2`, `４．`. */
const NUMBER_LINE = /^[\s\u3000]*(?:No\.?[ \u3000]*)?([0-9０-９]{1,5}(?:[-－‐][0-9０-９]{1,3})*)[.．]?[ \u3000]*$/i;
/** A note under the table (`※…`, `注1：…`) or its closing `以上`: the rows end there. */
const TABLE_END = /^[ \u3000]*(?:※|＊|注[0-9０-９]*[:：]|[(（]注|以上[ \u3000]*$)/;
/** `【総論】`: a section heading between rows. */
const BRACKET_HEADING = /^[ \u3000]*【[^【】]+】[ \u3000]*$/;

/** The header's cells, a line each (blank lines may part them; a narrow column's may wrap onto a second), and the role of each (number first, then [place], opinion, response, [flag]). */
interface StackedHeader {
  /** The index of its first line. */
  start: number;
  cells: Line[][];
  roles: ColumnRole[];
}

/** The roles, in order, that such a table can be read by: what stands between the number and the flag must be told apart by its place. */
const READABLE = /^number (?:place )?opinion response(?: flag)?$/;
/** The roles of a table without a number column (the e-Gov template) that blank lines part cell by cell: a row is a run of lines per cell. */
const READABLE_UNNUMBERED = /^opinion response(?: flag)?$/;

function stackedHeader(lines: readonly Line[]): StackedHeader | null {
  // A header without numbers is no other column's name printed apart below one before it (a table printed column by column): only the first can be one.
  const firstColumnName = lines.findIndex(isColumnName);
  for (let start = 0; start < lines.length; start++) {
    const opening = columnRole((lines[start] as Line).text);
    if (opening !== 'number' && opening !== 'opinion') continue;
    const cells = [[lines[start] as Line]];
    const roles: ColumnRole[] = [opening];
    let last = start;
    for (let at = nextFilled(lines, start + 1); at < lines.length && roles.length < 5; at = nextFilled(lines, last + 1)) {
      const cell = headerCell(lines, at);
      if (!cell || cell.role === 'number') break;
      cells.push(cell.lines);
      roles.push(cell.role);
      last = at + cell.lines.length - 1;
    }
    // The first row's number may come under a section heading (`【総論】`).
    let below = nextFilled(lines, last + 1);
    while (below < lines.length && BRACKET_HEADING.test((lines[below] as Line).text)) below = nextFilled(lines, below + 1);
    if (opening === 'number' && READABLE.test(roles.join(' ')) && NUMBER_LINE.test(lines[below]?.text ?? '')) return { start, cells, roles };
    // Without numbers, only pdftotext's own parting tells the cells: a blank line after each header cell, the first row's text below.
    const parted = cells.every((cell) => lines[(cell.at(-1) as Line).number]?.text.trim() === '');
    const header = { start, cells, roles };
    if (opening === 'opinion' && start === firstColumnName && READABLE_UNNUMBERED.test(roles.join(' ')) && parted && below < lines.length && !NUMBER_LINE.test((lines[below] as Line).text) && answersUnderAnswers(lines, header)) return header;
  }
  return null;
}

/**
 * Do the runs below an unnumbered header, taken a run per cell, put answers in
 * the answer column: more of its runs read as answers than the opinion
 * column's do, and no other column's name stands alone among them (`該当箇所`,
 * `修正の有無`). Else the runs are no cells in order (an extraction that printed
 * the table column by column, or merged cells across rows), and are not read
 * as rows.
 */
function answersUnderAnswers(lines: readonly Line[], header: StackedHeader): boolean {
  const printed = new Set(header.cells.flat().map((line) => line.text.trim()));
  const last = (header.cells.at(-1)?.at(-1) as Line).number;
  const below: Line[] = [];
  for (const line of lines.slice(last)) {
    if (TABLE_END.test(line.text)) break;
    if (printed.has(line.text.trim()) || NUMBER_LINE.test(line.text) || PAGE_NUMBER.test(line.text)) continue;
    if (isColumnName(line)) return false;
    below.push(line);
  }
  const runs = blankParted(below);
  const [opinion, response] = [header.roles.indexOf('opinion'), header.roles.indexOf('response')];
  let [opinionAnswers, responseAnswers] = [0, 0];
  for (let at = 0; at + header.roles.length <= runs.length; at += header.roles.length) {
    if (readsAsAnswer(runs[at + opinion] as Line[])) opinionAnswers++;
    if (readsAsAnswer(runs[at + response] as Line[])) responseAnswers++;
  }
  return responseAnswers > opinionAnswers;
}

/** A line that is a column's name alone (`該当箇所`, `修正の有無`). */
function isColumnName(line: Line): boolean {
  return line.text.trim().length <= 20 && columnRole(line.text) !== null;
}

/** The header cell at line `at`: the line, or the line and the next where a narrow column wrapped its words (`修正の` / `有無`); null when neither names a column. */
function headerCell(lines: readonly Line[], at: number): { lines: Line[]; role: ColumnRole } | null {
  const [line, next] = [lines[at] as Line, lines[at + 1]];
  const role = columnRole(line.text);
  if (role !== null) return { lines: [line], role };
  const wrapped = next && next.text.trim() !== '' ? columnRole(line.text.trim() + next.text.trim()) : null;
  return next && wrapped !== null ? { lines: [line, next], role: wrapped } : null;
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

/** The first line that is an opinion column's name alone, with an answer column's alone within the next lines: a header printed a cell per line, readable or not. */
export function columnNamesApart(lines: readonly Line[]): Line | null {
  const alone = (line: Line | undefined, role: ColumnRole): boolean => line !== undefined && line.text.trim().length <= 40 && columnRole(line.text) === role;
  return lines.find((line, index) => alone(line, 'opinion') && lines.slice(index + 1, index + 6).some((next) => alone(next, 'response'))) ?? null;
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
  const { start: headerStart, cells: headerCells, roles } = stackedHeader(lines) as StackedHeader;
  // Each printed line of the header, which is looked for again at the top of each page.
  const headerTexts = headerCells.flat().map((line) => line.text.trim());
  const blocks: Block[] = lines.slice(0, headerStart).map(classify);
  const first = (headerCells[0] as Line[])[0] as Line;
  const numbered = roles[0] === 'number';
  const how = numbered
    ? 'each row was read from a line that is its number alone, its cells from the runs of lines that blank lines part, else its answer from where one opens after a sentence end'
    : `each row was read as ${roles.length} runs of lines that blank lines part, a cell each`;
  report(file, 'cells-stacked', `Unexpected table printed cell after cell (${headerCells.map(joinedText).join(' / ')}: a text extraction without layout), expected TAB rows: ${how}; check the rows`, {
    line: first.number,
    column: 1,
    offset: first.start,
  });
  if (!numbered) {
    blocks.push(headerRow(headerCells, file));
    pushAll(blocks, unnumberedRows(lines, (headerCells.at(-1)?.at(-1) as Line).number, headerTexts, roles, classify, file));
    return blocks;
  }
  let row: StackedRowLines | null = null;
  /** The number line of the row read last, which the next row's number follows. */
  let previous: Line | null = null;
  const flush = (): void => {
    if (row) blocks.push(stackedRow(row, roles, file));
    row = null;
  };
  let inTable = true;
  // The header again (each page prints it) and page numbers are dropped, as a repeated header row and a page break are elsewhere.
  for (let index = headerStart; index < lines.length; index++) {
    const line = lines[index] as Line;
    const headerEnd = inTable ? headerAgain(lines, index, headerTexts) : -1;
    if (headerEnd >= 0) {
      // The header, and again at the top of each page, where the row above may go on below it.
      if (index === headerStart) blocks.push(headerRow(headerCells, file));
      row?.pages.push([]);
      index = headerEnd;
    } else if (inTable && opensRow(line, previous)) {
      flush();
      row = { number: line, pages: [[]] };
      previous = line;
    } else if (inTable && row && (NUMBER_LINE.test(line.text) || PAGE_NUMBER.test(line.text))) {
      // A page number (`1`, `- 3 -`), as a page number is a page break elsewhere.
    } else if (inTable && row && line.text.trim() === '') {
      // Extractions part a table's cells with blank lines (or not): kept, as a hint where a cell ends.
      row.pages.at(-1)?.push(line);
    } else if (line.text.trim() === '' || (BRACKET_HEADING.test(line.text) && !markInCell(line, lines[index - 1])) || TABLE_END.test(line.text) || !inTable || !row) {
      flush();
      if (TABLE_END.test(line.text)) inTable = false;
      blocks.push(classify(line));
    } else {
      row.pages.at(-1)?.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * The rows of a table without a number column whose cells blank lines part
 * (pdftotext's own output of the e-Gov template), from line index `from` on:
 * each run of lines is the next cell, a row being a run per column (a flag,
 * one line that reads as one, may be missing). The header printed again and
 * page numbers are dropped; after them, runs go on with the cells of the row
 * above that the page cut mid-sentence. A section heading (`【総論】`) between
 * rows is read as one; a note (`※…`) or `以上` ends the table.
 */
function unnumberedRows(lines: readonly Line[], from: number, headerTexts: readonly string[], roles: readonly ColumnRole[], classify: (line: Line) => Block, file: VFile): Block[] {
  const items: ({ cells: CellLines } | { block: Block })[] = [];
  const unfilled = (cells: CellLines): ColumnRole | undefined => roles.find((role) => cells[role] === undefined);
  /** The row being filled, and the row read last. */
  let [open, above]: (CellLines | null)[] = [null, null];
  let pageEnded = false;
  /** The cell the page cut that the lines after the page break went on with, and where they start in it. */
  let continued: { lines: Line[]; from: number } | null = null;
  let index = from;
  for (; index < lines.length; index++) {
    const line = lines[index] as Line;
    const headerEnd = headerAgain(lines, index, headerTexts);
    if (headerEnd >= 0) {
      [index, pageEnded] = [headerEnd, true];
      continue;
    }
    if (line.text.trim() === '' || PAGE_NUMBER.test(line.text) || NUMBER_LINE.test(line.text)) {
      // A blank line parts cells; a number alone, in a table without numbers, is a page's.
      pageEnded ||= line.text.trim() !== '';
      items.push({ block: { type: 'break', line: line.number } });
      continue;
    }
    if (TABLE_END.test(line.text)) break;
    const run = runAt(lines, index);
    index += run.length - 1;
    if (!open && run.length === 1 && BRACKET_HEADING.test(line.text)) {
      items.push({ block: classify(line) });
      continue;
    }
    const cut: ColumnRole | undefined = pageEnded && !open && above ? roles.find((role) => role !== 'flag' && endsMidSentence(above?.[role])) : undefined;
    if (above && cut) {
      continued = { lines: above[cut] as Line[], from: (above[cut] as Line[]).length };
      continued.lines.push(...run);
      continue;
    }
    // An answer cannot open a row: the blank line before it was lost, and the opinion it answers ran on from the lines the page cut.
    const lost: Line[] | null = !open && continued && readsAsAnswer(run) ? opinionRunOn(continued) : null;
    if (lost) {
      report(file, 'cells-stacked', `Unexpected answer where a row's first cell was expected (${preview(joinedText(run))}), expected an opinion before it: the lines after the last sentence end of the text the page cut above were read as its opinion (a blank line between two cells was lost); check the row`, {
        line: line.number,
        column: 1,
        offset: line.start,
      });
      above = { opinion: lost };
      open = above;
      items.push({ cells: open });
    }
    continued = null;
    pageEnded = false;
    // A row whose flag cell is empty ends where the run that would be its flag reads as none.
    if (open && unfilled(open) === 'flag' && !(run.length === 1 && revisedFromFlag(line.text) !== null)) open = null;
    if (!open) {
      open = {};
      above = open;
      items.push({ cells: open });
    }
    open[unfilled(open) as ColumnRole] = [...run];
    if (unfilled(open) === undefined) open = null;
  }
  const blocks = items.map((item) => ('block' in item ? item.block : rowOfCells(item.cells, roles, file)));
  for (; index < lines.length; index++) blocks.push(classify(lines[index] as Line));
  return blocks;
}

/** Does a run of lines read as an answer: it opens as answers do, or states what became of the draft? */
function readsAsAnswer(run: readonly Line[]): boolean {
  const text = joinedText(run);
  return ANSWER_START.test(text) || outcomeOf(text) !== 'unknown';
}

/** The lines of `continued` after the last sentence end that ends one of them: an opinion that ran on without its blank line, taken out of it; null where none does. */
function opinionRunOn(continued: { lines: Line[]; from: number }): Line[] | null {
  for (let at = continued.lines.length - 1; at > continued.from; at--) {
    if (SENTENCE_END.test((continued.lines[at - 1] as Line).text.trim())) return continued.lines.splice(at);
  }
  return null;
}

/** A row's lines by the column they were read into. */
type CellLines = Partial<Record<ColumnRole, Line[]>>;

/** The run of lines from index `at` to the next blank line. */
function runAt(lines: readonly Line[], at: number): Line[] {
  let end = at;
  while (end + 1 < lines.length && (lines[end + 1] as Line).text.trim() !== '') end++;
  return lines.slice(at, end + 1);
}

/** Does a cell's text stop mid-sentence (a page cut it), not at a sentence end or its submitter's mark? */
function endsMidSentence(cell: readonly Line[] | undefined): boolean {
  const last = cell?.at(-1)?.text.trim();
  return last !== undefined && !SENTENCE_END.test(last) && !WHOLE_MARK.test(last);
}

/** `【株式会社A】` right under a line of a cell: the submitter's mark that ends the cell, not a section heading (`【総論】`). */
function markInCell(line: Line, above: Line | undefined): boolean {
  return above !== undefined && above.text.trim() !== '' && isMark(line.text);
}

/** A line that is a submitter's mark alone (`【株式会社A】`, `【個人】`), not a label (`【回答】`) or a heading (`【総論】`). */
function isMark(text: string): boolean {
  return WHOLE_MARK.test(text) && isSubmitterMark(text.trim().slice(1, -1), NO_NAMES);
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** A row's lines as printed: its number line, then the lines below it, a list per page (the header printed again parts them). */
interface StackedRowLines {
  number: Line;
  pages: Line[][];
}

/**
 * A number alone on a line opens a row, unless it is no greater than the number of the row above (an
 * integer's): then it is more likely a page number.
 */
function opensRow(line: Line, above: Line | null): boolean {
  const key = NUMBER_LINE.exec(line.text)?.[1];
  if (key === undefined) return false;
  const before = above ? NUMBER_LINE.exec(above.text)?.[1] : undefined;
  const [value, last] = [integer(key), before === undefined ? null : integer(before)];
  return value === null || last === null || value > last;
}

/** `１２` -> 12; null for a key that is no integer (`1-2`). */
function integer(key: string): number | null {
  const digits = key.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  return /^[0-9]+$/.test(digits) ? Number(digits) : null;
}

/** A header cell's lines joined with nothing, as a narrow column wrapped them (`修正の` / `有無` -> `修正の有無`). */
function joinedText(lines: readonly Line[]): string {
  return lines.map((line) => line.text.trim()).join('');
}

/** The header's cells as a header row. */
function headerRow(cells: readonly Line[][], file: VFile): RowBlock {
  const nodes = cells.map((lines) => cellOfPieces([lines.map((line) => linePiece(line)).filter((piece) => piece !== null)], file));
  const [first, last] = [(cells[0] as Line[])[0] as Line, cells.flat().at(-1) as Line];
  return { type: 'row', line: first.number, endLine: last.number, start: first.start, end: last.end, cells: nodes, texts: cells.map(joinedText) };
}

/** `【株式会社A】` alone on its line: a submitter's mark, a paragraph of its own. */
const WHOLE_MARK = /^[ \u3000]*【[^【】]+】[ \u3000]*$/;

/**
 * A row from its lines: the number line, then (in the header's order) the place, the opinion, the answer and a
 * flag (有, 無, ○…). Where blank lines part the cells of its first page into as many as the header has (a flag
 * may be missing), each is read as its column (pdftotext's own output), and the lines the next page goes on
 * with, after the header printed again, continue the columns the page cut mid-sentence. Else the place takes
 * the first line, the flag the last, and where the answer opens is a guess; a row where it cannot be told keeps
 * its text in the opinion cell and says so. A cell's lines are read into paragraphs as hard-wrapped text is.
 */
function stackedRow(row: StackedRowLines, roles: readonly ColumnRole[], file: VFile): RowBlock {
  return rowOfCells(cellsByBlankLines(row, roles) ?? cellsByGuess(row, roles, file), roles, file);
}

/** The row block of a row's lines read into its columns: a cell's lines in paragraphs as hard-wrapped text is (a mark alone on its line one of its own). */
function rowOfCells(byRole: CellLines, roles: readonly ColumnRole[], file: VFile): RowBlock {
  const cells = roles.map((role) => cellOfPieces(role === 'number' || role === 'flag' ? [piecesOf(byRole[role] ?? [])] : wrappedParagraphs(piecesOf(byRole[role] ?? []).map((piece) => ({ piece, alone: WHOLE_MARK.test(piece.text) }))), file));
  const printed = Object.values(byRole).flat();
  const first = printed.reduce((earliest, line) => (line.number < earliest.number ? line : earliest));
  const last = printed.reduce((latest, line) => (line.number > latest.number ? line : latest));
  return { type: 'row', line: first.number, endLine: last.number, start: first.start, end: last.end, cells, texts: cells.map(rowCellText) };
}

function piecesOf(lines: readonly Line[]): LinePiece[] {
  return lines.map((line) => linePiece(line)).filter((piece) => piece !== null);
}

/** The runs of lines that blank lines part. */
function blankParted(lines: readonly Line[]): Line[][] {
  const runs: Line[][] = [[]];
  for (const line of lines) {
    if (line.text.trim() !== '') runs.at(-1)?.push(line);
    else if ((runs.at(-1) as Line[]).length > 0) runs.push([]);
  }
  return runs.filter((run) => run.length > 0);
}

/**
 * The cells of a row whose first page parts them with blank lines, one run of lines per column after the
 * number (the flag's, one line that reads as a flag, may be missing); null where the runs do not fit the
 * header. A later page's runs continue, in order, the text columns whose text the page cut mid-sentence, else
 * the text columns in order.
 */
function cellsByBlankLines(row: StackedRowLines, roles: readonly ColumnRole[]): CellLines | null {
  const [firstPage = [], ...later] = row.pages;
  const runs = blankParted(firstPage);
  const columns = roles.slice(1);
  const [flagged, flagRun] = [columns.at(-1) === 'flag', runs.at(-1)];
  const flagPrinted = flagged && flagRun?.length === 1 && revisedFromFlag((flagRun[0] as Line).text) !== null;
  const printed = flagged && !flagPrinted ? columns.slice(0, -1) : columns;
  if (runs.length !== printed.length || printed.length < 2) return null;
  const byRole: CellLines = Object.fromEntries(printed.map((role, index) => [role, [...(runs[index] as Line[])]]));
  continueCutCells(byRole, later);
  return { number: [row.number], ...byRole };
}

/** Each later page's runs of lines go on, in order, with the text columns that the page cut mid-sentence, then with the others. */
function continueCutCells(byRole: CellLines, later: readonly Line[][]): void {
  const textRoles = (['opinion', 'response'] as const).filter((role) => (byRole[role]?.length ?? 0) > 0);
  for (const page of later) {
    const cut = textRoles.filter((role) => endsMidSentence(byRole[role]));
    const order = [...cut, ...textRoles.filter((role) => !cut.includes(role))];
    for (const [index, run] of blankParted(page).entries()) byRole[order[Math.min(index, order.length - 1)] as ColumnRole]?.push(...run);
  }
}

/**
 * The cells of a row read line by line: the place's first line, the flag on the last line, the answer from
 * where it opens (answerStart); reported where that cannot be told. Where the row's first page tells its
 * answer, the next pages' lines go on with the cells the page cut; else the pages are read as one.
 */
function cellsByGuess(row: StackedRowLines, roles: readonly ColumnRole[], file: VFile): CellLines {
  const [firstPage = [], ...later] = row.pages;
  const onFirstPage = linesByGuess(firstPage, roles);
  const firstPageTells = onFirstPage.response.length > 0 || later.length === 0;
  const cells = firstPageTells ? onFirstPage : linesByGuess(row.pages.flat(), roles);
  if (firstPageTells) continueCutCells(cells, later);
  const at = cells.opinion[0];
  if (at && cells.response.length === 0) {
    report(file, 'cells-stacked', `Unexpected row ${row.number.text.trim()} printed cell after cell without a sentence end before its answer, expected an answer that opens as one does (御意見を踏まえ…, 原案…): its text is read as the opinion, with no response; check the row`, {
      line: at.number,
      column: 1,
      offset: at.start,
    });
  }
  return { number: [row.number], ...cells };
}

/** A row's lines below its number (`printed`, blank lines among them) read into its place, opinion, response and flag; the response empty where its opening cannot be told. */
function linesByGuess(printed: readonly Line[], roles: readonly ColumnRole[]): { place: Line[]; opinion: Line[]; response: Line[]; flag: Line[] } {
  const text = printed.filter((line) => line.text.trim() !== '');
  const place = roles.includes('place') ? text.splice(0, 1) : [];
  const flagLine = text.at(-1);
  const flag = roles.includes('flag') && text.length > 1 && flagLine && revisedFromFlag(flagLine.text) !== null ? text.splice(-1, 1) : [];
  const answerAt = answerStart(text, printed);
  return { place, opinion: answerAt === null ? text : text.slice(0, answerAt), response: answerAt === null ? [] : text.slice(answerAt), flag };
}

/**
 * Where in `text` (a row's opinion and answer lines) the answer opens: after the one blank line that parts them
 * (in `printed`, the row's lines as printed), where an extraction parts cells so; else after the submitter's
 * mark alone on its line that ends the opinion's last comment (`【株式会社A】`); else at the first line that
 * opens as answers do (`御意見を踏まえ`, `原案`, `本案は`) after a line that ends a sentence; else the second of
 * two lines (an opinion and its answer of one line each). Null when it cannot be told.
 */
function answerStart(text: readonly Line[], printed: readonly Line[]): number | null {
  const underBlank = new Set(printed.filter((_, index) => index > 0 && (printed[index - 1] as Line).text.trim() === ''));
  const afterBlank = text.flatMap((line, index) => (index > 0 && underBlank.has(line) ? [index] : []));
  if (afterBlank.length === 1) return afterBlank[0] as number;
  // A submitter's mark ends a comment: the answer opens after the mark that ends the opinion's last one.
  const lastMark = text.findLastIndex((line) => isMark(line.text));
  if (lastMark >= 0 && lastMark < text.length - 1) return lastMark + 1;
  const opens = text.findIndex((line, index) => index > 0 && ANSWER_START.test(line.text.trim()) && SENTENCE_END.test((text[index - 1] as Line).text.trim()));
  if (opens > 0) return opens;
  return text.length === 2 ? 1 : null;
}
