/**
 * Stage 5: blocks -> title block, sections, submitter lists and opinion
 * drafts. A row whose number cell is filled, or whose opinion cell starts with
 * `意見N`, opens an opinion; rows without one continue it (detail rows with
 * their own comments, a response or flag on a later row, the rest of a cell
 * cut by a page break). In a table with neither (`コメントの概要⇥コメントに対する
 * 考え方`, FORMATS.md family B), each row that prints opinion text opens one.
 * Header rows map columns by their header text; a row with one short cell
 * (`●…`, `【…】`, a colspan) is a topic or a section.
 */
import type { VFile } from 'vfile';
import { nonBlankLength, report, type Place } from '../diagnostics.js';
import { MARKDOWN_BOLD, respondentFrom, type ColumnRole } from '../normalize/columns.js';
import { statesDraftChanges } from '../normalize/draft-changes.js';
import type { Overrides } from '../schema/overrides.js';
import { parseSectionHeading } from '../normalize/sections.js';
import { isAllBold, type Block, type CellNode, type RowBlock } from './blocks.js';
import { cellParagraphs, restoredCircledDigits, unsafeMarkup, type Paragraph } from './cell-text.js';
import { SENTENCE_END } from './split-comments.js';
import { isCountTableHeader, legendsIn, noteIn } from './read-header.js';
import { classifyRow, guessRole, hasLabelledRows, headerKey, wrappedHeader, type Role } from './header-rows.js';
import { openingLabel } from './opinion-label.js';
import { isListLine, LIST_HEADING, listRemarksIn, newSubmitterList, readListLine, readListRow, type SubmitterList, type SubmitterTable } from './submitter-lists.js';
import { pushAll } from '../arrays.js';

/** The paragraphs one row contributes to one column of an opinion. */
export interface RowPart {
  line: number;
  paragraphs: Paragraph[];
  /** A blank line (a page break of the PDF) separates this row from the one before. */
  afterBreak: boolean;
  /** For a 該当箇所 that reads 同上 (ditto): the place it repeats, from a row above. */
  sameAs: Paragraph[] | null;
}

/** A 該当箇所 cell that only repeats the one above it (`同上`, `〃`). */
const DITTO = /^(?:同上|〃|同前|同)$/;

export interface SectionDraft {
  id: string;
  label: string | null;
  title: string;
  line: number;
}

export interface OpinionDraft {
  label: string;
  key: string;
  /** The label was printed at the start of the opinion cell (`意見N …`), so a summary may follow it. */
  labelInOpinionCell: boolean;
  section: string | null;
  topic: string | null;
  startLine: number;
  endLine: number;
  /** Offsets from the start of its first row to the end of its last. */
  start: number;
  end: number;
  parts: Record<ColumnRole, RowPart[]>;
  /** Start offsets of the rows that a rowspan number cell continues: each is a point of its own (a comment per row). */
  subRows: number[];
  /** The party its table's 再意見 column is named for (`NTT再意見(要旨)` -> NTT): the submitter of a re-opinion with no mark of its own. */
  reOpinionBy: string | null;
  /** Printed where the notice gives no answers (a table without a response column, a `その他の主な御意見` list): no response is expected. */
  unanswered: boolean;
  /** Listed by its number under this category (family F): it has no words here, and its outcome is the category's. */
  category: string | null;
}

/** A line of the title block; table rows keep their cells (a table of counts by type). */
export interface TitleLine {
  line: number;
  text: string;
  cells: string[] | null;
  /** `# …` or `<h1>`: the likeliest title. */
  isMainHeading: boolean;
  /** A line printed in the only filled cell of a table row: reported when it states nothing, as a table row is. */
  inCell?: boolean;
}

export interface Draft {
  titleBlock: TitleLine[];
  /** Lines after the first table that define legends (`※対応区分 A：…　B：…`): the glossary reads them with the title block's. */
  legendLines: TitleLine[];
  /** Notes printed after the first table (`※御意見は要約しています。`): `notice.notes`, after the title block's. */
  noteLines: TitleLine[];
  /** Lines after the first table, not notes, that say what became of the draft (`修正箇所数 4箇所`): `notice.draftChanges` reads them with the title block and the notes. */
  changeLines: TitleLine[];
  sections: SectionDraft[];
  opinions: OpinionDraft[];
  submitterLists: SubmitterList[];
  /** From the response column's header (総務省の考え方), when it names a body. */
  respondent: string | null;
  /** A header row of an opinion table was found (an empty table is still a notice). */
  hasOpinionTable: boolean;
  hasFlagColumn: boolean;
  /** Non-blank characters in the cells of the opinion tables, and those of them that went into section or topic rows or notes (`※…` across the table). */
  characters: number;
  headingAndNoteCharacters: number;
}

/** A bullet that makes a one-cell row a topic (`●顧客同意`, S7). */
const BULLET = /^[●○■□◆◇▼▽★☆◎]/;

/** Columns whose merged cell an export prints once, on its first row (the flag beside a merged response goes with it). */
const MERGED_ROLES = ['place', 'response'] as const;
type MergedRole = (typeof MERGED_ROLES)[number];
const MERGED_COLUMN_NAME: Record<MergedRole, string> = { place: '該当箇所', response: 'response' };

export function assembleRows(blocks: readonly Block[], file: VFile, overrides: Overrides = {}): Draft {
  const assembler = new Assembler(file, overrides);
  blocks.forEach((block, index) => assembler.add(block, blocks, index));
  assembler.reportRepeatedNumbers();
  assembler.reportCarriedCells();
  assembler.reportListColumns();
  return assembler.draft;
}

