/**
 * The catalogue of diagnostics: every rule id pubcom can report, its severity
 * and what a user should do about it. Messages are vfile messages (as
 * remark-lint reports them), so they carry `ruleId`, `place` and `fatal`.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Diagnostic, Severity } from './schema/records.js';

export interface Rule {
  severity: Severity;
  /** What it means and how to act on it (README's diagnostics table). */
  note: string;
}

export const RULES = {
  'read-failed': { severity: 'error', note: 'The file or folder could not be read, the file is a FIFO, socket or device rather than a regular file, or its name is not UTF-8 or holds a line break; the rest of the batch is still converted. Check the path and its permissions, or rename it.' },
  'duplicate-name': {
    severity: 'error',
    note: 'Another input of the batch has the same name without its extension (`a/kekka.txt` and `b/kekka.txt`, `.txt` and `.html`, or `Kekka.txt` and `kekka.txt`, one file on macOS and Windows), so their outputs would overwrite each other. The first in code-unit order of paths is converted, the others are not: convert each folder into its own `--out` folder, or rename a file. A notice named `pubcom-manifest` is refused too: its JSON would be the output folder\'s manifest.',
  },
  'file-too-large': {
    severity: 'error',
    note: 'The file is larger than 64 MiB, more than one notice\'s records can be built from in memory (50 MB of input takes about 2.2 GB); it is not converted. Split it.',
  },
  'overrides-invalid': {
    severity: 'error',
    note: 'The NAME.pubcom.json beside the notice is not valid JSON or does not match the overrides schema (schemas/overrides.schema.json); the notice is not converted until it is fixed.',
  },
  'decode-failed': {
    severity: 'error',
    note: 'The bytes are not text in UTF-8, UTF-16, Shift_JIS, EUC-JP or ISO-2022-JP: a PDF, an Office or 一太郎 document (named in the message), an image or another binary. Convert the file to text (UTF-8) first.',
  },
  'decode-replaced': {
    severity: 'warning',
    note: 'Some bytes were not valid in the encoding of the file (a broken copy?), or UTF-16 held unpaired surrogates; each became U+FFFD (�) in the records. Check the source around the position.',
  },
  'control-characters': {
    severity: 'warning',
    note: 'The text holds control characters (U+0001–U+001F but tab and line breaks). They are kept; a spreadsheet or viewer may show them oddly.',
  },
  'cell-too-deep': {
    severity: 'warning',
    note: 'A cell nests HTML more than 500 levels deep, which no converter writes; it was read as plain text: its paragraphs and marks are not told apart.',
  },
  'vertical-text': {
    severity: 'error',
    note: 'Most lines hold one character: text extracted from a vertical-writing (縦書き) PDF. Nothing is written; extract the PDF again with horizontal text flow.',
  },
  'no-opinion-table': {
    severity: 'error',
    note: 'No header row of an opinion table was recognised: the notice is written with what its title block says and no opinions (a file without text, nothing: empty, or the page breaks alone that pdftotext makes of a scanned PDF). Check the header texts against the recognised vocabulary, or add an overrides file. Where the column names stand on lines of their own but no rows could be read in order (a PDF text extraction that printed the table column by column), the message points at them and says to extract the PDF again with `pdftotext -layout`.',
  },
  'opinions-elsewhere': {
    severity: 'info',
    note: 'The notice has no opinion table, and a line of it says its opinions are printed in another file (`主な意見と対応については別添のとおり。`, `…ご意見とそれに対する…の考え方は別紙のとおりです。`, `考え方は後日公表`): a cover page (FORMATS.md families G and H), converted with what its title block says (title, period, counts, published date) and no opinions. Convert the annex as a notice of its own.',
  },
  'no-opinions-submitted': {
    severity: 'info',
    note: 'The notice has no opinion table, and a line of it says no opinion was submitted (`意見の提出はありませんでした。`, `提出された御意見はございません。`, `提出意見数：0件`): converted with what its title block says and no opinions.',
  },
  'unknown-header': {
    severity: 'error',
    note: 'A header row names columns pubcom does not know; its rows are not read as opinions. The message ends with a `columns` entry for NAME.pubcom.json that would read it, each role guessed from the words of the header (`ignore` where none fits): check it, then add it, or report the header so the vocabulary learns it.',
  },
  'unnumbered-opinions': {
    severity: 'info',
    note: 'An opinion table has no number column and no `意見N` labels (`コメントの概要⇥コメントに対する考え方`): each row that prints an opinion is one, keyed 1, 2, … in the order of the notice, with an empty `label`. A row after a page break that continues a sentence cut above stays in the opinion above; a row with only an answer answers the opinion above.',
  },
  'unanswered-opinions': {
    severity: 'info',
    note: 'Opinions that the notice does not answer, so `response` is null and no `missing-response` warning is given: a table without a response column (FORMATS.md family H: opinions published before their answers, under the columns 提出者 and 御意見), or, after the opinion table, a list under a heading such as `その他の主な御意見` (S23), each bullet of which, with the lines that continue it, is an opinion keyed by its place in the notice (after the keys taken above), with an empty `label`, in a section named by the heading.',
  },
  'prose-opinions': {
    severity: 'info',
    note: 'The opinions are printed as prose under topic lines (FORMATS.md family D, S19: `1.制度の対象に関するご意見`, `【…に関するご意見】`, the opinion, its submitters in parentheses on a line of their own, then the answer). Only the submitter list marks where an opinion ends: each opinion is taken to be the paragraph right above its list (the first of a topic, all the paragraphs above it), keyed by its place, and its answer the paragraphs below, up to the next opinion or topic. Check an opinion of several paragraphs: its first ones would end the answer above.',
  },
  'category-lists': {
    severity: 'info',
    note: 'The opinions are listed by their numbers under the categories the notice sorts them into, with no words or answer of their own (FORMATS.md family F, S24: `(1)意見の趣旨を踏まえて本報告書案に反映すべき意見(22件)`, then `意見番号: 81, 36, 82, …`; the words are printed in another document). Each number is an opinion keyed by it, with no comment and no response, in a section named by its category; its `outcome` is that of the category (反映すべき: revised; 既に盛り込まれている, 反映しない: unchanged; 今後の検討, 参考: noted; else unknown).',
  },
  'category-count-mismatch': {
    severity: 'warning',
    note: 'A category of opinions listed by number (FORMATS.md family F, the `category-lists` info) states a count (`(22件)`) other than the numbers listed under it in `意見番号:` lines: a line of numbers was not read as one (check that it holds only numbers and commas), or the notice misprints one.',
  },
  'label-unmatched': {
    severity: 'warning',
    note: 'In a notice of labelled paragraphs (`○ 意見1` … `○ 総務省の考え方1`), an answer label carries a number that no opinion label above it has; its text was taken as the answer to the opinion just above. Check the numbering in the source.',
  },
  'pipe-delimiter-missing': {
    severity: 'info',
    note: 'A run of `| … |` lines has no `|---|` row below its first line, which a GFM table needs (a converter left it out, or a page break cut the table): it was read as if the row were there, its first line being a row like the others. Check the rows read right.',
  },
  'cells-merged': {
    severity: 'warning',
    note: 'A line among the TAB rows of a table (or under a header whose TABs were lost too) has no TAB, but opens as a row does (its number, or `意見N`) and holds its cells run together (FORMATS.md hard case 10: `2  適合性原則の…べき。  本監督指針は、…`). It was split where two or more spaces part its cells (when there are exactly as many such gaps as the columns need), or where an answer usually opens after a sentence end (`。御意見を踏まえ…`); a missing flag is left empty. The lines right below it that hold its cells wrapped (`pdftotext -layout`: a piece under each column whose text starts where the piece does, by characters or by display width, none under the number column) are read into those cells, joined with nothing, a new paragraph after a line that ends a sentence or a submitter\'s mark well short of the column and for right-aligned or centred text (a submitter\'s mark). Lines after a page break whose pieces stand under the columns of the row above, the number column blank, are the rest of that row the page cut: read as a row that continues its opinion, and reported too. In a table without a number column, a line after a blank line or the header is split by its gaps alone. A numbered row that leaves a cell blank is split under the columns of the row above. In a table ruled by dashes (pandoc\'s simple and multiline tables), a line whose text runs across where a column\'s dashes start is cut there, and reported. The message shows the cells: check the split, as it is a guess.',
  },
  'cells-stacked': {
    severity: 'warning',
    note: 'The table is printed cell after cell, each cell on lines of its own, as a text extraction without layout leaves it (pdftotext without -layout, a PDF library\'s page text): the header\'s cells one per line (`番号` / `提出された意見` / `総務省の考え方`), then each row from a line that is its number alone. Where blank lines part a row into a run of lines per cell (pdftotext\'s own output), each run is its column\'s; else a row\'s lines are split after the submitter\'s mark alone on its line that ends the opinion (`【株式会社A】`), or where its answer opens as answers do (`御意見を踏まえ…`, `原案…`, `本案は…`) after a sentence end, or, for two lines, between them; a place column takes the row\'s first line and a flag its last (有, 無, ○…); each cell\'s lines are joined with nothing, a paragraph ending at a sentence end well short of the cell\'s longest line. A number no greater than the row above\'s is read as a page number. A row whose answer cannot be told keeps its text as the opinion, with no response, and is reported too. A table without a number column (the e-Gov template) is read so only where blank lines part its cells, a run of lines per cell; where an answer stands where a row\'s first cell was expected (the blank line after the run above was lost), the lines after that run\'s last sentence end are taken as the row\'s opinion, and reported. Check the rows; a layout extraction (`pdftotext -layout`) or TAB rows read more surely.',
  },
  'merged-cell-carried': {
    severity: 'info',
    note: 'A row that opens an opinion with text of its own leaves its 該当箇所 or response cell empty under a row that prints one, and no row of the opinion prints that column: a merged cell, which a spreadsheet or PDF export prints once, on its first row. Each such opinion took the text above (a place with its refs; a response with the flag beside it), as an HTML rowspan repeats it; a header, section or topic row, or the end of the table, ends the merge. One info per column lists the opinions: check them if a cell was meant to be empty.',
  },
  'row-number-repeated': {
    severity: 'info',
    note: 'In a table without a number column, rows print their number at the start of every column (S10: `|1 本接続約款案の…|1 当社の…|1 NTTが…|`). The number in the opinion cell was read as the opinion\'s number (its label and key); the copies at the start of the other columns were taken out of their text and are listed here, so every character is still accounted for.',
  },
  'row-cell-count': {
    severity: 'warning',
    note: 'A table row has a different number of cells than its header. Extra cells are reported as unattributed text; missing cells are empty.',
  },
  'unattributed-text': {
    severity: 'warning',
    note: 'Text that belongs to no record (a row before the first opinion label, an extra cell). It is not in any output field: check the source.',
  },
  'note-outside-table': {
    severity: 'info',
    note: 'Text between or after the opinion tables (a note such as ※…), a row of one cell across a table that is no heading (a sentence), a table of revisions of the draft after the opinions (columns 該当箇所, 修正前 and 修正後; a 新旧対照表 of 改正案 and 現行) and its rows, a column of a 提出者一覧 table beside the names that no field holds (所在地, or the counts and 受付日 of a 再意見 round; not the numbers of the list), or a line under a 提出者一覧 after the tables that is no numbered name, count, total or remark (a bare name is not guessed), belongs to no record; it is reported so nothing is dropped unseen.',
  },
  'ignored-column': {
    severity: 'info',
    note: 'Text of a column that the NAME.pubcom.json overrides ignore on purpose, or the number of a continuation row: one the overrides make so, or the number of the opinion a page break cut, printed again on the row that continues it. It is in no record.',
  },
  'accounting-mismatch': {
    severity: 'warning',
    note: 'The characters in the records and diagnostics do not add up to those of the table cells: pubcom lost or doubled some text. Please report it with the file.',
  },
  'unsafe-markup': {
    severity: 'warning',
    note: 'A cell held `<script>`, `<style>`, event-handler attributes or `javascript:` links. Only the visible text is kept; no markup reaches any output.',
  },
  'no-opinions': {
    severity: 'warning',
    note: 'An opinion table was found but no row opened an opinion (a header row only, or no 意見N / number). The notice is written with no opinions.',
  },
  'table-mostly-unread': {
    severity: 'warning',
    note: 'Ten lines or more of text stand outside any table row before the last opinion, more than the opinions read: each is a `note-outside-table` info, and together they say that the layout of the table was not read (a PDF extraction of a table whose cells are centred vertically prints a row\'s number in the middle of its lines and parts some cells by one space). The opinions in those lines are missing: convert the notice again, from its HTML or Word original if there is one, or extract the PDF with `pdftotext -bbox-layout`, whose word boxes pubcom reads the table from.',
  },
  'lines-joined-to-row': {
    severity: 'info',
    note: 'A table read from the word boxes of `pdftotext -bbox-layout` (or `-bbox`), whose numbers stand in the middle of their rows, has lines in its columns without a number, parted by gaps from the rows above and below: they were read as part of the row above if its number stays in the middle of its row with them, else of the row below. Check the join: it is a guess. (Where the numbers stand at the top of their rows such lines go to the row above, at the bottom to the row below; at the top of a page, to the row the page before cut, else to the row below; at the bottom of a page whose next row starts on the next page, to the row above: these are not reported.)',
  },
  'duplicate-opinion': {
    severity: 'error',
    note: 'Two opinions carry the same label number; the second is kept under a suffixed id. Check the numbering in the source.',
  },
  'circled-digits-restored': {
    severity: 'info',
    note: 'Circled digits that a conversion lost were restored in a cell (FORMATS.md hard case 13): a Shift_JIS font mojibake that prints ①②③ as `@`, `A`, `B` (only a run from `@` on, in order, each letter before Japanese text), and the spelled-out `マル5` (⑤). The message names what was printed; check the text reads right.',
  },
  'page-split-joined': {
    severity: 'info',
    note: 'A cell cut by a page break was joined to its continuation with nothing inserted. Check the joined sentence reads right.',
  },
  'missing-submitter': {
    severity: 'warning',
    note: 'A comment has no submitter mark although other comments of the notice have one; its submitter is null.',
  },
  'unknown-submitter': {
    severity: 'warning',
    note: 'A submitter mark names nobody in the notice\'s submitter list; the name is kept as printed.',
  },
  'submitter-count-mismatch': {
    severity: 'warning',
    note: 'The stated number of submitters differs from the names listed. Both are kept as printed.',
  },
  'flag-unrecognised': {
    severity: 'warning',
    note: 'A revision-flag cell holds a value pubcom does not know (it knows 有/無 and what follows them, ○/×/－, あり/なし, 修正あり/修正なし, 反映/反映なし, …, and a code such as A that a legend line `A：…修正したもの` of the notice explains); `revised` is null and `revisedRaw` keeps the text.',
  },
  'flag-conflict': {
    severity: 'warning',
    note: 'An opinion spanning several rows has more than one revision flag; the first is used.',
  },
  'count-unread': {
    severity: 'info',
    note: 'A 件数 cell of an opinion, or a 意見数 cell of a 提出者一覧 table, prints no single number (`多数`, or `3 2` when a detail row has a count of its own); `opinionCount` is null and `opinionCountRaw` keeps the text.',
  },
  'count-invalid': {
    severity: 'warning',
    note: 'A count in the title block (提出意見数 …) has more than 15 digits, which is no count of submitters; it is not read, and `submitterCount` stays null.',
  },
  'period-invalid': {
    severity: 'error',
    note: 'The consultation period could not be read as real dates (e.g. 平成30年2月30日). `period` is null; fix the date in the source.',
  },
  'period-weekday': {
    severity: 'warning',
    note: 'A weekday printed beside a date is not that date\'s weekday (a typo in the notice). The date is kept as printed; check which of the two is right.',
  },
  'received-unread': {
    severity: 'info',
    note: 'A 受付日 cell of a 提出者一覧 table reads as no date (`郵送`, an impossible day such as 2月30日, or a day without its year in a notice that states no consultation period); `received` is null and `receivedRaw` keeps the text.',
  },
  'received-weekday': {
    severity: 'warning',
    note: 'A weekday printed beside a 受付日 is not that date\'s weekday (a typo in the notice). The date is kept as printed; check which of the two is right.',
  },
  'period-year-missing': {
    severity: 'warning',
    note: 'The consultation period is printed without its year (`7月11日から22日までの間`) and no line above it prints a date with a year; `period` is null. Give the year in the notice\'s overrides (`periodYear` in NAME.pubcom.json).',
  },
  'period-missing': {
    severity: 'info',
    note: 'No consultation period (…期間) was found before the first table; `period` is null.',
  },
  'refers-to-unknown': {
    severity: 'warning',
    note: 'A response defers to an opinion key that the notice does not contain.',
  },
  'empty-opinion': {
    severity: 'warning',
    note: 'An opinion has neither a summary nor any comment text.',
  },
  'missing-response': {
    severity: 'warning',
    note: 'An opinion has no response text; `response` is null.',
  },
  'markup-too-deep': {
    severity: 'error',
    note: 'An HTML document or a pipe table nests markup thousands of levels deep, more than its parser can follow; the notice is not converted. Remove the nesting in the source.',
  },
  'internal-error': {
    severity: 'error',
    note: 'A stage of pubcom failed unexpectedly on this file, or the worker thread or process converting it died; the other files of the batch are still converted. Please report it with the file.',
  },
  'out-of-memory': {
    severity: 'error',
    note: 'The notice needs more memory than node may use on this machine. A large notice is converted in a process of its own, whose heap may grow as far as node allows, so the other files of the batch are still converted. Give node more (`NODE_OPTIONS=--max-old-space-size=8192`) or split the notice.',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** Rules of the batch rather than of a notice: printed by `convert`, stored in no output (README's second diagnostics table). */
export const BATCH_RULES = {
  'write-failed': {
    severity: 'error',
    note: 'The file system refused a notice\'s outputs (a full disk, a folder pubcom may not write, a name too long): none of that notice\'s outputs is replaced, and the rest of the batch is still converted, unless the disk is full, its quota used up or the file system read-only: then every notice after would fail the same way, so the batch stops there, saying so, and counts the notices it did not try as `files not converted (stopped)`; make room and run the same command again. Failing to write the manifest is a warning: the outputs are written, the manifest is left as it was, and the next run converts again every notice whose entry there does not match. So is failing to remove, with `--prune`, an output of a notice no longer among the inputs (`--check` lists it), or a temporary file that a run killed midway left: remove it by hand.',
  },
  'manifest-invalid': {
    severity: 'warning',
    note: 'The `pubcom-manifest.json` of the output folder is no manifest pubcom can use (a merge conflict left in it, an edit by hand, another format), or could not be read: every input is converted again, and the manifest is written anew. Nothing needs mending by hand: after a merge, run pubcom again rather than resolve the manifest\'s conflicts.',
  },
} as const satisfies Record<string, Rule>;

export interface Place {
  line: number;
  column: number;
  offset?: number;
  /** Where the text the message is about ends (a span rather than a point). */
  end?: { line: number; column: number; offset?: number };
}

/** The tally of table-cell characters that diagnostics, not records, account for (`notice.coverage.reported`). */
export interface Accounting {
  reported: number;
}

/**
 * Report `reason` under `ruleId` on `file`, with the catalogue's severity.
 * `withheld` is cell text that goes into no record: it is counted so that
 * `notice.coverage` can show that every character is either in a field or here.
 */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place | null, withheld?: string): VFileMessage {
  const start = place ? { line: place.line, column: place.column, ...(place.offset === undefined ? {} : { offset: place.offset }) } : undefined;
  const message = file.message(reason, {
    ruleId,
    source: 'pubcom',
    ...(start ? { place: place?.end ? { start, end: place.end } : start } : {}),
  });
  if (withheld !== undefined) {
    const accounting = (file.data['accounting'] ??= { reported: 0 }) as Accounting;
    accounting.reported += nonBlankLength(withheld);
  }
  const { severity } = RULES[ruleId];
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  message.note = RULES[ruleId].note;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** Messages in source order (then by rule id), so a new one shows as one added line in a diff. */
export function sortedMessages(file: VFile): VFileMessage[] {
  return [...file.messages].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareCodeUnits(a.ruleId ?? '', b.ruleId ?? '') ||
      compareCodeUnits(a.reason, b.reason),
  );
}

export function toDiagnostics(file: VFile): Diagnostic[] {
  return sortedMessages(file).map((message) => ({
    severity: severityOf(message),
    code: message.ruleId ?? 'unknown',
    message: message.reason,
    line: message.line ?? null,
    column: message.column ?? null,
    endLine: message.place && 'end' in message.place ? message.place.end.line : null,
    endColumn: message.place && 'end' in message.place ? message.place.end.column : null,
  }));
}

/** Characters that are not white space (U+3000 included), counted as code points. */
export function nonBlankLength(text: string): number {
  const visible = text.replace(/\s+/gu, '');
  // A surrogate pair is one code point (a lone surrogate counts as one, as string iteration does).
  return visible.length - (visible.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);
}

/** `file:line:column: reason [rule-id]`, the form editors and CI annotators read. */
export function formatMessage(path: string, message: VFileMessage): string {
  const where = message.line ? `${message.line}:${message.column ?? 1}` : '1:1';
  return `${path}:${where}: ${severityOf(message)}: ${message.reason} [${message.ruleId ?? 'unknown'}]`;
}

/** Order by UTF-16 code units: stable on every runtime, unlike localeCompare. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a message names an opinion: its label (`意見3`), `opinion 3` for a label from a number column, `opinion #3` for one keyed by its place. */
export function opinionName(opinion: { label: string; key: string }): string {
  if (opinion.label === '') return `opinion #${opinion.key}`;
  return /意見/.test(opinion.label) ? opinion.label : `opinion ${opinion.label}`;
}
