/**
 * Property tests (fast-check): documents built at random from pieces of the
 * real notice never make the pipeline throw, always give valid records whose
 * spans lie inside the input, and convert to the same bytes twice; the
 * normalisers keep raw text verbatim and their canonical forms are fixed points.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { findPeriod } from '../src/normalize/dates.js';
import { findRefs } from '../src/normalize/refs.js';
import { parseCell } from '../src/stages/parse-cells.js';
import { NoticeDocument } from '../src/schema/records.js';
import { convertBytes, convertText } from './helpers.js';

const real = readFileSync(new URL('../input/soumu-cloud-security-guideline-2018.txt', import.meta.url), 'utf8');
const lines = real.split('\n');
const titleBlock = lines.slice(0, 11);
const header = lines[13] ?? '';
const rows = lines.slice(11).filter((line) => line.includes('\t') && !line.startsWith('---') && line !== header);
const headings = lines.filter((line) => /^(?:\*\*)?【/.test(line));

const collapseSpaces = (text: string): string => text.replace(/\s+/g, ' ');

/** A point in a text, from 0 to 1. Not fc.double, whose values spread over the floats' bits: nearly all of them are below 0.001. */
const fraction = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);

/** A row, maybe cut in two at a random point of a cell (a page break), maybe with random spaces and full-width digits. */
const rowPiece = fc
  .record({
    row: fc.constantFrom(...rows),
    cut: fc.option(fraction, { nil: undefined }),
    spaces: fc.array(fc.record({ at: fraction, space: fc.constantFrom(' ', '  ', '\u3000', '\u00a0') }), { maxLength: 3 }),
    wide: fc.boolean(),
  })
  .map(({ row, cut, spaces, wide }) => {
    let text = wide ? row.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)) : row;
    for (const { at, space } of spaces) {
      const index = Math.floor(at * text.length);
      if (text[index] !== '\t') text = text.slice(0, index) + space + text.slice(index);
    }
    if (cut === undefined) return [text];
    const index = Math.floor(cut * text.length);
    const tabs = (text.slice(0, index).match(/\t/g) ?? []).length;
    return [text.slice(0, index), '', '\t'.repeat(tabs) + text.slice(index)];
  });

const documentText = fc
  .record({
    pieces: fc.array(fc.oneof({ weight: 6, arbitrary: rowPiece }, { weight: 1, arbitrary: fc.constantFrom(...headings).map((h) => ['', h, '', header]) }), { minLength: 1, maxLength: 12 }),
    crlf: fc.boolean(),
  })
  .map(({ pieces, crlf }) => [...titleBlock, header, ...pieces.flat()].join(crlf ? '\r\n' : '\n'));

describe('the pipeline on random documents from corpus pieces', () => {
  it('never throws, gives valid records with spans inside the input, and the same bytes twice', async () => {
    await fc.assert(
      fc.asyncProperty(documentText, async (text) => {
        const first = await convertText(text);
        const second = await convertText(text);
        expect(first.document).not.toBeNull();
        const doc = NoticeDocument.parse(first.document);
        expect(first.messages).not.toContain('[internal-error]');
        const lineCount = text.split(/\r\n|\n|\r/).length;
        const spans = doc.opinions.flatMap((o) => [o.source, ...(o.response ? [o.response.source, ...o.response.refs.map((r) => r.source)] : []), ...o.comments.flatMap((c) => [c.source, ...c.refs.map((r) => r.source)])]);
        for (const span of spans) {
          expect(span.startOffset).toBeLessThanOrEqual(span.endOffset);
          expect(span.endOffset).toBeLessThanOrEqual(text.length);
          expect(span.endLine).toBeLessThanOrEqual(lineCount);
        }
        for (const comment of doc.opinions.flatMap((opinion) => opinion.comments)) {
          for (const ref of comment.refs.filter((r) => r.kind !== 'other' && r.kind !== 'whole')) {
            // raw is read from the comment's text, whose runs of spaces are collapsed: `Annex  5` as printed is `Annex 5`.
            const raw = collapseSpaces(ref.raw);
            if (collapseSpaces(text.slice(ref.source.startOffset, ref.source.endOffset)) === raw) continue;
            // Else markup or a page break joined in the text splits it in the source: the ref has its comment's span.
            expect(ref.source).toEqual(comment.source);
            expect(collapseSpaces(text.slice(comment.source.startOffset, comment.source.endOffset))).not.toContain(raw);
          }
        }
        expect(doc.notice.coverage.attributed + doc.notice.coverage.reported).toBe(doc.notice.coverage.characters);
        expect([...second.files]).toEqual([...first.files]);
        expect(second.messages).toBe(first.messages);
      }),
      { numRuns: 100, seed: 20_181_126 },
    );
  });
});