/** The state of one pass over the blocks: the current header, section, topic, opinion and submitter list. */
class Assembler {
  readonly draft: Draft = { titleBlock: [], legendLines: [], noteLines: [], changeLines: [], sections: [], opinions: [], submitterLists: [], respondent: null, hasOpinionTable: false, hasFlagColumn: false, characters: 0, headingAndNoteCharacters: 0 };
  private roles: Role[] | null = null;
  private list: SubmitterTable | null = null;
  /** Text of a 提出者一覧 table's columns beside the names, by list and column: reported once per column. */
  private readonly listColumns = new Map<string, { header: string; paragraphs: Paragraph[] }>();
  private section: SectionDraft | null = null;
  private topic: string | null = null;
  private opinion: OpinionDraft | null = null;
  /** The party the current header's 再意見 column is named for, if any. */
  private reOpinionBy: string | null = null;
  /** The table under the current header has no number column and no `意見N` label: each row is an opinion. */
  private unnumbered = false;
  /** Opinions keyed by their place so far (rows of unnumbered tables, items of closing lists). */
  private unnumberedCount = 0;
  /** The keys of the opinions so far: a key by place skips those a number took. */
  private readonly keys = new Set<string>();
  /** A table without a response column was reported (once per notice). */
  private answerlessReported = false;
  /** A blank line (page break) came since the last row. */
  private afterBreak = false;
  /** The first heading followed by a table, or the first header row, ends the title block. */
  private inBody = false;
  /** The rows under the current header are a table of the draft's revisions (修正前 | 修正後), reported as notes. */
  private inRevisionTable = false;
  /** The last 該当箇所 that was not a ditto, which a 同上 below repeats. */
  private lastPlace: Paragraph[] | null = null;
  /** The opinion above under the current header, section and topic, whose one-cell 該当箇所 or response an empty cell below may repeat. */
  private opinionAbove: OpinionDraft | null = null;
  /** The opinion whose first row left such a cell empty: it takes the cell above unless a row of its own prints that column. */
  private mergedCandidate: { opinion: OpinionDraft; line: number; cells: { role: MergedRole; at: CellNode; paragraphs: Paragraph[] }[]; flag: Paragraph[] | null } | null = null;
  /** Where an empty cell took the text above, by column (reported once per column for the notice). */
  private readonly carried: { role: MergedRole; at: CellNode; key: string; paragraphs: Paragraph[] }[] = [];
  /**
   * Offsets of cells whose text went to no opinion: header cells, the cells
   * of a heading or note row, and those of a row before any opinion (reported).
   * A rowspan that carries one into the rows below carries nothing more: its
   * text is accounted for once.
   */
  private uncarried = new Set<number>();

  /** The cells of `row` carry nothing into the rows they span ({@link uncarried}). */
  private carryNothingFrom(row: RowBlock): void {
    for (const cell of row.cells) if (cell) this.uncarried.add(cell.offset);
  }
  /** The texts of the current header row, spaces ignored: the same row again is a page's repeat of it. */
  private headerKey: string | null = null;
  /** Row-number copies taken out of the columns after the opinion's (S10). */
  private readonly repeatedNumbers: { paragraph: Paragraph; number: string }[] = [];
  /** The row below a header row that wraps onto it (`御意見の⇥…` / `概要⇥…`): read with it. */
  private headerTail: RowBlock | null = null;

  constructor(
    private readonly file: VFile,
    private readonly overrides: Overrides,
  ) {}

  add(block: Block, blocks: readonly Block[], index: number): void {
    switch (block.type) {
      case 'break':
        this.afterBreak = true;
        return;
      case 'separator':
        return;
      case 'table-end':
        this.list = null;
        // No cell merges across tables; the opinion above may still go on in the next one (a page cut it), so it is settled when it ends.
        this.opinionAbove = null;
        return;
      case 'heading':
        this.heading(block, isSectionHeading(blocks, index, this.roles !== null, this.overrides.columns ?? {}));
        return;
      case 'text':
        this.text(block, isSectionHeading(blocks, index, true, this.overrides.columns ?? {}), isSectionHeading(blocks, index, false, this.overrides.columns ?? {}));
        return;
      case 'row':
        this.row(block, blocks, index);
        return;
      case 'item':
        this.item(block);
    }
  }

  private heading(block: Extract<Block, { type: 'heading' }>, isSection: boolean): void {
    this.list = null;
    if (LIST_HEADING.test(block.text)) {
      this.startList(block.text, block.line, null);
    } else if (!this.inBody && looksLikeTitle(block.text) && !this.draft.titleBlock.some((line) => looksLikeTitle(line.text))) {
      // A page whose only heading is its title, right over the table (S3's page): the title, not a section.
      this.draft.titleBlock.push({ line: block.line, text: block.text, cells: null, isMainHeading: true });
    } else if (isSection) {
      this.inBody = true;
      this.openSection(block.text, block.line);
    } else if (!this.inBody) {
      this.draft.titleBlock.push({ line: block.line, text: block.text, cells: null, isMainHeading: block.depth === 1 });
    } else {
      report(this.file, 'note-outside-table', `Unexpected heading outside any table: ${preview(block.text)}`, { line: block.line, column: block.column });
    }
  }

  /**
   * A line of text; after the first table, a numbered line over a table (`Ⅳ　附則関係`) is a section heading, as a `【…】` line is.
   * Right over the first header row, such a line that names no part of the notice itself (`１．総論`, not `２ 提出された意見と考え方`) opens the first section.
   */
  private text(block: Extract<Block, { type: 'text' }>, overTable: boolean, overHeader: boolean): void {
    const opensFirstSection = !this.inBody && !this.list && overHeader && isNumberedHeading(block.text) && !NOTICE_PART.test(block.text);
    const opensList = LIST_HEADING.test(block.text);
    const isNote = this.inBody && noteIn(block.text) === block.text.trim();
    const read = this.list && !opensList ? readListLine(this.list.target, block.text, { line: block.line, column: block.column }, block.listItem === true) : null;
    // A list's own total (`計4件` under 再意見提出者一覧) counts that list, not the notice: withListedCounts reads it.
    // A line the list read, or one that opens a list, is no unread row of a sheet, which readHeader reports.
    const inCell = block.inCell && read === null && !opensList;
    if (!this.inBody && !opensFirstSection && read !== 'total') this.draft.titleBlock.push({ line: block.line, text: block.text, cells: null, isMainHeading: false, ...(inCell ? { inCell: true } : {}) });
    if (opensList) {
      this.startList(block.text, block.line, null);
    } else if (this.list) {
      // `※ 上記のほか、個人3名から…`: counted, and kept as the note it is; `(順不同・敬称略)` is a note too, as is the remark of `計4件（受付順、敬称略）`.
      if (isNote || read === 'remark') this.draft.noteLines.push({ line: block.line, text: block.text, cells: null, isMainHeading: false });
      else if (read === 'total') this.keepListRemarks(block.text, block.line);
      // In the title block, readHeader reads the line; after the tables, nothing else would.
      else if (read === null && this.inBody) report(this.file, 'note-outside-table', `Unexpected text under a 提出者一覧: ${preview(block.text)}, expected a numbered name (1. 株式会社…), a count of people (個人3名), a total (計4件) or a remark in parentheses; a bare line is not taken for a name`, { line: block.line, column: block.column });
    } else if (opensFirstSection || (this.inBody && overTable && isNumberedHeading(block.text))) {
      this.openSection(block.text, block.line);
    } else if (this.inBody && legendsIn(block.text).length > 0) {
      this.draft.legendLines.push({ line: block.line, text: block.text, cells: null, isMainHeading: false });
    } else if (isNote) {
      this.draft.noteLines.push({ line: block.line, text: block.text, cells: null, isMainHeading: false });
    } else if (this.inBody && statesDraftChanges(block.text)) {
      this.draft.changeLines.push({ line: block.line, text: block.text, cells: null, isMainHeading: false });
    } else if (this.inBody) {
      report(this.file, 'note-outside-table', `Unexpected text outside any table: ${preview(block.text)}`, { line: block.line, column: block.column });
    }
  }


