/**
 * Hostile and broken input: each case gives the diagnostic it must give and
 * nothing crashes; no markup from a cell reaches any output.
 */
import { describe, expect, it } from 'vitest';
import { guardFormula } from '../src/emit/csv.js';
import { NoticeDocument } from '../src/schema/records.js';
import { convertBytes, convertText } from './helpers.js';

const HEAD = [
  'テスト規則案に対して提出された意見及びその意見に対する総務省の考え方',
  '(意見募集期間:令和3年1月4日～令和3年2月3日)',
  '',
  '提出された意見\t総務省の考え方\t提出意見を踏まえた案の修正の有無',
].join('\n');
const row = (label: string, body = '本文です。', response = '原案のとおりといたします。', flag = '無'): string =>
  `<p>${label} 要旨です。</p> <p>${body}</p>\t<p>${response}</p>\t${flag}`;
const notice = (...rows: string[]): string => `${HEAD}\n${rows.join('\n')}\n`;
const rules = (messages: string): string[] => [...messages.matchAll(/\[([a-z-]+)\]$/gm)].map((match) => match[1] ?? '');

describe('files that are not notices', () => {
  it('an empty file, or one of blank lines and page breaks (pdftotext of a scanned PDF)', async () => {
    for (const text of ['', '\f\n\f\n \n']) {
      const { document, messages } = await convertText(text);
      expect(document).toBeNull();
      expect(messages).toBe(
        'notice.txt:1:1: error: Unexpected file without text (empty, or only blank lines and page breaks, as a scanned PDF converted to text is), expected a notice: convert it again, with OCR if it is a scan [no-opinion-table]\n',
      );
    }
  });

  it('an image renamed .txt', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const { document, messages } = await convertBytes('image', 'image.txt', png);
    expect(document).toBeNull();
    expect(rules(messages)).toEqual(['decode-failed']);
  });

  it('text from a vertical-writing PDF, one character per line', async () => {
    const { document, messages } = await convertText([...'提出された意見及びその意見に対する総務省の考え方について'].join('\n'));
    expect(document).toBeNull();
    expect(rules(messages)).toEqual(['vertical-text']);
  });

  it('prose with no table: the notice with no opinions, and an error', async () => {
    const { document, messages } = await convertText('これは表のない文章です。\n意見募集の結果については別途公表します。\n');
    expect(document?.opinions).toEqual([]);
    expect(document?.notice.title).toBe('これは表のない文章です。');
    expect(rules(messages)).toEqual(['no-opinion-table', 'period-missing']);
    expect(messages).toContain('notice.txt:1:1: error: Unexpected document without an opinion table');
  });
});