/** Every notice of input/ (each layout) and the fixtures of labelled paragraphs, unlabelled rows, a text-art table, record tables, a closing list, pandoc's tables and pdftotext's word boxes, broken at random line by line: lines dropped, repeated, swapped, cells reversed, markup and labels inserted, characters cut. */
const layouts = [
  ...['caa-hyoji-html.html', 'fsa-kantoku-gfm.md', 'mic-denpa-tsv.txt', 'soumu-cloud-security-guideline-2018.txt', 'soumu-saiiken-tsv.txt'].map((name) => `../input/${name}`),
  '../test/fixtures/labelled-paragraphs/input.txt',
  '../test/fixtures/labelled-answers/input.txt',
  '../test/fixtures/unnumbered-rows/input.txt',
  '../test/fixtures/text-art-table/input.txt',
  '../test/fixtures/record-tables/input.html',
  '../test/fixtures/closing-list/input.md',
  '../test/fixtures/pandoc-multiline/input.md',
  '../test/fixtures/pandoc-grid/input.md',
  '../test/fixtures/pandoc-merged-cells/input.md',
  '../test/fixtures/pdftotext-bbox-word/input.html',
  '../test/fixtures/pdftotext-bbox-spreadsheet/input.html',
].map((path) => ({
  name: path.split('/').at(-1) ?? path,
  lines: readFileSync(new URL(path, import.meta.url), 'utf8').split('\n'),
}));
const insertion = fc.constantFrom('<p>', '</p>', '<br>', '<td rowspan="3">', '<th rowspan="2">', '</td>', '<tr>', '<table>', '\t', '|', '||', '|-|-|', '**', '【', '】', '意見1', '意見 2', '○ 意見3 ', '[回答]', '考え方2', '以上', '有', '無', '&amp;', '<sup>1</sup>', '同上', '【個人A】', '<!--', '\r', '+--+--+', '｜', '‣ ', 'その他の主な御意見', '------', '---- ----', '+----+', '|    +----+', '├──┼──┤', '│');
const mutation = fc.record({ op: fc.integer({ min: 0, max: 5 }), at: fraction, other: fraction, insertion });
// Without bias: fast-check's default favours edge values (the first and last line), which would mutate the same few places.
const brokenNotice = fc.noBias(fc.record({ layout: fc.constantFrom(...layouts), mutations: fc.array(mutation, { minLength: 1, maxLength: 12 }) })).map(({ layout, mutations }) => {
  const lines = [...layout.lines];
  for (const { op, at, other, insertion: text } of mutations) {
    const index = Math.floor(at * lines.length);
    const line = lines[index] ?? '';
    if (op === 0) lines.splice(index, 1);
    else if (op === 1) lines.splice(index, 0, lines[Math.floor(other * lines.length)] ?? '');
    else if (op === 2) [lines[index], lines[Math.floor(other * lines.length)]] = [lines[Math.floor(other * lines.length)] ?? '', line];
    else if (op === 3) lines[index] = line.split('\t').reverse().join('\t');
    else if (op === 4) lines[index] = line.slice(0, Math.floor(other * line.length)) + text + line.slice(Math.floor(other * line.length));
    else lines[index] = line.slice(0, Math.floor(other * line.length)) + line.slice(Math.floor(other * line.length) + 1 + Math.floor(at * 20));
  }
  return { name: layout.name, text: lines.join('\n') };
});