  private row(row: RowBlock, blocks: readonly Block[], index: number): void {
    const columns = this.overrides.columns ?? {};
    if (row === this.headerTail) {
      // The second line of a wrapped header row is header too: outside the accounting, as the first is.
      this.carryNothingFrom(row);
      this.headerTail = null;
      return;
    }
    const next = blocks[index + 1];
    const wrapped = next?.type === 'row' ? wrappedHeader(row, next, columns) : null;
    if (wrapped) this.headerTail = next as RowBlock;
    const header = wrapped ? { ...row, texts: wrapped.texts, endLine: (next as RowBlock).endLine } : row;
    const kind = wrapped ?? classifyRow(row.texts, columns);
    if (kind.kind === 'header' && this.repeatsHeader(header, blocks, index)) return this.repeatedHeader(header);
    if (kind.kind === 'header') return this.header(header, kind.roles, !kind.roles.includes('number') && !hasLabelledRows(blocks, index + (wrapped ? 1 : 0), kind.roles, columns));
    if (kind.kind === 'list-header') return this.listHeader(row, kind.roles);
    if (kind.kind === 'revision-header') return this.revisionHeader(row);
    if (kind.kind === 'unknown-header') return this.unknownHeader(row);
    if (this.list) return this.listRow(this.list, row, blocks, index);
    // Over the first opinion table, a spreadsheet prints each line of the notice as a row across its sheet.
    const line = this.inBody ? null : lineOfOneCell(row, () => true);
    if (line) return this.add(line, blocks, index);
    if (!this.roles) return this.rowWithoutHeader(row);
    const headingRow = asHeadingRow(row, this.roles, this.afterBreak);
    if (headingRow) return this.headingRow(headingRow, row);
    if (isNoteRow(row)) return this.noteRow(row);
    // A spreadsheet prints a line between the opinions (a section heading `１．総論`, a list's heading) in a row's first cell, under the number.
    const lineInTable = lineOfOneCell(row, (index) => this.roles?.[index] === 'number' && (!isKey(row.texts[index] ?? '') || isNumberedHeading((row.texts[index] ?? '').trim())));
    if (lineInTable) return this.add(lineInTable, blocks, index);
    this.dataRow({ ...row, cells: row.cells.map((cell) => (cell?.fromRowspan && this.uncarried.has(cell.offset) ? null : cell)) }, this.roles);
  }

  /**
   * A row of a 提出者一覧: a name. A row of one cell may be a line of the list a
   * spreadsheet printed in a row (`1. 株式会社…`, `(順不同・敬称略)`, `個人3名`), read
   * as that line is, or a heading or the next list's (再意見提出者一覧 in the sheet's
   * next row), which ends the list as a heading line does.
   */
  private listRow(list: SubmitterTable, row: RowBlock, blocks: readonly Block[], index: number): void {
    const line = lineOfOneCell(row, () => true);
    if (line && (line.type === 'heading' || LIST_HEADING.test(line.text) || (list.roles === null && isListLine(line.text)))) return this.add(line, blocks, index);
    for (const { column, paragraphs } of readListRow(list, row)) {
      const key = `${this.draft.submitterLists.indexOf(list.target)}:${column}`;
      const seen = this.listColumns.get(key);
      if (seen) pushAll(seen.paragraphs, paragraphs);
      else this.listColumns.set(key, { header: list.headers[column] ?? '', paragraphs });
    }
  }

  /** The text beside the names in a 提出者一覧 table that no field holds (所在地, a 再意見 round's counts and 受付日): reported, once per column. */
  reportListColumns(): void {
    for (const { header, paragraphs } of this.listColumns.values()) {
      const column = header === '' ? 'a column' : `the column ${header}`;
      report(
        this.file,
        'note-outside-table',
        `Unexpected text in ${column} of a 提出者一覧 table, expected names, their numbers, 代表者, 意見数 and 受付日: kept in no record: ${preview(paragraphs.map((p) => p.text).join(' '))}`,
        spanOf(paragraphs),
      );
    }
  }

  /**
   * The header row again, right after a row of its table (past a page break, a
   * page number, a running head such as 別紙1 or the end of a page's own table,
   * but no section heading, which ends the opinion): a PDF repeats it on each
   * page. The table goes on, and so may the opinion the page cut (hard case 3).
   */
  private repeatsHeader(row: RowBlock, blocks: readonly Block[], index: number): boolean {
    const before = blocks.slice(0, index).findLast((block) => !PAGE_FURNITURE.has(block.type));
    return this.opinion !== null && this.headerKey === headerKey(row.texts) && before?.type === 'row';
  }

  private repeatedHeader(row: RowBlock): void {
    this.carryNothingFrom(row);
    this.afterBreak = true;
  }