describe('broken notices still convert, with diagnostics', () => {
  it('invalid UTF-8 bytes become U+FFFD with a warning', async () => {
    const bytes = Buffer.from(notice(row('意見1', '壊れた●バイト')), 'utf8');
    const broken = Buffer.concat([bytes.subarray(0, bytes.indexOf(Buffer.from('●'))), Buffer.from([0xff, 0xfe]), bytes.subarray(bytes.indexOf(Buffer.from('●')) + 3)]);
    const { document, messages } = await convertBytes('broken', 'broken.txt', broken);
    expect(rules(messages)).toEqual(['decode-replaced']);
    expect(messages).toMatch(/^broken\.txt:5:\d+: warning: Unexpected 2 byte sequence/);
    expect(document?.opinions[0]?.comments[0]?.text).toBe('壊れた\uFFFD\uFFFDバイト');
  });

  it('a notice cut off in mid-row', async () => {
    const { document, messages } = await convertText(`${HEAD}\n${row('意見1')}\n<p>意見2 途中で切れ`);
    expect(document?.opinions.map((o) => o.key)).toEqual(['1', '2']);
    expect(document?.opinions[1]?.summary).toBe('途中で切れ');
    expect(rules(messages).sort()).toEqual(['missing-response', 'row-cell-count']);
  });

  it('rows with too few or too many cells', async () => {
    const { document, messages } = await convertText(notice('<p>意見1 少ない。</p>', `${row('意見2')}\t余分なセル`));
    expect(document?.opinions).toHaveLength(2);
    expect(messages).toContain('notice.txt:5:1: warning: Unexpected row with 1 cells, expected 3 as in its header row [row-cell-count]');
    expect(messages).toMatch(/notice\.txt:6:\d+: warning: Unexpected text in a column without a known header: 余分なセル \[unattributed-text\]/);
    expect(document?.notice.coverage.reported).toBe(5);
  });

  it('duplicate opinion numbers keep both opinions under unique ids', async () => {
    const { document, messages } = await convertText(notice(row('意見1', '一つ目'), row('意見1', '二つ目')));
    expect(document?.opinions.map((o) => o.id)).toEqual(['op-1', 'op-1-dup2']);
    expect(messages).toContain('notice.txt:6:1: error: Unexpected second 意見1, expected each opinion number once [duplicate-opinion]');
  });

  it('a header row only', async () => {
    const { document, messages } = await convertText(`${HEAD}\n`);
    expect(document?.opinions).toEqual([]);
    expect(rules(messages)).toEqual(['no-opinions']);
  });

  it('HTML nested 100,000 levels deep in one cell', async () => {
    const deep = `${'<span>'.repeat(100_000)}深い本文${'</span>'.repeat(100_000)}`;
    const { document, messages } = await convertText(notice(`<p>意見1 深い。</p>${deep}\t回答です。\t無`));
    expect(rules(messages)).toEqual(['cell-too-deep']);
    expect(document?.opinions[0]?.summary).toContain('深い本文');
  });

  it('HTML nested 3,000 levels deep, shallow enough to parse but not to read recursively', async () => {
    const deep = `${'<sup>'.repeat(3_000)}深い本文${'</sup>'.repeat(3_000)}`;
    const { document, messages } = await convertText(notice(`<p>意見1 深い。</p>${deep}\t回答です。\t無`));
    expect(rules(messages)).toEqual(['cell-too-deep']);
    expect(document?.opinions[0]?.summary).toContain('深い本文');
  });

  it.each([
    ['an HTML document', 'notice.html', `<html><body><h1>${HEAD.split('\n')[0]}</h1><table><tr><th>御意見の概要</th><th>考え方</th></tr><tr><td>${'<span>'.repeat(20_000)}深い${'</span>'.repeat(20_000)}</td><td>回答。</td></tr></table></body></html>`],
    ['a pipe table', 'notice.md', `${HEAD.split('\n')[0]}\n\n| 意見 | 考え方 |\n| --- | --- |\n| 意見1 ${'<span>'.repeat(20_000)}深い${'</span>'.repeat(20_000)} | 回答。 |\n`],
  ])('markup nested 20,000 levels deep in %s: a clear error, not an internal one', async (_name, fileName, text) => {
    const { document, messages } = await convertBytes('notice', fileName, new TextEncoder().encode(text));
    expect(rules(messages)).toEqual(['markup-too-deep']);
    expect(document).toBeNull();
  });

  it('a pipe-table header cell whose raw <td> ends the cell early (hast-util-raw gives half positions)', async () => {
    const text = `${HEAD.split('\n')[0]}\n\n||<td r="">要旨です。||\n|-|-|-|\n`;
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(text));
    expect(rules(messages)).not.toContain('internal-error');
    expect(document?.notice.title).toBe(HEAD.split('\n')[0]);
  });

  it('an HTML comment left open in a table: every span stays inside the input', async () => {
    // parse5 ends the elements that the open comment leaves unclosed one past the end of the text.
    const html = `<h1>${HEAD.split('\n')[0]}</h1><table><tr><th>番号</th><th>御意見の概要</th><th>考え方</th></tr>\n<tr><td>1</td>\n<!--<td>意見です。</td><td>回答です。</td></tr></table>\n`;
    const { document } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    const opinion = document?.opinions[0];
    expect(opinion?.key).toBe('1');
    expect(opinion?.source.endOffset).toBe(html.length);
    expect(opinion?.source.endLine).toBe(4);
  });

  it('a cell of 300,000 sibling elements converts like any other', async () => {
    const wide = `<p>${'あ<br>'.repeat(300_000)}い</p>`;
    const { document, messages } = await convertText(notice(`<p>意見1 広い。</p>${wide}\t<p>回答です。</p>\t無`));
    expect(messages).toBe('');
    expect(document?.opinions[0]?.comments[0]?.text).toBe(`${'あ\n'.repeat(300_000)}い`);
  });

  // Runs that once took time growing with the square of their length (`npm run bench` times them, "Long runs in one cell").
  it.each([
    ['U+3000 between words', `前${'\u3000'.repeat(50_000)}後`, `前${'\u3000'.repeat(50_000)}後`],
    ['spaces before a footnote marker', `CIO${' '.repeat(50_000)}x <sup>7</sup>`, 'CIO x⁷'],
    ['the same section ref again and again', 'Ⅲ.あ'.repeat(10_000), 'Ⅲ.あ'.repeat(10_000)],
    ['web addresses', 'https://example.jp/p1 '.repeat(10_000).trim(), 'https://example.jp/p1 '.repeat(10_000).trim()],
  ])('a long run of %s converts, its text kept', async (_name, body, text) => {
    const { document, messages } = await convertText(notice(row('意見1', body)));
    expect(messages).toBe('');
    expect(document?.opinions[0]?.comments[0]?.text).toBe(text);
  });

  it('lines of 50,000 pieces parted by spaces, under a row whose TABs were lost and under a header word, convert (read as notes, not as cells)', async () => {
    const pieces = 'あいう  '.repeat(50_000).trimEnd();
    const text = ['テスト案に対する意見募集の結果', '', '番号\t提出された意見\t総務省の考え方', '1  延期すべき。  原案のとおりとします。', `     ${pieces}`, `御意見の概要  ${pieces}`, pieces, ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text])).toEqual([['1', '延期すべき。', '原案のとおりとします。']]);
    expect(messages.match(/\[note-outside-table\]/g)).toHaveLength(3);
  });

  it('20,000 header words alone on their lines, as a table printed cell after cell would begin, convert (no rows read)', async () => {
    const text = ['テスト案に対する意見募集の結果', '', ...Array.from({ length: 10_000 }, () => '意見\n\n回答\n'), ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain('[no-opinion-table]');
  });

  it('numbers too long to be counts or labels: a warning, or the text kept as printed, never a failed notice', async () => {
    const digits = (count: number): string => '1'.repeat(count);
    const text = [
      'テスト規則案に対して提出された意見及びその意見に対する総務省の考え方',
      '(意見募集期間:令和3年1月4日～令和3年2月3日)',
      `提出意見数:${digits(400)}者`,
      `個人:3者(個人${digits(18)}0～個人${digits(18)}2)`,
      '',
      '提出された意見\t総務省の考え方\t提出意見を踏まえた案の修正の有無',
      row(`意見${digits(25)}`),
    ].join('\n');
    const { document, messages } = await convertText(`${text}\n`);
    expect(rules(messages)).toEqual(['submitter-count-mismatch', 'count-invalid']);
    expect(messages).toContain(':3:1: warning: Unexpected count of 400 digits, expected at most 15: not read [count-invalid]');
    expect(document?.notice.submitterCount).toBeNull();
    expect(document?.notice.submitters.map((submitter) => submitter.name)).toEqual([`個人${digits(18)}0～個人${digits(18)}2`]);
    expect(document?.opinions[0]?.key).toBe(digits(25));
    expect(document?.opinions[0]?.number).toBeNull();
  });

  it('deferrals: a chain takes the outcome at its end, a cycle stays unknown, a chain of 20,000 converts', async () => {
    const defer = (key: number, to: number): string => row(`意見${key}`, '本文です。', `意見${to}に対する考え方のとおり。`);
    const known = [row('意見1'), defer(2, 1), defer(3, 2)];
    const cycle = [defer(4, 5), defer(5, 4)];
    // A long chain whose end says nothing recognisable: every link is unknown, each found once.
    const long = [row('意見6', '本文です。', '回答です。'), ...Array.from({ length: 20_000 }, (_, index) => defer(index + 7, index + 6))];
    const { document, messages } = await convertText(notice(...known, ...cycle, ...long));
    expect(messages).toBe('');
    const outcomes = document?.opinions.map((opinion) => opinion.outcome) ?? [];
    expect(outcomes[0]).not.toBe('unknown');
    expect(outcomes.slice(0, 5)).toEqual([outcomes[0], outcomes[0], outcomes[0], 'unknown', 'unknown']);
    expect(new Set(outcomes.slice(5))).toEqual(new Set(['unknown']));
    expect(outcomes).toHaveLength(20_006);
  });

  it('a generated notice of 5 MB with thousands of opinions', async () => {
    const rows: string[] = [];
    for (let n = 1, size = 0; size < 5_000_000; n++) {
      rows.push(row(`意見${n}`, `${'長い本文です。'.repeat(60)}【個人 A】`));
      size += Buffer.byteLength(rows.at(-1) ?? '');
    }
    const { document, messages } = await convertText(notice(...rows));
    expect(messages).toBe('');
    expect(document?.opinions.length).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(3000);
    expect(document?.notice.coverage.share).toBe(1);
  });
});