describe('the pipeline on broken notices of every layout', () => {
  // Fuzzing 2,000 such files through the CLI found cells that rowspan counted twice or not at all, and a crash.
  it('never fails a notice with internal-error, and accounts for every character of the table cells', async () => {
    await fc.assert(
      fc.asyncProperty(brokenNotice, async ({ name, text }) => {
        const { document, messages } = await convertBytes('notice', name, new TextEncoder().encode(text));
        expect(messages).not.toContain('[internal-error]');
        expect(messages).not.toContain('[accounting-mismatch]');
        if (!document) return;
        expect(document.notice.coverage.attributed + document.notice.coverage.reported).toBe(document.notice.coverage.characters);
        const doc = NoticeDocument.parse(document);
        const spans = [...doc.sections.map((s) => s.source), ...doc.opinions.flatMap((o) => [o.source, ...(o.response ? [o.response.source] : []), ...o.comments.map((c) => c.source)])];
        for (const span of spans) expect(0 <= span.startOffset && span.startOffset <= span.endOffset && span.endOffset <= text.length).toBe(true);
      }),
      { numRuns: 300, seed: 27 },
    );
  });
});

const refToken = fc.constantFrom('Ⅲ. 3. 1. 3', 'Ⅱ.2.1.1【基本】i', 'III．３．１', 'p29', 'P20', '29 ページ', '図表1', '表中 A-5', '第3条第2項', '(全体)', 'Annex 5 要求事項 12. 4. 1', 'ISO/IEC 17788:2014', 'https://example.jp/p1', '平成30年6月7日');
const filler = fc.constantFrom('について', '。', '、', ' ', '「', '」', '(', ')', 'ガイドライン', 'x', '\n');

describe('the normalisers on random text', () => {
  it('findRefs: raw is always the text at its offsets, and canonical forms are fixed points', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(refToken, filler), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        for (const ref of findRefs(text)) {
          expect(text.slice(ref.start, ref.end)).toBe(ref.raw);
          if ((ref.kind === 'section' && ref.path.length > 0) || ref.kind === 'page') {
            expect(findRefs(ref.canonical).map((again) => again.canonical)).toEqual([ref.canonical]);
          }
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('findPeriod: raw is verbatim and a period read back from its ISO dates is the same period', () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 11, 31) }).map((ms) => new Date(ms - (ms % 86_400_000)));
    const japanese = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    const wareki = (date: Date): string => {
      const parts = Object.fromEntries(japanese.formatToParts(date).map((part) => [part.type, part.value]));
      return `${parts['era']}${parts['year']}年${parts['month']}月${parts['day']}日`;
    };
    fc.assert(
      fc.property(day, day, fc.constantFrom('～', '〜', '~', 'から'), fc.string({ maxLength: 5 }), (a, b, separator, noise) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const text = `(意見募集期間:${wareki(start)}${separator}${wareki(end)})${noise}`;
        const found = findPeriod(text);
        expect(found?.ok).toBe(true);
        if (!found?.ok) return;
        expect(text.slice(found.index, found.index + found.raw.length)).toBe(found.raw);
        expect([found.start, found.end]).toEqual([start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('parseCell: a cell read without the parser (no markup) gives the tree the parser gives, placed on its line', () => {
    const unit = fc.constantFrom('あ', '漢', 'a', '1', ' ', '\u3000', '\u00a0', '\f', '>', '"', "'", '=', '/', '𠮷', '<', '<p>', '</p>', '&amp;', '&', '\0', '\r', '\ud800', '\udc00', '\u0001', '\ufffe');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.nat(500), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 9 }), (html, start, line, column) => {
        const expected = fromHtml(html, { fragment: true });
        const place = (node: Node): void => {
          for (const point of node.position ? [node.position.start, node.position.end] : []) {
            point.line = line;
            point.column += column - 1;
            point.offset = (point.offset ?? 0) + start;
          }
          if ('children' in node) (node.children as Node[]).forEach(place);
        };
        place(expected);
        expect(parseCell({ html, start, column }, line)).toEqual({ tree: expected, tooDeep: false });
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});