  private header(row: RowBlock, roles: Role[], unnumbered: boolean): void {
    this.inRevisionTable = false;
    this.headerKey = headerKey(row.texts);
    this.unnumbered = unnumbered;
    // A header the notice prints, not one a reader of other layouts makes (its cells are null): category-lists.ts has an info of its own.
    if (!roles.includes('response') && !this.answerlessReported && row.cells.some((cell) => cell !== null)) {
      // FORMATS.md family H: opinions published before their answers (S25, S18), under the columns 提出者 and 御意見.
      this.answerlessReported = true;
      report(this.file, 'unanswered-opinions', 'Unexpected opinion table without a response column, expected one such as …の考え方: its opinions have no response', { line: row.line, column: 1, offset: row.start });
    }
    this.reOpinionBy = partyOf(row.texts[roles.indexOf('re-opinion')] ?? '');
    this.carryNothingFrom(row);
    this.inBody = true;
    this.list = null;
    this.roles = roles;
    this.draft.hasOpinionTable = true;
    this.draft.hasFlagColumn ||= roles.includes('flag');
    this.draft.respondent ??= respondentFrom(row.texts[roles.indexOf('response')] ?? '');
    this.opinion = null;
    this.endMergedCells();
    this.afterBreak = false;
  }

  /** A 提出者 table; the one under a 意見提出者一覧 line continues that list. */
  private listHeader(row: RowBlock, roles: Role[]): void {
    const heading = row.texts.join(' ');
    if (this.list && this.list.target.names.length === 0 && this.list.roles === null) {
      this.list.roles = roles;
      this.list.headers = row.texts;
      if (/再意見/.test(heading)) this.list.target.round = 're-opinion';
    } else {
      this.startList(heading, row.line, roles, row.texts);
    }
  }

  /**
   * The header of a table of the draft's revisions after the opinions (`該当箇所 | 修正前 | 修正後`,
   * a 新旧対照表 `改正案 | 現行`): no opinion table, though its columns may name a place. Its rows are notes.
   */
  private revisionHeader(row: RowBlock): void {
    if (!this.inBody) return this.rowWithoutHeader(row);
    this.roles = null;
    this.list = null;
    this.opinion = null;
    this.inRevisionTable = true;
    this.carryNothingFrom(row);
    report(this.file, 'note-outside-table', `Unexpected table of revisions ${row.texts.filter((text) => text !== '').map((text) => `「${text}」`).join(' ')}, which is no opinion table: its rows are reported as notes`, { line: row.line, column: 1 });
  }

  private unknownHeader(row: RowBlock): void {
    // A table of counts by kind of submitter over the opinion table (区分 | 提出者数 | 意見件数) belongs to the title block.
    if (!this.inBody && isCountTableHeader(row.texts)) return this.rowWithoutHeader(row);
    this.inBody = true;
    this.inRevisionTable = false;
    this.roles = null;
    this.list = null;
    this.opinion = null;
    const texts = row.texts.filter((text) => text !== '');
    const cells = texts.map((text) => `「${text}」`);
    const columns = JSON.stringify({ columns: Object.fromEntries(texts.map((text) => [text.replace(/[\s\u3000]+/g, ''), guessRole(text)])) });
    report(
      this.file,
      'unknown-header',
      `Unexpected header row ${cells.join(' ')}, expected an opinion column (提出された意見, 御意見の概要, …) and a response column (…の考え方, 回答); to read it, check and add to ${this.file.stem ?? 'NAME'}.pubcom.json: ${columns}`,
      { line: row.line, column: 1 },
    );
  }

  /** Before any header, a table belongs to the title block (counts by type); after an unknown header, it is reported. */
  private rowWithoutHeader(row: RowBlock): void {
    if (!this.inBody) {
      this.draft.titleBlock.push({ line: row.line, text: row.texts.join('\t'), cells: row.texts, isMainHeading: false });
      return;
    }
    const paragraphs = row.cells.filter((cell) => !cell?.fromRowspan).flatMap(cellParagraphs);
    this.draft.characters += countCharacters(paragraphs);
    if (this.inRevisionTable) reportUnattributed(this.file, 'Unexpected row of a table of revisions', paragraphs, 'note-outside-table');
    else reportUnattributed(this.file, 'Unexpected table row under no known header', paragraphs);
  }

  /** A row of one cell across the table that is no heading: a note of the notice (`※御意見は要約しています。`), else reported. */
  private noteRow(row: RowBlock): void {
    this.carryNothingFrom(row);
    const paragraphs = row.cells.flatMap(cellParagraphs);
    const characters = countCharacters(paragraphs);
    this.draft.characters += characters;
    const text = paragraphs.map((paragraph) => paragraph.text).join(' ');
    if (noteIn(text) === text.trim()) {
      this.draft.noteLines.push({ line: row.line, text, cells: null, isMainHeading: false });
      this.draft.headingAndNoteCharacters += characters;
    } else {
      reportUnattributed(this.file, 'Unexpected row of one cell across the table, a note rather than an opinion', paragraphs, 'note-outside-table');
    }
  }

  private headingRow(headingRow: HeadingRow, row: RowBlock): void {
    this.carryNothingFrom(row);
    const characters = nonBlankLength(headingRow.printed);
    this.draft.characters += characters;
    this.draft.headingAndNoteCharacters += characters;
    if (headingRow.kind === 'section') {
      this.openSection(headingRow.text, row.line);
    } else {
      this.topic = headingRow.text;
      this.opinion = null;
      this.endMergedCells();
    }
  }

