/**
 * The CSV files read back with a CSV parser (fast-csv's own) hold the
 * records of the JSON, cell for cell: what an archivist loading them into a
 * spreadsheet or a database gets.
 */
import { parseString } from '@fast-csv/parse';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, guardFormula, toCsv } from '../src/emit/csv.js';
import type { NoticeDocument } from '../src/schema/records.js';
import { convertText } from './helpers.js';

const OUTPUT = new URL('../output/', import.meta.url);

function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { headers: false })
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

/** A record's value as its CSV cell: empty for null, then guarded against formulas. */
function cell(value: string | number | boolean | null): string {
  return guardFormula(value === null ? '' : String(value));
}

const notices = readdirSync(OUTPUT)
  .filter((name) => name.endsWith('.json') && name !== 'pubcom-manifest.json')
  .map((name) => name.slice(0, -'.json'.length))
  .sort();

describe('the CSV files of output/ read back', () => {
  it.each(notices)('%s: the notice, and every opinion, comment, ref and submitter, cell for cell', async (id) => {
    const document = JSON.parse(readFileSync(new URL(`${id}.json`, OUTPUT), 'utf8')) as NoticeDocument;
    const read = async (table: keyof typeof CSV_COLUMNS): Promise<string[][]> => parseCsv(readFileSync(new URL(`${id}.${table}.csv`, OUTPUT), 'utf8'));

    const [opinionHeader, ...opinionRows] = await read('opinions');
    expect(opinionHeader).toEqual(CSV_COLUMNS.opinions);
    expect(opinionRows.map((row) => [row[1], row[9], row[11]])).toEqual(
      document.opinions.map((opinion) => [opinion.id, cell(opinion.response?.text ?? null), cell(opinion.revised)]),
    );

    const [commentHeader, ...commentRows] = await read('comments');
    expect(commentHeader).toEqual(CSV_COLUMNS.comments);
    const comments = document.opinions.flatMap((opinion) => opinion.comments);
    expect(commentRows.map((row) => [row[2], row[5], row[7]])).toEqual(comments.map((comment) => [comment.id, cell(comment.submitter), cell(comment.text)]));

    const [refHeader, ...refRows] = await read('refs');
    expect(refHeader).toEqual(CSV_COLUMNS.refs);
    const refs = document.opinions.flatMap((opinion) => [...opinion.comments.flatMap((comment) => comment.refs), ...(opinion.response?.refs ?? [])]);
    expect(refRows.map((row) => [row[6], row[7]])).toEqual(refs.map((ref) => [cell(ref.raw), cell(ref.canonical)]));

    const [submitterHeader, ...submitterRows] = await read('submitters');
    expect(submitterHeader).toEqual(CSV_COLUMNS.submitters);
    expect(submitterRows.map((row) => row.slice(1))).toEqual(
      document.notice.submitters.map((s) => [s.id, s.name, s.kind, s.representative, s.opinionCount, s.opinionCountRaw, s.received, s.receivedRaw, s.jointWith.join(' ')].map(cell)),
    );
    // A comment that names one submitter joins the submitters table on its name.
    const names = new Set(submitterRows.map((row) => row[2]));
    const named = commentRows.filter((row, index) => row[5] !== '' && comments[index]?.jointSubmitters === null);
    expect(named.filter((row) => !names.has(row[5]))).toEqual([]);

    const [noticeHeader, ...noticeRows] = await read('notice');
    expect(noticeHeader).toEqual(CSV_COLUMNS.notice);
    const { notice } = document;
    const printed = Object.fromEntries(CSV_COLUMNS.notice.map((column, index) => [column, noticeRows[0]?.[index]]));
    expect(noticeRows).toHaveLength(1);
    expect(printed).toMatchObject({
      notice_id: id,
      title: cell(notice.title),
      period_start: cell(notice.period?.start ?? null),
      period_end: cell(notice.period?.end ?? null),
      period_raw: cell(notice.period?.raw ?? null),
      submitter_count: cell(notice.submitterCount),
      re_period_start: cell(notice.rePeriod?.start ?? null),
      re_submitter_count: cell(notice.reSubmitterCount),
      opinion_records: String(document.opinions.length),
      submitters_listed: String(notice.submitters.length),
      source_sha256: notice.source.sha256,
    });
  });
});

describe('the submitters table', () => {
  it('gives each name of a 提出者一覧 table its representative, its count of opinions and the others of its joint submission, as printed', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      '意見提出者一覧',
      '番号\t意見提出者\t代表者氏名等\t意見数',
      '1\t株式会社テスト\t代表取締役 山田太郎\t3件',
      '2\t一般社団法人テスト協会\t\t多数',
      '3\t<p>株式会社エー</p><p>株式会社ビー</p>\t<p>代表取締役 佐藤花子</p><p>代表取締役 鈴木一郎</p>\t1件',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。（株式会社テスト）\t承ります。',
      '',
    ].join('\n');
    const { files } = await convertText(text);
    expect(await parseCsv(files.get('notice.submitters.csv') ?? '')).toEqual([
      [...CSV_COLUMNS.submitters],
      ['notice', 's-1', '株式会社テスト', 'organization', '代表取締役 山田太郎', '3', '3件', '', '', ''],
      ['notice', 's-2', '一般社団法人テスト協会', 'organization', '', '', '多数', '', '', ''],
      ['notice', 's-3', '株式会社エー', 'organization', '代表取締役 佐藤花子', '1', '1件', '', '', 's-4'],
      ['notice', 's-4', '株式会社ビー', 'organization', '代表取締役 鈴木一郎', '1', '1件', '', '', 's-3'],
    ]);
  });
});

describe('CSV quoting', () => {
  it('any comment text comes back from a CSV parser as written, guarded against formulas', async () => {
    const document = JSON.parse(readFileSync(new URL('mic-denpa-tsv.json', OUTPUT), 'utf8')) as NoticeDocument;
    const text = fc.string({ unit: fc.constantFrom('a', '漢', ',', '"', '\n', '\r', '\t', ' ', '=', '+', '-', '@', "'", '\uFEFF') });
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (value, bom) => {
        const [opinion] = document.opinions;
        if (!opinion?.comments[0]) throw new Error('the notice has no comment');
        const changed = { ...document, opinions: [{ ...opinion, comments: [{ ...opinion.comments[0], text: value }] }] };
        const csv = toCsv(changed, { bom }).comments;
        expect(csv.startsWith('\uFEFF')).toBe(bom);
        const [header, ...rows] = await parseCsv(bom ? csv.slice(1) : csv);
        expect(header).toEqual(CSV_COLUMNS.comments);
        expect(rows.map((row) => row[7])).toEqual([guardFormula(value)]);
      }),
      { numRuns: 300 },
    );
  });
});