describe('markup that must never reach an output', () => {
  it('drops <script>, <style>, on* attributes and javascript: links, keeping the visible text', async () => {
    const cell = '<p>意見1 危険。</p><script>alert(1)</script><style>p{}</style><p onclick="steal()">見える<a href="javascript:alert(2)">リンク</a></p>';
    const { document, files, messages } = await convertText(notice(`${cell}\t<p onmouseover="x()">回答</p>\t無`));
    expect(document?.opinions[0]?.comments[0]?.text).toBe('見えるリンク');
    expect(rules(messages)).toEqual(['unsafe-markup', 'unsafe-markup']);
    expect(messages).toContain('Unexpected event-handler attribute, script element, script link, style element in a cell');
    for (const [name, content] of files) {
      // The JSON-LD quotes its source verbatim, as data, in Web Annotation TextQuoteSelectors; nothing else may hold markup.
      const checked = name.endsWith('.jsonld') ? JSON.stringify(JSON.parse(content), (key, value: unknown) => (['exact', 'prefix', 'suffix'].includes(key) ? undefined : value)) : content;
      for (const needle of ['<script', 'alert(', 'onclick', 'onmouseover', 'javascript:', '<style', '<p', '<a']) {
        expect(checked, `${name} holds ${needle}`).not.toContain(needle);
      }
    }
  });

  it.each([['='], ['+'], ['-'], ['@']])('neutralises a cell starting with %j in every CSV', async (start) => {
    const body = `${start}SUM(A1:A9)`;
    const { files } = await convertText(notice(row('意見1', body, body)));
    const csv = [...files].filter(([name]) => name.endsWith('.csv')).map(([, content]) => content).join('\n');
    expect(csv).not.toMatch(/(^|,|")[=+\-@]SUM/m);
    expect(csv.split(`'${start}SUM(A1:A9)`)).toHaveLength(3);
  });

  it.each([['\t'], ['\r'], ['=1+1'], ['@x'], ['plain']])('guardFormula(%j) leaves no cell a spreadsheet would run', (value) => {
    const guarded = guardFormula(value);
    expect(guarded).not.toMatch(/^[=+\-@\t\r]/);
    expect(guarded.endsWith(value)).toBe(true);
  });

  it('keeps control characters and lone surrogates as valid JSON, with a warning for the controls', async () => {
    const utf16 = notice(row('意見1', '制御\u0001文字と孤立\uD800サロゲート'));
    const bytes = new Uint8Array(2 + utf16.length * 2);
    const view = new DataView(bytes.buffer);
    view.setUint16(0, 0xfeff, true);
    for (let i = 0; i < utf16.length; i++) view.setUint16(2 + i * 2, utf16.charCodeAt(i), true);
    const { document, files, messages } = await convertBytes('odd', 'odd.txt', bytes);
    expect(rules(messages).sort()).toEqual(['control-characters', 'decode-replaced']);
    expect(document?.opinions[0]?.comments[0]?.text).toBe('制御\u0001文字と孤立\uFFFDサロゲート');
    const json = files.get('odd.json') ?? '';
    expect(NoticeDocument.safeParse(JSON.parse(json)).success).toBe(true);
    expect(json).toContain('\\u0001');
  });
});