  private dataRow(row: RowBlock, roles: Role[]): void {
    const { cells, own, characters } = readRow(row, roles, this.file);
    if (!roles.includes('place')) takeLocationLine(cells);
    if (!roles.includes('number')) this.takeRepeatedRowNumber(cells, own);
    this.draft.characters += characters;
    const printed = (paragraphs: readonly Paragraph[]): Paragraph[] => paragraphs.filter((paragraph) => own.includes(paragraph));
    // A number or 意見N that a rowspan repeats from the row above opens no opinion: the row continues that one.
    const label = this.overrides.continuationRows?.includes(row.line) ? null : (openingLabel({ number: printed(cells.number ?? []), opinion: printed(cells.opinion ?? []) }) ?? this.unnumberedOpening(printed(cells.opinion ?? [])));
    // Nor does the number of the opinion a page cut, printed again in the number column of the row that continues it on the next page.
    const numberAgain = label !== null && this.afterBreak && !label.labelInOpinionCell && label.key === this.opinion?.key;
    const opens = numberAgain ? null : label;
    const subRow = !opens && (cells.number ?? []).length > 0 && printed(cells.number ?? []).length === 0;
    if (!opens && cells.number?.length) {
      // A number on a row that continues an opinion (an override said so, or the page break above) belongs to no record.
      const why = numberAgain ? `Ignored the number ${label.label} printed again on the row that continues its opinion after a page break` : 'Ignored the number of a continuation row';
      reportUnattributed(this.file, why, printed(cells.number), 'ignored-column');
      delete cells.number;
    }
    if (opens) {
      this.settleMergedCells();
      const above = this.opinionAbove;
      this.opinion = newOpinion(opens, this.section, this.topic, this.reOpinionBy, row);
      this.opinion.unanswered = !roles.includes('response');
      this.opinion.category = row.category ?? null;
      this.push(this.opinion);
      this.opinionAbove = this.opinion;
      if (above && !row.record) this.mergedCandidate = { opinion: this.opinion, line: row.line, cells: emptyUnderOneCell(row, roles, cells, above), flag: oneCell(above.parts.flag) };
    }
    const opinion = this.opinion;
    if (!opinion) {
      reportUnattributed(this.file, 'Unexpected row without an opinion label before any opinion, expected 意見N or a number', own);
      this.carryNothingFrom(row);
    } else {
      for (const [role, all] of Object.entries(cells) as [ColumnRole, Paragraph[]][]) {
        // A rowspan cell belongs to each opinion it spans (a response shared by several), but to each only once.
        const paragraphs = all.filter((paragraph) => own.includes(paragraph) || !opinion.parts[role].some((part) => part.paragraphs.some((seen) => seen.start === paragraph.start)));
        if (paragraphs.length > 0) opinion.parts[role].push({ line: row.line, paragraphs, afterBreak: this.afterBreak, sameAs: role === 'place' ? this.ditto(paragraphs) : null });
      }
      if (subRow) opinion.subRows.push(row.start);
      opinion.endLine = Math.max(opinion.endLine, row.endLine);
      opinion.end = Math.max(opinion.end, row.end);
    }
    this.afterBreak = false;
  }

  /**
   * An opinion whose first row left its 該当箇所 or response cell empty under
   * the opinion above's, printed in one cell, and none of whose rows printed
   * that column: a merged cell, which a spreadsheet's or a PDF's export prints
   * once, on its first row. The opinion takes the cell above, as a rowspan
   * repeats it in HTML (its text is still counted once); a response takes its
   * flag with it.
   */
  private settleMergedCells(): void {
    const candidate = this.mergedCandidate;
    this.mergedCandidate = null;
    // An opinion that prints no text of its own shares no answer: it is no row of a merged cell's group.
    if (!candidate || candidate.opinion.parts.opinion.length + candidate.opinion.parts['re-opinion'].length === 0) return;
    const { opinion } = candidate;
    for (const { role, at, paragraphs } of candidate.cells) {
      if (opinion.parts[role].length > 0) continue;
      opinion.parts[role].push({ line: candidate.line, paragraphs, afterBreak: false, sameAs: role === 'place' ? this.ditto(paragraphs) : null });
      this.carried.push({ role, at, key: opinion.key, paragraphs });
      if (role === 'response' && candidate.flag && opinion.parts.flag.length === 0) opinion.parts.flag.push({ line: candidate.line, paragraphs: candidate.flag, afterBreak: false, sameAs: null });
    }
  }

  /** A header, section, topic or the table's end: a merged cell ends there. */
  private endMergedCells(): void {
    this.settleMergedCells();
    this.opinionAbove = null;
  }

  /** The cells {@link settleMergedCells} carried down, in one info per column for the notice. */
  reportCarriedCells(): void {
    this.settleMergedCells();
    for (const role of MERGED_ROLES) {
      const carried = this.carried.filter((cell) => cell.role === role);
      const [first] = carried;
      if (!first) continue;
      const keys = carried.map(({ key }) => key).join(', ');
      report(
        this.file,
        'merged-cell-carried',
        `Unexpected empty ${MERGED_COLUMN_NAME[role]} cell under one that prints text (${preview(first.paragraphs.map((paragraph) => paragraph.text).join(' '))}), expected text on every row: read as a merged cell that the export printed once, so the opinion takes the text above (${carried.length === 1 ? 'opinion' : 'opinions'} ${keys})`,
        { line: first.at.line, column: first.at.column, offset: first.at.offset },
      );
    }
  }

  /**
   * A row number printed at the start of every column (S10: `|1 本接続約款案の…|1 当社の…|1 NTTが…|`):
   * the one in the opinion cell becomes the row's number cell, the copies in the others leave
   * their text and are reported once for the notice (so that every character is still accounted for).
   */
  private takeRepeatedRowNumber(cells: Partial<Record<ColumnRole, Paragraph[]>>, own: Paragraph[]): void {
    const opening = (['opinion', 're-opinion', 'response'] as const).flatMap((role) => {
      const first = cells[role]?.[0];
      return first && own.includes(first) ? [{ role, first, number: REPEATED_ROW_NUMBER.exec(first.text) }] : [];
    });
    const [opinion] = opening;
    const number = opinion?.number?.[1];
    if (opening.length < 2 || opinion?.role !== 'opinion' || !number || !opening.every((cell) => cell.number?.[1] === number)) return;
    for (const { role, first, number: match } of opening) {
      const rest = { ...first, text: first.text.slice(match?.[0].length ?? 0) };
      cells[role] = [rest, ...(cells[role] ?? []).slice(1)];
      own.splice(own.indexOf(first), 1, rest);
      if (role === 'opinion') {
        const numberCell = { ...first, text: number };
        cells.number = [numberCell];
        own.push(numberCell);
      } else {
        this.repeatedNumbers.push({ paragraph: first, number });
      }
    }
  }

