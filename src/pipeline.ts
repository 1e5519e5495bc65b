/**
 * The ordered list of stages that turns the bytes of one notice into its
 * validated records. Stages are pure; they report into `file` and the
 * pipeline stops once the file is unusable.
 */
import type { VFile } from 'vfile';
import { report, toDiagnostics } from './diagnostics.js';
import { sha256 } from './hash.js';
import { submitterKey } from './normalize/submitters.js';
import type { Overrides } from './schema/overrides.js';
import type { NoticeDocument } from './schema/records.js';
import { assembleRows } from './stages/assemble-rows.js';
import { decode } from './stages/decode.js';
import { normalize } from './stages/normalize.js';
import { noOpinionsSubmitted, opinionsElsewhere, readHeader } from './stages/read-header.js';
import { transposeRecordTables } from './stages/record-tables.js';
import { looksVertical, segment, splitLines } from './stages/segment.js';
import { columnNamesApart } from './stages/stacked-cells.js';
import { splitComments } from './stages/split-comments.js';
import { validate } from './stages/validate.js';

export interface NoticeInput {
  /** The notice id: the file name without its extension. */
  id: string;
  /** The file name with its extension, as recorded in `notice.source.file`. */
  fileName: string;
  bytes: Uint8Array;
  /** From `NAME.pubcom.json` beside the notice, already validated. */
  overrides?: Overrides;
}

/** The records of one notice and the decoded text their spans point into. */
export interface Conversion {
  document: NoticeDocument;
  text: string;
}

/** An unexpected exception inside a stage, named so the diagnostic can say where (the batch goes on). */
export class StageError extends Error {
  constructor(
    readonly stage: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'StageError';
  }
}

function stage<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new StageError(name, error);
  }
}

/**
 * The parsers of HTML documents and pipe tables (rehype-parse, hast-util-raw)
 * recurse once per level of nesting: markup thousands of levels deep overflows
 * the stack. That is the input's fault, not pubcom's, and says so. (TAB-row
 * cells have their own limit and are read as plain text: see parse-cells.)
 */
function segmentUnlessTooDeep(text: string, fileName: string, file: VFile): ReturnType<typeof segment> | null {
  try {
    return segment(text, fileName, file);
  } catch (error) {
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
    report(file, 'markup-too-deep', 'Unexpected markup nested too deeply to parse (thousands of levels), expected an ordinary table: the notice is not converted', { line: 1, column: 1, offset: 0 });
    return null;
  }
}

/** Lines outside the table's rows, up to its last opinion, that make the table's own text a layout left unread (a PDF extraction whose cells are centred). */
const UNREAD_LINES = 10;

/**
 * More lines of text outside any row, up to the last opinion's, than
 * opinions read, and at least {@link UNREAD_LINES}: each is an info, but
 * together they say that the table's layout was not read.
 */
function reportTableMostlyUnread(lastLine: number, opinions: number, file: VFile): void {
  const outside = file.messages.filter((message) => message.ruleId === 'note-outside-table' && (message.line ?? Infinity) <= lastLine);
  const first = outside[0];
  if (!first || outside.length < UNREAD_LINES || outside.length <= opinions) return;
  report(
    file,
    'table-mostly-unread',
    `Unexpected ${outside.length} lines of text outside the table's rows (the first at line ${first.line}) against ${opinions} ${opinions === 1 ? 'opinion' : 'opinions'} read, expected the table's text in its rows: its layout was most likely not read, and the opinions in those lines are missing; convert the notice again, from its HTML or Word original if there is one, or extract the PDF with pdftotext -bbox-layout`,
    { line: first.line ?? 1, column: 1 },
  );
}

function shortened(sentence: string): string {
  return sentence.length > 80 ? `${sentence.slice(0, 80)}…` : sentence;
}

