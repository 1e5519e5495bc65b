/**
 * CSV output: tables that join on `notice_id`, `opinion_id` and `comment_id`
 * (and on a submitter's `name`, where a comment names one submitter), one row
 * per record, written by fast-csv with every option spelled out so the bytes
 * never depend on a library default. A cell a spreadsheet would run as
 * a formula is neutralised (OWASP "CSV injection").
 */
import { FormatterOptions } from '@fast-csv/format';
// fast-csv's own row formatter, without the stream around it: the stream turns every row into a Buffer and back, which
// cost about 7% of a batch's CPU time. The package has no `exports` map, so the path resolves; the version is pinned.
import { RowFormatter } from '@fast-csv/format/build/src/formatter/index.js';
import type { NoticeDocument, Opinion, Ref } from '../schema/records.js';
import { pushAll } from '../arrays.js';

export const CSV_TABLES = ['opinions', 'comments', 'refs', 'submitters', 'notice'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

/** The columns of each table, in order (documented in the README). */
export const CSV_COLUMNS = {
  opinions: [
    'notice_id', 'opinion_id', 'key', 'number', 'label', 'section_id', 'topic', 'summary', 'comment_count',
    'response_text', 'refers_to', 'revised', 'revised_raw', 'outcome', 'start_line', 'end_line', 'opinion_count', 'opinion_count_raw',
  ],
  comments: [
    'notice_id', 'opinion_id', 'comment_id', 'position', 'kind', 'submitter', 'submitter_raw', 'text', 'place', 'start_line', 'end_line',
  ],
  refs: ['notice_id', 'opinion_id', 'comment_id', 'field', 'position', 'kind', 'raw', 'canonical'],
  submitters: ['notice_id', 'submitter_id', 'name', 'kind', 'representative', 'opinion_count', 'opinion_count_raw', 'received', 'received_raw', 'joint_with'],
  notice: [
    'notice_id', 'title', 'subject', 'respondent', 'case_number', 'decided', 'decided_raw', 'legal_basis', 'published', 'published_raw', 'period_start', 'period_end', 'period_raw',
    'submitter_count', 'submitter_count_unit', 'opinion_count', 'unrelated_opinion_count', 're_period_start', 're_period_end', 're_period_raw', 're_submitter_count',
    'draft_revised', 'draft_change_count', 'draft_change_count_raw', 'draft_change_annex',
    'opinion_records', 'submitters_listed', 'coverage_share', 'source_file', 'source_sha256', 'source_encoding',
  ],
} as const satisfies Record<CsvTable, readonly string[]>;

export interface CsvOptions {
  /** Start each file with a UTF-8 BOM so that Excel on Japanese Windows reads it as UTF-8, not CP932. */
  bom: boolean;
}

export function toCsv(document: NoticeDocument, options: CsvOptions): Record<CsvTable, string> {
  return Object.fromEntries(CSV_TABLES.map((table) => [table, csvTable(document, table, options)])) as Record<CsvTable, string>;
}

/** One CSV file's text. */
export function csvTable(document: NoticeDocument, table: CsvTable, options: CsvOptions): string {
  return writeTable(table, TABLE_ROWS[table](document), options);
}

const TABLE_ROWS: Record<CsvTable, (document: NoticeDocument) => Row[]> = {
  opinions: (document) => document.opinions.map((opinion) => opinionRow(document.notice.id, opinion)),
  comments: (document) =>
    document.opinions.flatMap((opinion) =>
      opinion.comments.map((comment, index) => ({
        notice_id: document.notice.id,
        opinion_id: opinion.id,
        comment_id: comment.id,
        position: index + 1,
        kind: comment.kind,
        submitter: comment.submitter,
        submitter_raw: comment.submitterRaw,
        text: comment.text,
        place: comment.place,
        start_line: comment.source.startLine,
        end_line: comment.source.endLine,
      })),
    ),
  // A comment's refs in comment order, then the response's.
  refs: (document) =>
    document.opinions.flatMap((opinion) => {
      const rows = opinion.comments.flatMap((comment) => refRows(document.notice.id, opinion.id, comment.id, 'comment', comment.refs));
      pushAll(rows, refRows(document.notice.id, opinion.id, null, 'response', opinion.response?.refs ?? []));
      return rows;
    }),
  // notice.submitters in its order: the list at the top, a 提出者一覧, then anyone else a mark names.
  submitters: (document) =>
    document.notice.submitters.map((submitter) => ({
      notice_id: document.notice.id,
      submitter_id: submitter.id,
      name: submitter.name,
      kind: submitter.kind,
      representative: submitter.representative,
      opinion_count: submitter.opinionCount,
      opinion_count_raw: submitter.opinionCountRaw,
      received: submitter.received,
      received_raw: submitter.receivedRaw,
      joint_with: submitter.jointWith.join(' '),
    })),
  // One row: the notice's own fields, so that the tables of a batch, concatenated, can be joined on notice_id.
  notice: ({ notice, opinions }) => [
    {
      notice_id: notice.id,
      title: notice.title,
      subject: notice.subject,
      respondent: notice.respondent,
      case_number: notice.caseNumber,
      decided: notice.decided?.date ?? null,
      decided_raw: notice.decided?.raw ?? null,
      legal_basis: notice.legalBasis,
      published: notice.published?.date ?? null,
      published_raw: notice.published?.raw ?? null,
      period_start: notice.period?.start ?? null,
      period_end: notice.period?.end ?? null,
      period_raw: notice.period?.raw ?? null,
      submitter_count: notice.submitterCount,
      submitter_count_unit: notice.submitterCountUnit,
      opinion_count: notice.opinionCount,
      unrelated_opinion_count: notice.unrelatedOpinionCount,
      re_period_start: notice.rePeriod?.start ?? null,
      re_period_end: notice.rePeriod?.end ?? null,
      re_period_raw: notice.rePeriod?.raw ?? null,
      re_submitter_count: notice.reSubmitterCount,
      draft_revised: notice.draftChanges?.revised ?? null,
      draft_change_count: notice.draftChanges?.changeCount ?? null,
      draft_change_count_raw: notice.draftChanges?.changeCountRaw ?? null,
      draft_change_annex: notice.draftChanges?.annex ?? null,
      opinion_records: opinions.length,
      submitters_listed: notice.submitters.length,
      coverage_share: notice.coverage.share,
      source_file: notice.source.file,
      source_sha256: notice.source.sha256,
      source_encoding: notice.source.encoding,
    },
  ],
};

function opinionRow(noticeId: string, opinion: Opinion): Row {
  return {
    notice_id: noticeId,
    opinion_id: opinion.id,
    key: opinion.key,
    number: opinion.number,
    label: opinion.label,
    section_id: opinion.section,
    topic: opinion.topic,
    summary: opinion.summary,
    comment_count: opinion.comments.length,
    response_text: opinion.response?.text ?? null,
    refers_to: opinion.response?.refersTo.join(' ') ?? null,
    revised: opinion.revised,
    revised_raw: opinion.revisedRaw,
    outcome: opinion.outcome,
    start_line: opinion.source.startLine,
    end_line: opinion.source.endLine,
    opinion_count: opinion.opinionCount,
    opinion_count_raw: opinion.opinionCountRaw,
  };
}

function refRows(noticeId: string, opinionId: string, commentId: string | null, field: string, refs: readonly Ref[]): Row[] {
  return refs.map((ref, index) => ({
    notice_id: noticeId,
    opinion_id: opinionId,
    comment_id: commentId,
    field,
    position: index + 1,
    kind: ref.kind,
    raw: ref.raw,
    canonical: ref.canonical,
  }));
}

function writeTable(table: CsvTable, rows: Row[], options: CsvOptions): string {
  const columns: readonly string[] = CSV_COLUMNS[table];
  const formatterOptions = new FormatterOptions<string[], string[]>({
    headers: false,
    delimiter: ',',
    rowDelimiter: '\n',
    quote: '"',
    escape: '"',
    quoteColumns: false,
    quoteHeaders: false,
    includeEndRowDelimiter: true,
    writeBOM: options.bom,
    alwaysWriteHeaders: false,
  });
  const formatter = new RowFormatter(formatterOptions);
  // The stream wrote the BOM; the row formatter leaves it to its caller.
  const parts: string[] = formatterOptions.writeBOM ? [formatterOptions.BOM] : [];
  // Without a transform, the formatter calls back at once, so the rows are collected synchronously.
  const collect = (error: Error | null, formatted?: string[]): void => {
    if (error) throw error;
    if (formatted) parts.push(...formatted);
  };
  formatter.format([...columns], collect);
  for (const row of rows) formatter.format(columns.map((column) => guardFormula(formatCell(row[column] ?? null))), collect);
  formatter.finish(collect);
  return parts.join('');
}

/** null is an empty cell; booleans print as true/false. */
function formatCell(value: Cell): string {
  return value === null ? '' : String(value);
}

/**
 * Prefix `'` to a cell that Excel or LibreOffice would evaluate (it starts
 * with =, +, -, @, a tab or a CR). The JSON keeps the text unchanged.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