  /** The row-number copies {@link takeRepeatedRowNumber} took out, in one info for the notice. */
  reportRepeatedNumbers(): void {
    const [first] = this.repeatedNumbers;
    if (!first) return;
    const copies = this.repeatedNumbers.map(({ number }) => number).join(' ');
    report(
      this.file,
      'row-number-repeated',
      `Unexpected row number printed again at the start of every column (${preview(first.paragraph.text)}), expected it once: it was read as the opinion's number and taken out of the other columns' text (${this.repeatedNumbers.length} copies)`,
      { line: first.paragraph.line, column: first.paragraph.column, offset: first.paragraph.start },
      copies,
    );
  }

  /**
   * In an unnumbered table, a row that prints opinion text opens an opinion,
   * unless it follows a page break and continues a sentence the row above cut.
   */
  private unnumberedOpening(opinionText: readonly Paragraph[]): { label: string; key: string; labelInOpinionCell: boolean } | null {
    if (!this.unnumbered || opinionText.length === 0) return null;
    const above = this.opinion?.parts.opinion.at(-1)?.paragraphs.at(-1)?.text;
    if (this.afterBreak && above !== undefined && !SENTENCE_END.test(above)) return null;
    if (this.unnumberedCount === 0) {
      const first = opinionText[0] as Paragraph;
      report(this.file, 'unnumbered-opinions', 'Unexpected opinion table without a number column or 意見N labels: each row that prints an opinion is one, keyed by its place in the notice (1, 2, …) with an empty label', { line: first.line, column: first.column, offset: first.start });
    }
    return { label: '', key: this.placeKey(), labelInOpinionCell: false };
  }

  /** An item of a closing list: an opinion printed without an answer, keyed by its place. */
  private item(item: Extract<Block, { type: 'item' }>): void {
    const paragraphs = cellParagraphs(item.cell);
    reportReading(item.cell, this.file);
    this.draft.characters += countCharacters(paragraphs);
    const opinion = newOpinion({ label: '', key: this.placeKey(), labelInOpinionCell: false }, this.section, this.topic, null, item);
    opinion.unanswered = true;
    opinion.parts.opinion.push({ line: item.line, paragraphs, afterBreak: false, sameAs: null });
    this.push(opinion);
    this.opinion = null;
  }

  /** The key of the next opinion keyed by its place: its place among those so far, skipping a key a number already took. */
  private placeKey(): string {
    let key = String(++this.unnumberedCount);
    while (this.keys.has(key)) key = String(++this.unnumberedCount);
    return key;
  }

  private push(opinion: OpinionDraft): void {
    this.draft.opinions.push(opinion);
    this.keys.add(opinion.key);
  }

  /** What a 同上 place repeats (null for any other place, which becomes the one to repeat). */
  private ditto(place: Paragraph[]): Paragraph[] | null {
    if (DITTO.test(place.map((p) => p.text).join('').trim())) return this.lastPlace;
    this.lastPlace = place;
    return null;
  }

  private openSection(text: string, line: number): void {
    this.section = newSection(text, line, this.draft.sections);
    this.draft.sections.push(this.section);
    this.topic = null;
    this.opinion = null;
    this.endMergedCells();
  }

  /** A 提出者一覧's remarks (`（受付順、敬称略）` in its heading or on its total line) are notes of the notice. */
  private keepListRemarks(text: string, line: number): void {
    for (const remark of listRemarksIn(text)) this.draft.noteLines.push({ line, text: remark, cells: null, isMainHeading: false });
  }

  private startList(heading: string, line: number, roles: Role[] | null, headers: string[] = []): void {
    // Not a header row's cells (`意見提出者（団体名）`): a heading line's.
    if (LIST_HEADING.test(heading)) this.keepListRemarks(heading, line);
    const target = newSubmitterList(heading, line);
    this.draft.submitterLists.push(target);
    this.list = { target, roles, headers };
  }
}

/** What may stand between the last row of a page and its header printed again: a page break or number, a running head, the end of the page's table (HTML, GFM). */
const PAGE_FURNITURE = new Set<Block['type']>(['break', 'separator', 'text', 'table-end']);

/** A place printed on a line of its own over the opinion (S3): `1-(3)-マル5` (read `1-(3)-⑤`), `Ⅱ-2`, or `同上` for the place above. */
const LOCATION_LINE = /^(?:(?:[0-9０-９]+|[(（][0-9０-９]+[)）]|[①-⑳]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+)(?:[-－‐](?:[0-9０-９]+|[(（][0-9０-９]+[)）]|[①-⑳]))+|同上)$/;

/** `1-2` alone may as well number the opinion: a place needs a third part, parentheses, a circled digit or a Roman part. */
const BARE_NUMBER = /^[0-9０-９]+(?:[-－‐][0-9０-９]+)?$/;

/** In a table without a 該当箇所 column, a location line that opens the opinion cell is the row's place. */
function takeLocationLine(cells: Partial<Record<ColumnRole, Paragraph[]>>): void {
  const [first, ...rest] = cells.opinion ?? [];
  const text = first?.text.trim() ?? '';
  if (!first || rest.length === 0 || !LOCATION_LINE.test(text) || BARE_NUMBER.test(text)) return;
  cells.place = [first];
  cells.opinion = rest;
}

/** The number a row prints at the start of a cell, before a space: `1 本接続約款案の…`. */
const REPEATED_ROW_NUMBER = /^([0-9０-９]{1,4})[ \u3000]+(?=\S)/;

/** `…に対するパブリックコメントの概要及びそれに対する金融庁の考え方`, `…意見募集の結果について`: the words a notice's title ends with. */
function looksLikeTitle(text: string): boolean {
  return /意見|コメント/.test(text) && /(?:考え方|結果|概要|回答)(?:について)?$/.test(text.trim());
}

/**
 * A heading is a section when a table row follows it (the next block that is
 * no page break): before the first opinion table, only its header row, so that
 * the title over a cover table (`案件番号 | …`, `意見提出期間 | …`) stays the title.
 */