export function convertNotice(input: NoticeInput, file: VFile): Conversion | null {
  const decoded = stage('decode', () => decode(input.bytes, file));
  if (!decoded) return null;
  if (looksVertical(decoded.text)) {
    report(file, 'vertical-text', 'Unexpected text with one character per line (a vertical-writing PDF?), expected the rows of a table: re-extract it horizontally', { line: 1, column: 1, offset: 0 });
    return null;
  }
  const blocks = stage('segment', () => segmentUnlessTooDeep(decoded.text, input.fileName, file));
  if (!blocks) return null;
  const overrides = input.overrides ?? {};
  const rows = stage('record-tables', () => transposeRecordTables(blocks, overrides.columns));
  const draft = stage('assemble-rows', () => assembleRows(rows, file, overrides));
  const elsewhere = draft.hasOpinionTable ? null : opinionsElsewhere(draft.titleBlock);
  const none = draft.hasOpinionTable || elsewhere ? null : noOpinionsSubmitted(draft.titleBlock);
  if (elsewhere) {
    // A cover page (FORMATS.md families G and H): its opinions are in an annex, so no table here is no error.
    report(file, 'opinions-elsewhere', `Unexpected notice without an opinion table, which says its opinions are printed elsewhere (「${shortened(elsewhere.sentence)}」): only what its title block says is converted`, { line: elsewhere.line, column: 1 });
  } else if (none) {
    // A consultation that received no opinion has none to tabulate.
    report(file, 'no-opinions-submitted', `Unexpected notice without an opinion table, which says no opinion was submitted (「${shortened(none.sentence)}」): only what its title block says is converted`, { line: none.line, column: 1 });
  } else if (decoded.text.trim() === '') {
    // No notice at all: most often a scanned PDF, whose pages pdftotext turns into form feeds and nothing else.
    report(file, 'no-opinion-table', 'Unexpected file without text (empty, or only blank lines and page breaks, as a scanned PDF converted to text is), expected a notice: convert it again, with OCR if it is a scan', { line: 1, column: 1, offset: 0 });
    return null;
  } else if (!draft.hasOpinionTable) {
    // Any other text still gives what its title block says.
    const apart = columnNamesApart(splitLines(decoded.text));
    // A PDF extraction that lost the table's order still prints its column names, each on a line of its own.
    const hint = apart ? `; the column names stand on lines of their own (line ${apart.number}: ${apart.text.trim()}), as a PDF text extraction that lost the table's order prints them: extract the PDF again with pdftotext -layout` : '';
    report(file, 'no-opinion-table', `Unexpected document without an opinion table, expected a header row such as 提出された意見⇥総務省の考え方${hint}`, apart ? { line: apart.number, column: 1, offset: apart.start } : { line: 1, column: 1, offset: 0 });
  } else if (draft.opinions.length === 0) {
    report(file, 'no-opinions', 'Unexpected opinion table without opinions, expected rows with 意見N or a number', { line: 1, column: 1, offset: 0 });
  } else {
    reportTableMostlyUnread(draft.opinions.reduce((last, opinion) => Math.max(last, opinion.endLine), 0), draft.opinions.length, file);
  }
  const header = stage('read-header', () => readHeader(draft.titleBlock, file, draft.legendLines, draft.noteLines, overrides.periodYear ?? null));
  const known = new Set(
    [
      ...header.groups.flatMap((group) => group.names),
      ...draft.submitterLists.flatMap((list) => list.names.map((entry) => entry.name)),
      ...Object.keys(overrides.submitterAliases ?? {}),
    ].map(submitterKey),
  );
  const split = stage('split-comments', () => draft.opinions.map((opinion) => splitComments(opinion, known, file)));
  const source = {
    id: input.id,
    file: input.fileName,
    sha256: sha256(input.bytes),
    encoding: decoded.encoding,
    text: decoded.text,
  };
  const document = stage('normalize', () => normalize(source, header, draft, split, file, overrides));
  const valid = stage('validate', () => validate({ ...document, diagnostics: toDiagnostics(file) }, file));
  return valid && { document: valid, text: decoded.text };
}