function isSectionHeading(blocks: readonly Block[], index: number, inTable: boolean, columns: NonNullable<Overrides['columns']>): boolean {
  for (let next = index + 1; next < blocks.length; next++) {
    const block = blocks[next];
    if (block?.type === 'break' || block?.type === 'separator') continue;
    return block?.type === 'item' || (block?.type === 'row' && (inTable || classifyRow(block.texts, columns).kind === 'header'));
  }
  return false;
}

/** Words of a numbered line that heads a part of the notice (`２ 提出された意見と考え方`, `3 意見募集期間`), not a section of its opinions. */
const NOTICE_PART = /意見|考え方|回答|結果|募集|提出|期間|件数|概要|別紙|別添/;

/** A short numbered line with a title that ends no sentence (a closing bracket may end it: `(1)個人識別符号(施行令案第1条関係)`): `Ⅳ　附則関係`, `（３）その他`, `第2章 各論`. */
function isNumberedHeading(text: string): boolean {
  const heading = parseSectionHeading(text);
  return text.length <= 40 && !/[。．.!?！？：:]$/.test(text) && heading.number !== null && heading.title !== '';
}

/** A heading row: its section or topic text, and the cell's text as printed (which the accounting counts). */
interface HeadingRow {
  kind: 'section' | 'topic';
  text: string;
  printed: string;
}

/** `[(別添2) 自己査定関係]`, `［（別紙１）…］`: the annex a run of topics belongs to (S3). */
const ANNEX_HEADING = /^[[［][ \u3000]*[(（](?:別添|別紙|別冊)[0-9０-９]*[)）][^\]］]*[\]］]$/;
/** The bracket before the bullet of `[○ 検査の基本的考え方]` (FORMATS.md S3). */
const OPENING_BRACKET = /^[[［]\s*/;
/** `(1)個人識別符号(…)`, `1.第 10 条/…`, `1.…に関するご意見` (S1, S16, S19): a number, then words. */
const NUMBERED_HEADING = /^(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．])[ \u3000]*[^\s0-9０-９.．()（）-]/;
const NUMBER_PREFIX = /^(?:No|NO|№)\.?\s*/;

/**
 * A row with one short cell and no label: `【…】` is a section; a `●…`,
 * `[○ …]`, bold or colspan line is a topic (CONTRACT.md), and so is a
 * numbered line such as `(1)個人識別符号(…)` unless it follows a page break
 * or ends a sentence: then it more likely continues the cell above. In the
 * number column only a bullet is a topic: `No. ●顧客同意` (S7) reads `●顧客同意`.
 */
function asHeadingRow(row: RowBlock, roles: Role[], afterBreak: boolean): HeadingRow | null {
  const filled = row.cells.flatMap((cell, index) => (cell && (row.texts[index] ?? '') !== '' ? [{ cell, text: row.texts[index] ?? '' }] : []));
  const only = filled[0];
  if (filled.length !== 1 || !only || only.text.length > 80 || /。/.test(only.text)) return null;
  const printed = only.text;
  if (roles[row.cells.indexOf(only.cell)] === 'number' && !only.cell.spansRow) {
    // A row merged across the table that a pipe table or a TAB export leaves in its first cell (`| 【…】 | | |`), unless the brackets hold a number (`【12】`).
    if (/^【[^【】]+】$/.test(printed) && !/^【[ \u3000]*(?:No\.?)?[ \u3000]*[0-9０-９]+[ \u3000]*】$/i.test(printed)) return { kind: 'section', text: printed, printed };
    const rest = printed.replace(NUMBER_PREFIX, '');
    return BULLET.test(rest) ? { kind: 'topic', text: rest, printed } : null;
  }
  // A converter may leave markdown bold around a TAB cell (`**●重要な外部委託先の特定**`): a bold line, its words the heading.
  const bold = MARKDOWN_BOLD.exec(printed)?.[2]?.trim();
  const words = bold ?? printed;
  // `【…】`, and a bracketed annex `[(別添2) 自己査定関係]` over its topics (S3): sections.
  if (/^【[^【】]+】$/.test(words) || ANNEX_HEADING.test(words)) return { kind: 'section', text: words, printed };
  if (BULLET.test(words.replace(OPENING_BRACKET, '')) || bold !== undefined || isAllBold(only.cell) || only.cell.spansRow) return { kind: 'topic', text: words, printed };
  if (!afterBreak && NUMBERED_HEADING.test(words) && !/[。．.!?！？]$/.test(words)) return { kind: 'topic', text: words, printed };
  return null;
}

/** The paragraphs of a column that one row printed for an opinion; null when none did, or several (no one merged cell). */
function oneCell(parts: readonly RowPart[]): Paragraph[] | null {
  return parts.length === 1 ? (parts[0]?.paragraphs ?? null) : null;
}

/** The 該当箇所 and response cells that `row` leaves empty under the opinion above's, each printed in one cell. */
function emptyUnderOneCell(row: RowBlock, roles: Role[], cells: Partial<Record<ColumnRole, Paragraph[]>>, above: OpinionDraft): { role: MergedRole; at: CellNode; paragraphs: Paragraph[] }[] {
  return MERGED_ROLES.flatMap((role) => {
    const [at, paragraphs] = [row.cells[roles.indexOf(role)], oneCell(above.parts[role])];
    return at && paragraphs && (cells[role] ?? []).length === 0 ? [{ role, at, paragraphs }] : [];
  });
}

/**
 * A row that fills one cell, which `isLine` takes for a line of the notice (a
 * spreadsheet prints each line in a row across its sheet): the line of text
 * or heading (`【…】`, a markdown bold line) it prints.
 */
function lineOfOneCell(row: RowBlock, isLine: (index: number) => boolean): Extract<Block, { type: 'text' | 'heading' }> | null {
  const filled = row.cells.flatMap((cell, index) => (cell && (row.texts[index] ?? '') !== '' ? [{ cell, index, text: (row.texts[index] ?? '').trim() }] : []));
  const only = filled[0];
  if (filled.length !== 1 || !only || only.cell.fromRowspan || !isLine(only.index)) return null;
  const at = { line: only.cell.line, column: only.cell.column };
  const bold = MARKDOWN_BOLD.exec(only.text)?.[2]?.trim();
  if (bold !== undefined) return { type: 'heading', ...at, text: bold, style: 'bold', depth: 0 };
  if (/^【[^【】]+】$/.test(only.text)) return { type: 'heading', ...at, text: only.text, style: 'bracket', depth: 0 };
  return { type: 'text', ...at, text: only.text, inCell: true };
}

/**
 * Could a number cell's text key an opinion (`12`, `No.3`, `１－２`, `【3】`, `Ⅱ`)? Words
 * without a digit (`(参考)コメント提出者一覧`, `Ⅱ.…について`), or a long line, are a
 * line of the notice that a spreadsheet row left in the first column.
 */
function isKey(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= 3 || (trimmed.length <= 15 && /[0-9０-９①-⑳]/.test(trimmed));
}

/**
 * A row of one cell across the whole table (a `colspan` row) that is no
 * heading (a sentence: `※御意見は要約して掲載しています。`): a note in the
 * table, which opens no opinion though it covers the number column.
 */
function isNoteRow(row: RowBlock): boolean {
  const filled = row.cells.filter((cell, index) => cell && (row.texts[index] ?? '') !== '');
  return filled.length === 1 && filled[0]?.spansRow === true && !filled[0].fromRowspan;
}

/**
 * The row's paragraphs by column role, and its non-blank characters. `own`
 * holds those of the cells the row itself prints: a cell a rowspan repeats
 * from a row above is counted, and reported, on that row only. Cells beyond
 * the header, or in a column an override ignores, are reported, never dropped
 * silently.
 */
function readRow(row: RowBlock, roles: Role[], file: VFile): { cells: Partial<Record<ColumnRole, Paragraph[]>>; own: Paragraph[]; characters: number } {
  const cells: Partial<Record<ColumnRole, Paragraph[]>> = {};
  const own: Paragraph[] = [];
  let characters = 0;
  if (row.cells.length !== roles.length) {
    report(file, 'row-cell-count', `Unexpected row with ${row.cells.length} cells, expected ${roles.length} as in its header row`, { line: row.line, column: 1 });
  }
  row.cells.forEach((cell, index) => {
    const paragraphs = cellParagraphs(cell);
    if (cell && !cell.fromRowspan) reportReading(cell, file);
    const role = roles[index];
    if (role && role !== 'ignore') cells[role] = [...(cells[role] ?? []), ...paragraphs];
    if (cell?.fromRowspan) return;
    characters += countCharacters(paragraphs);
    if (role === 'ignore') {
      reportUnattributed(file, 'Ignored text in a column the overrides ignore', paragraphs, 'ignored-column');
    } else if (role) {
      pushAll(own, paragraphs);
    } else {
      reportUnattributed(file, 'Unexpected text in a column without a known header', paragraphs);
    }
  });
  return { cells, own, characters };
}

/** What reading a cell dropped or changed: markup that no reader sees, circled digits that a conversion lost. */
function reportReading(cell: CellNode, file: VFile): void {
  const at = { line: cell.line, column: cell.column, offset: cell.offset };
  const unsafe = unsafeMarkup(cell);
  if (unsafe.length > 0) report(file, 'unsafe-markup', `Unexpected ${unsafe.join(', ')} in a cell, expected text: only its visible text is kept`, at);
  const restored = restoredCircledDigits(cell);
  if (restored.length > 0) {
    const [printed, read] = [restored.map(([asPrinted]) => asPrinted), restored.map(([, digit]) => digit)];
    report(file, 'circled-digits-restored', `Unexpected ${printed.join(' ')} where circled digits belong (lost by a conversion), read as ${read.join(' ')}`, at);
  }
}

function countCharacters(paragraphs: readonly Paragraph[]): number {
  return paragraphs.reduce((sum, paragraph) => sum + nonBlankLength(paragraph.text), 0);
}

/** Cell text that goes into no record: one diagnostic with its span and a preview, counted in the accounting. */
export function reportUnattributed(file: VFile, reason: string, paragraphs: readonly Paragraph[], ruleId: 'unattributed-text' | 'ignored-column' | 'note-outside-table' = 'unattributed-text'): void {
  const span = spanOf(paragraphs);
  if (!span) return;
  const text = paragraphs.map((p) => p.text).join(' ');
  report(file, ruleId, `${reason}: ${preview(text)}`, span, text);
}

/** `NTT再意見(要旨)` -> NTT; null for a plain 再意見 column. */
function partyOf(header: string): string | null {
  const party = header.replace(/[\s\u3000]+/g, '').replace(/[(（][^)）]*[)）]$/, '').replace(/再意見$/, '');
  return party === '' ? null : party;
}

function newOpinion(
  opens: { label: string; key: string; labelInOpinionCell: boolean },
  section: SectionDraft | null,
  topic: string | null,
  reOpinionBy: string | null,
  row: Pick<RowBlock, 'line' | 'endLine' | 'start' | 'end'>,
): OpinionDraft {
  return {
    ...opens,
    section: section?.id ?? null,
    topic,
    startLine: row.line,
    endLine: row.endLine,
    start: row.start,
    end: row.end,
    parts: { opinion: [], response: [], flag: [], number: [], place: [], submitter: [], 're-opinion': [], count: [] },
    subRows: [],
    reOpinionBy,
    unanswered: false,
    category: null,
  };
}

function newSection(text: string, line: number, existing: readonly SectionDraft[]): SectionDraft {
  const heading = parseSectionHeading(text);
  const taken = (id: string): boolean => existing.some((section) => section.id === id);
  const id = heading.number && !taken(heading.number) ? heading.number : `sec-${existing.length + 1}`;
  return { id, label: heading.label, title: heading.title, line };
}

/** Where paragraphs are printed, from the first one's start to the last one's end. */
function spanOf(paragraphs: readonly Paragraph[]): Place | undefined {
  const first = paragraphs[0];
  const last = paragraphs.at(-1);
  return first && last ? { line: first.line, column: first.column, offset: first.start, end: { line: last.endLine, column: last.endColumn, offset: last.end } } : undefined;
}

/** The first characters of a text, for a message that fits on one line. */
export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
