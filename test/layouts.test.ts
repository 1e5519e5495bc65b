/** One small fixture per layout variation of the notices of other ministries, with the facts a reader checks. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { Overrides } from '../src/schema/overrides.js';
import { categoryOutcome } from '../src/normalize/outcome.js';
import { convertBytes, convertFixture, convertText } from './helpers.js';

describe('layouts', () => {
  it('reports a header it does not understand and reads nothing under it (unknown-header)', async () => {
    const { document, messages } = await convertFixture('unknown-header');
    // What the title block says still comes out; the rows under the header it could not read do not.
    expect(document?.notice).toMatchObject({ title: 'テスト規則案に対する意見募集の結果', period: { start: '2021-01-04', end: '2021-02-03' } });
    expect(document?.opinions).toEqual([]);
    expect(document?.notice.coverage).toMatchObject({ attributed: 0, reported: 23, share: 0 });
    expect(messages).toContain('input.txt:4:1: error: Unexpected header row 「項番」 「要望事項」 「当局回答案」');
    expect(messages).toContain('[unknown-header]');
    expect(messages).toMatch(/input\.txt:5:1: warning: .*手数料を下げてほしい.*\[unattributed-text\]/);
  });

  it('suggests the overrides that read an unknown header, and with them the notice converts', async () => {
    const { messages } = await convertFixture('unknown-header');
    const suggested = /add to input\.pubcom\.json: (\{.*\}) \[unknown-header\]/.exec(messages)?.[1];
    expect(JSON.parse(suggested ?? 'null')).toEqual({ columns: { 項番: 'number', 要望事項: 'opinion', 当局回答案: 'response' } });
    const bytes = readFileSync(new URL('./fixtures/unknown-header/input.txt', import.meta.url));
    const { document } = await convertBytes('unknown-header', 'input.txt', bytes, Overrides.parse(JSON.parse(suggested ?? '{}')));
    expect(document?.opinions.map((o) => [o.label, o.comments[0]?.text, o.response?.text])).toEqual([['1', '手数料を下げてほしい。', '原案のとおりとします。']]);
  });

  it('links the opinions of a rowspan response and of 「No.1 と同じ」 (shared-response-rowspan)', async () => {
    const { document } = await convertFixture('shared-response-rowspan');
    const [first, second, third] = document?.opinions ?? [];
    expect(first?.response?.text).toBe('施行日は原案のとおりとします。');
    expect(second?.response?.text).toBe('施行日は原案のとおりとします。');
    expect(first?.response?.sharedWith).toEqual(['2']);
    expect(second?.response?.sharedWith).toEqual(['1']);
    expect(third?.response?.refersTo).toEqual(['1']);
    expect(third?.outcome).toBe('unchanged');
    expect(first?.comments[0]).toMatchObject({ submitter: '個人', text: '施行を延期すべき。' });
    expect(document?.notice.submitters).toEqual([{ id: 's-1', name: '個人', kind: 'individual', representative: null, opinionCount: null, opinionCountRaw: null, received: null, receivedRaw: null, jointWith: [] }]);
    expect(document?.notice.respondent).toBeNull();
  });

  it('reads labels from a number column: No.3, 1-1, 意見１２ (number-column-labels)', async () => {
    const { document } = await convertFixture('number-column-labels');
    expect(document?.opinions.map((o) => [o.id, o.key, o.number, o.label, o.summary])).toEqual([
      ['op-3', '3', 3, 'No.3', null],
      ['op-1-1', '1-1', null, '1-1', null],
      ['op-12', '12', 12, '意見１２', null],
    ]);
    expect(document?.opinions[2]?.comments[0]).toMatchObject({ submitter: '一般社団法人テスト協会', text: '経過措置を設けるべき。' });
    expect(document?.notice).toMatchObject({ respondent: '金融庁', period: { start: '2024-01-10', end: '2024-02-09' } });
    expect(document?.sections.map((s) => [s.id, s.title])).toEqual([['1', '総則']]);
    expect(document?.opinions.map((o) => o.outcome)).toEqual(['revised', 'unknown', 'unchanged']);
  });

  it('keys a number cell printed in parentheses, with a point, or circled: (1), 2., （１０）, ①', async () => {
    const numbers = ['(1)', '2.', '（１０）', '⑪'];
    const { document } = await convertText(['結果', '', '番号\t御意見の概要\t御意見に対する考え方', ...numbers.map((number) => `${number}\t<p>見直すべき。</p>\t<p>承ります。</p>`), ''].join('\n'));
    expect(document?.opinions.map((o) => [o.id, o.key, o.number, o.label])).toEqual([
      ['op-1', '1', 1, '(1)'],
      ['op-2', '2', 2, '2.'],
      ['op-10', '10', 10, '（１０）'],
      ['op-11', '11', 11, '⑪'],
    ]);
  });

  it('takes submitters from a 提出者 column (submitter-column)', async () => {
    const { document } = await convertFixture('submitter-column');
    expect(document?.opinions.map((o) => o.comments.map((c) => [c.submitter, c.text]))).toEqual([
      [['株式会社テスト銀行', '報告期限を延長すべき。']],
      [['個人', '様式を簡素化すべき。']],
    ]);
    expect(document?.notice.submitters.map((s) => s.kind)).toEqual(['organization', 'individual']);
    expect(document?.notice.submitterCount).toBe(2);
  });

  it('reads an HTML fragment: h2 title, h3 section, colspan topic, entities (html-fragment-headings)', async () => {
    const { document } = await convertFixture('html-fragment-headings');
    expect(document?.notice).toMatchObject({
      title: 'テスト告示案に対する意見及びその意見に対する研究会の考え方',
      subject: 'テスト告示案',
      respondent: '研究会',
      submitterCount: 1,
    });
    expect(document?.sections.map((s) => [s.id, s.label, s.title])).toEqual([['I', 'Ⅰ.', '総論']]);
    expect(document?.opinions.map((o) => [o.key, o.section, o.topic, o.summary, o.outcome])).toEqual([['1', 'I', '●基本的な考え方', '方針を明確にすべき。', 'noted']]);
    expect(document?.opinions[0]?.comments[0]).toMatchObject({ submitter: 'テスト株式会社', text: '方針が不明確です。 &<注>' });
  });
});

describe('per-notice overrides (overrides/input.pubcom.json)', () => {
  it('maps columns, names the respondent, expands an alias and keeps a continuation row', async () => {
    const { document, messages } = await convertFixture('overrides');
    // What the overrides drop on purpose is still accounted for, as info.
    expect(messages.split('\n').filter(Boolean).map((line) => line.replace(/: Ignored.*\[/, ' ['))).toEqual([
      'input.txt:5:46: info [ignored-column]',
      'input.txt:7:1: info [ignored-column]',
    ]);
    const coverage = document?.notice.coverage;
    expect(coverage?.reported).toBe(5);
    expect(coverage?.attributed).toBe((coverage?.characters ?? 0) - 5);
    expect(coverage?.share).toBeCloseTo(1 - 5 / (coverage?.characters ?? 1), 4);
    expect(document?.notice.respondent).toBe('テスト庁');
    expect(document?.opinions.map((o) => [o.key, o.source.startLine, o.source.endLine])).toEqual([['1', 5, 5], ['2', 6, 7]]);
    expect(document?.opinions[0]?.comments[0]).toMatchObject({ submitter: 'イー・ビー・シー株式会社', submitterRaw: '(EBC)', text: '手数料を下げてほしい。' });
    expect(document?.opinions[1]?.comments[0]?.text).toBe('手続を簡素化してほしい。\n(前行の続き)電子申請も認めてほしい。');
    expect(JSON.stringify(document?.opinions)).not.toContain('社内メモ');
  });

  it('gives a period printed without its year (S21 H13: 7月11日から22日までの間) the year of periodYear, and without it reports the period unread', async () => {
    const text = ['テスト案に対する意見募集の結果', '意見募集期間 7月11日から22日までの間', '', '番号\t御意見の概要\t考え方', '1\t延期すべき。\t承ります。', ''].join('\n');
    const bytes = new TextEncoder().encode(text);
    const without = await convertBytes('notice', 'notice.txt', bytes);
    expect(without.document?.notice.period).toBeNull();
    expect(without.messages).toBe('notice.txt:2:8: warning: Unexpected period 7月11日から22日 without its year, and no date with a year above it: period is null; give the year as periodYear in notice.pubcom.json [period-year-missing]\n');
    const given = await convertBytes('notice', 'notice.txt', bytes, Overrides.parse({ periodYear: 2001 }));
    expect(given.document?.notice.period).toEqual({ start: '2001-07-11', end: '2001-07-22', raw: '7月11日から22日' });
    expect(given.messages).toBe('');
    // A year printed above the period still comes first.
    const dated = await convertBytes('notice', 'notice.txt', new TextEncoder().encode(text.replace('意見募集期間', '平成14年6月1日\n意見募集期間')), Overrides.parse({ periodYear: 2001 }));
    expect(dated.document?.notice.period?.start).toBe('2002-07-11');
    expect(() => Overrides.parse({ periodYear: 13 })).toThrow();
  });

  it('without the overrides, the same notice is refused with the header it did not understand', async () => {
    const { document, messages } = await convertText(readFileSync(new URL('./fixtures/overrides/input.txt', import.meta.url), 'utf8'));
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain('「項番」 「要望事項」 「当局回答案」 「備考」');
  });
});

describe('re-consultations (re-opinions)', () => {
  it('attaches each 再意見 as a re-opinion comment with its own submitter, and reads both rounds', async () => {
    const { document } = await convertFixture('re-opinions');
    expect(document?.notice).toMatchObject({
      period: { start: '2023-01-05', end: '2023-02-03' },
      rePeriod: { start: '2023-02-10', end: '2023-03-01' },
      submitterCount: 2,
      reSubmitterCount: 2,
    });
    expect(document?.opinions.map((o) => o.comments.map((c) => [c.kind, c.submitter, c.text]))).toEqual([
      [
        ['comment', '株式会社テスト通信', '○ 料金を下げるべきです。'],
        ['re-opinion', 'ミライ回線株式会社', '○ 株式会社テスト通信の意見に賛同します。'],
        ['re-opinion', '個人', '○ 反対します。'],
      ],
      [['comment', 'ミライ回線株式会社', '○ 期間を延ばすべきです。']],
    ]);
    expect(document?.opinions.map((o) => [o.summary, o.revised, o.outcome])).toEqual([
      [null, null, 'unchanged'],
      [null, null, 'noted'],
    ]);
  });
});

describe('a 該当箇所 of 同上 (ditto)', () => {
  it('gives the refs of the place it repeats, keeping 同上 as printed', async () => {
    const html = [
      '<h1>テスト府令案に関する御意見の概要及び御意見に対する考え方</h1>',
      '<table>',
      '<tr><th>番号</th><th>該当箇所</th><th>御意見の概要</th><th>御意見に対する考え方</th></tr>',
      '<tr><td>1</td><td>第5条第1項</td><td>要件を明確にすべき。</td><td>原案のとおりとします。</td></tr>',
      '<tr><td>2</td><td>同上</td><td>期限を延ばすべき。</td><td>原案のとおりとします。</td></tr>',
      '</table>',
    ].join('\n');
    const { document } = await convertBytes('ditto', 'ditto.html', new TextEncoder().encode(html));
    const second = document?.opinions[1]?.comments[0];
    expect(second?.place).toBe('同上');
    expect(second?.refs.map((ref) => [ref.kind, ref.canonical, ref.source.startLine])).toEqual([['article', 'art.5.1', 4]]);
  });
});

describe('a merged 該当箇所 or response cell that an export printed once, on its first row', () => {
  const notice = (rows: string[]): string => ['テスト規則案に対する意見募集の結果', '番号\t該当箇所\t御意見の概要\t御意見に対する考え方', ...rows].join('\n');
  const places = (document: Awaited<ReturnType<typeof convertText>>['document']) =>
    document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.place, c.refs.map((r) => [r.canonical, r.source.startLine])])]);

  it('gives each opinion under it the place above, with its refs where they are printed, up to a section row', async () => {
    const { document, messages } = await convertText(
      notice(['1\t全般\t賛成する。\t承ります。', '2\t第3条第2項\t期間を明確にすべき。\t修正します。', '3\t\t負担が大きい。\t原案のとおりとします。', '4\t\t廃止すべき。\t承ります。', '【Q&A改正案に関する御意見】', '5\t\t表示例を追加すべき。\t追加します。']),
    );
    expect(places(document)).toEqual([
      ['1', [['全般', [['whole', 3]]]]],
      ['2', [['第3条第2項', [['art.3.2', 4]]]]],
      ['3', [['第3条第2項', [['art.3.2', 4]]]]],
      ['4', [['第3条第2項', [['art.3.2', 4]]]]],
      ['5', [[null, []]]],
    ]);
    expect(messages).toContain('notice.txt:5:3: info: Unexpected empty 該当箇所 cell under one that prints text (第3条第2項), expected text on every row: read as a merged cell that the export printed once, so the opinion takes the text above (opinions 3, 4) [merged-cell-carried]');
    expect(messages).not.toContain('accounting-mismatch');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('gives the same places as the HTML table whose cell spans the rows', async () => {
    const rows = [['1', '全般', '賛成する。', '承ります。'], ['2', '第3条第2項', '期間を明確にすべき。', '修正します。'], ['3', '', '負担が大きい。', '原案のとおりとします。'], ['4', '', '廃止すべき。', '承ります。']];
    const html = `<table><tr><th>番号</th><th>該当箇所</th><th>御意見の概要</th><th>御意見に対する考え方</th></tr>\n${rows
      .map(([number, place, opinion, response]) => `<tr><td>${number}</td>${place === '' ? '' : `<td${number === '2' ? ' rowspan="3"' : ''}>${place}</td>`}<td>${opinion}</td><td>${response}</td></tr>`)
      .join('\n')}</table>`;
    const [tsv, table] = [await convertText(notice(rows.map((row) => row.join('\t')))), await convertBytes('notice', 'notice.html', new TextEncoder().encode(html))];
    const placeTexts = (document: typeof tsv.document) => document?.opinions.map((o) => o.comments.map((c) => [c.place, c.refs.map((r) => r.canonical)]));
    expect(placeTexts(tsv.document)).toEqual(placeTexts(table.document));
    expect(placeTexts(tsv.document)?.[3]).toEqual([['第3条第2項', ['art.3.2']]]);
  });

  it('leaves a place empty on the first opinion, and gives a row that continues an opinion the place of its own row above', async () => {
    const first = await convertText(notice(['1\t\t賛成する。\t承ります。', '2\t第5条\t延長すべき。\t原案のとおりとします。']));
    expect(places(first.document)?.[0]).toEqual(['1', [[null, []]]]);
    expect(first.messages).not.toContain('merged-cell-carried');

    const continued = await convertText(notice(['1\t第5条\t延長すべき。【個人A】\t原案のとおりとします。', '\t\t同旨。【個人B】\t']));
    expect(places(continued.document)).toEqual([['1', [['第5条', [['art.5', 3]]], ['第5条', [['art.5', 3]]]]]]);
    expect(continued.messages).not.toContain('merged-cell-carried');
  });

  it('gives the opinions under a merged response and flag the same answer as the HTML table whose cells span their rows (shared-response-rowspan)', async () => {
    const html = readFileSync(new URL('./fixtures/shared-response-rowspan/input.html', import.meta.url), 'utf8');
    const tsv = [
      'テスト基準案に関する御意見の概要及び御意見に対する考え方',
      '意見募集期間:令和5年3月1日から3月31日まで',
      '番号\t御意見の概要\t御意見に対する考え方',
      '1\t<p>施行を延期すべき。(個人)</p>\t<p>施行日は原案のとおりとします。</p>',
      '2\t<p>準備期間を設けるべき。</p>\t',
      '3\t<p>周知を徹底すべき。</p>\t<p>No.1 と同じ</p>',
    ].join('\n');
    const answers = (document: Awaited<ReturnType<typeof convertText>>['document']) => document?.opinions.map((o) => [o.key, o.response?.text, o.response?.refersTo, o.outcome]);
    const [table, rows] = [await convertBytes('notice', 'notice.html', new TextEncoder().encode(html)), await convertText(tsv)];
    expect(answers(rows.document)).toEqual(answers(table.document));
    expect(answers(rows.document)?.[1]).toEqual(['2', '施行日は原案のとおりとします。', [], 'unchanged']);
    expect(rows.messages).toContain('notice.txt:5:22: info: Unexpected empty response cell under one that prints text (施行日は原案のとおりとします。), expected text on every row: read as a merged cell that the export printed once, so the opinion takes the text above (opinion 2) [merged-cell-carried]');
    expect(rows.messages).not.toMatch(/missing-response|accounting-mismatch/);
  });

  it('takes the flag beside a merged response with it, but no flag alone', async () => {
    const head = ['テスト規則案に対する意見募集の結果', '番号\t御意見の概要\t御意見に対する考え方\t修正の有無'];
    const merged = await convertText([...head, '1\t要望Aです。\t御意見を踏まえ修正します。\t有', '2\t要望Bです。\t\t'].join('\n'));
    expect(merged.document?.opinions.map((o) => [o.key, o.response?.text, o.revised])).toEqual([
      ['1', '御意見を踏まえ修正します。', true],
      ['2', '御意見を踏まえ修正します。', true],
    ]);
    const flagOnly = await convertText([...head, '1\t要望Aです。\t御意見を踏まえ修正します。\t有', '2\t要望Bです。\t原案のとおりとします。\t'].join('\n'));
    expect(flagOnly.document?.opinions[1]?.revised).toBeNull();
  });

  it('carries no response the opinion above printed over several rows, nor one into a record of label rows', async () => {
    const { document, messages } = await convertText(notice(['1\t第5条\t延長すべき。\t原案のとおりとします。', '\t\t\tなお、周知に努めます。', '2\t第6条\t廃止すべき。\t']));
    expect(document?.opinions[1]?.response).toBeNull();
    expect(messages).toContain('[missing-response]');
    expect(messages).not.toContain('merged-cell-carried');
  });

  it('carries nothing into an opinion whose own answer comes in the next table, after a page break', async () => {
    const markdown = ['# テスト規則案に対する意見募集の結果', '', '| 番号 | 御意見の概要 | 考え方 |', '|---|---|---|', '| 1 | 延期すべき。 | 原案のとおりとします。 |', '| 2 | 廃止すべき。 |  |', '', '| 番号 | 御意見の概要 | 考え方 |', '|---|---|---|', '|  | 理由は負担である。 | 御意見として承ります。 |', ''].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(markdown));
    expect(document?.opinions.map((o) => [o.key, o.response?.text])).toEqual([
      ['1', '原案のとおりとします。'],
      ['2', '御意見として承ります。'],
    ]);
    expect(messages).not.toMatch(/merged-cell-carried|accounting-mismatch/);
  });

  it('carries no answer into an opinion that prints no text of its own', async () => {
    const { document, messages } = await convertText(notice(['1\t第5条\t延長すべき。\t原案のとおりとします。', '2\t\t\t']));
    expect(document?.opinions[1]?.response).toBeNull();
    expect(messages).not.toContain('merged-cell-carried');
  });

  it('carries nothing into an opinion that prints its place on a row of its own below its first', async () => {
    const { document, messages } = await convertText(notice(['1\t第5条\t延長すべき。【個人A】\t原案のとおりとします。', '2\t\t期限を明確にすべき。\t', '\t第6条\t施行日を示されたい。【個人B】\t御意見を踏まえ修正します。']));
    expect(document?.opinions[1]?.comments.map((c) => c.place)).not.toContain('第5条');
    expect(messages).not.toContain('merged-cell-carried');
    expect(messages).toContain('notice.txt:5:2: warning: Unexpected 該当箇所 cell that no comment of opinion 2 took: 第6条 [unattributed-text]');
  });
});

/** An HTML notice of one table (header row first), as 消費者庁-style converters leave them. */
async function convertTable(rows: string): Promise<Awaited<ReturnType<typeof convertBytes>>> {
  const html = `<html><body><h1>テスト規則案に対する意見募集の結果</h1><table>\n<tr><th>番号</th><th>該当箇所</th><th>意見の概要</th><th>考え方</th></tr>\n${rows}\n</table></body></html>`;
  return convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
}

describe('rowspan cells and the accounting of every character', () => {
  it('keeps a rowspan cell in the rows it spans, even a row that ends before it or a colspan row over it, and counts a shared flag once', async () => {
    const html = [
      '<table>',
      '<tr><th>No.</th><th>提出者</th><th>御意見の概要</th><th>御意見に対する考え方</th><th>修正の有無</th></tr>',
      '<tr><td rowspan="2">1</td><td>株式会社テスト</td><td>明確化すべき。</td><td rowspan="2">修正します。</td><td rowspan="2">○</td></tr>',
      '<tr><td>個人</td><td>同旨。</td></tr>',
      '<tr><td rowspan="2">2</td><td>匿名</td><td>延長すべき。</td><td rowspan="2">原案のとおりとします。</td><td rowspan="2">－</td></tr>',
      '<tr><td colspan="4">第2条関係</td></tr>',
      '<tr><td>3</td><td>個人</td><td>廃止すべき。</td><td>承ります。</td><td>－</td></tr>',
      '</table>',
      '',
    ].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(document?.opinions.map((o) => [o.key, o.revisedRaw, o.response?.text])).toEqual([
      ['1', '○', '修正します。'],
      ['2', '－', '原案のとおりとします。'],
      ['3', '－', '承ります。'],
    ]);
    expect(messages).not.toContain('[accounting-mismatch]');
    expect(messages).not.toMatch(/line 7|notice\.html:7:\d+: warning: Unexpected row with/);
  });

  /** A notice whose table has a flag column, from its rows. */
  const withFlags = (rows: string[]): Uint8Array =>
    new TextEncoder().encode(['<table>', '<tr><th>No.</th><th>御意見の概要</th><th>御意見に対する考え方</th><th>修正の有無</th></tr>', ...rows, '</table>', ''].join('\n'));

  it('counts once a response cell spanning into the next opinion that is also a paragraph of the response above', async () => {
    const { document, messages } = await convertBytes('notice', 'notice.html', withFlags([
      '<tr><td>1</td><td>明確化すべき。</td><td>修正します。</td><td>有</td></tr>',
      '<tr><td></td><td>同旨。</td><td rowspan="2">なお、様式も見直します。</td><td></td></tr>',
      '<tr><td>2</td><td>延長すべき。</td><td>無</td></tr>',
    ]));
    expect(document?.opinions.map((o) => [o.key, o.response?.text])).toEqual([
      ['1', '修正します。\nなお、様式も見直します。'],
      ['2', 'なお、様式も見直します。'],
    ]);
    expect(messages).not.toContain('[accounting-mismatch]');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it("counts once a flag cell spanning into the next opinion that is a second flag, reported, of the opinion above", async () => {
    const { document, messages } = await convertBytes('notice', 'notice.html', withFlags([
      '<tr><td>1</td><td>明確化すべき。</td><td>修正します。</td><td>有</td></tr>',
      '<tr><td></td><td>同旨。</td><td></td><td rowspan="2">無</td></tr>',
      '<tr><td>2</td><td>延長すべき。</td><td>原案のとおりとします。</td></tr>',
    ]));
    expect(document?.opinions.map((o) => [o.key, o.revisedRaw])).toEqual([['1', '有'], ['2', '無']]);
    expect(messages).toContain('notice.html:4:');
    expect(messages).toContain('Unexpected second revision flag 無 for opinion 1, expected one flag per opinion [flag-conflict]');
    expect(messages).not.toContain('[accounting-mismatch]');
  });

  it('carries nothing of a topic row spanning the rows below into their cells: its text is the topic', async () => {
    const { document, messages } = await convertBytes('notice', 'notice.html', withFlags([
      '<tr><td></td><td></td><td rowspan="2"><strong>●外部委託先の管理</strong></td><td></td></tr>',
      '<tr><td>1</td><td>判断基準を示すべき。</td><td>無</td></tr>',
    ]));
    expect(document?.opinions.map((o) => [o.key, o.topic, o.response?.text ?? null])).toEqual([['1', '●外部委託先の管理', null]]);
    expect(messages).not.toContain('[accounting-mismatch]');
  });

  it('carries nothing of a row of dashes into the rows below, when a cell of it spans them', async () => {
    const text = ['# 「テスト」に対する意見募集の結果', '', '| No. | コメントの概要 | 考え方 |', '| --- | --- | --- |', '|<td rowspan="2"> --- | --- | --- |', '| 7 | 認めるべき。 | 明確化します。 |', ''].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(text));
    expect(document?.opinions.map((o) => o.comments.map((c) => c.text))).not.toContainEqual(['---']);
    expect(messages).not.toContain('[accounting-mismatch]');
  });

  it('a number cell spanning two rows is one opinion with a comment per row, not two opinions', async () => {
    const { document, messages } = await convertTable(
      '<tr><td rowspan="2">1</td><td>第3条</td><td>意見Aです。</td><td rowspan="2">原案のとおりとします。</td></tr>\n<tr><td>第4条</td><td>意見Bです。</td></tr>',
    );
    expect(document?.opinions.map((opinion) => opinion.key)).toEqual(['1']);
    expect(document?.opinions[0]?.comments.map(({ text, place }) => [text, place])).toEqual([['意見Aです。', '第3条'], ['意見Bです。', '第4条']]);
    expect(document?.opinions[0]?.response?.text).toBe('原案のとおりとします。');
    expect(messages).not.toMatch(/duplicate-opinion|accounting-mismatch/);
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('an opinion cell shared by two numbers gives both the comment, counted once', async () => {
    const { document, messages } = await convertTable(
      '<tr><td>1</td><td>第3条</td><td rowspan="2">意見です。</td><td>回答1。</td></tr>\n<tr><td>2</td><td>第4条</td><td>回答2。</td></tr>',
    );
    expect(document?.opinions.map((opinion) => opinion.comments.map((comment) => comment.text))).toEqual([['意見です。'], ['意見です。']]);
    expect(messages).not.toContain('accounting-mismatch');
  });

  it('counts once an opinion cell spanning into the next opinion that is also a paragraph of the comment above, and gives it that opinion\'s 該当箇所', async () => {
    const { document, messages } = await convertTable(
      '<tr><td>1</td><td>第3条</td><td>明確化すべき。</td><td>回答1。</td></tr>\n<tr><td></td><td></td><td rowspan="2">同旨。</td><td></td></tr>\n<tr><td>2</td><td>第4条</td><td>回答2。</td></tr>',
    );
    // The carried cell stands on opinion 2's row, so it takes that row's 該当箇所.
    expect(document?.opinions.map((opinion) => opinion.comments.map((comment) => [comment.text, comment.place]))).toEqual([[['明確化すべき。\n同旨。', '第3条']], [['同旨。', '第4条']]]);
    expect(messages).not.toContain('accounting-mismatch');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('counts the text after a tag the HTML parser drops (<td> opening a line of a pandoc cell), at its own place', async () => {
    const text = [
      'テスト規則案に対する意見募集の結果',
      '',
      '+------+----------------------------------+------------------+',
      '| 番号 | 御意見の概要                     | 考え方           |',
      '+======+==================================+==================+',
      '| 1    | 施行日を延期すべき。【A社】      | 原案のとおりとし |',
      '|      | <td>様式を見直すべき。【個人】   | ます。           |',
      '+------+----------------------------------+------------------+',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    const comments = document?.opinions[0]?.comments ?? [];
    expect(comments.map((c) => [c.submitter, c.text])).toEqual([['A社', '施行日を延期すべき。'], ['個人', '様式を見直すべき。']]);
    expect(text.split('\n')[(comments[1]?.source.startLine ?? 0) - 1]?.slice((comments[1]?.source.startColumn ?? 0) - 1)).toMatch(/^様式を見直すべき。/);
    expect(messages).not.toContain('accounting-mismatch');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('a 該当箇所 beside an empty opinion cell is reported with its text, not lost', async () => {
    const { document, messages } = await convertTable('<tr><td>1</td><td>第5条第2項</td><td></td><td>回答です。</td></tr>');
    expect(document?.opinions[0]?.comments).toEqual([]);
    expect(messages).toMatch(/notice\.html:3:\d+: warning: Unexpected 該当箇所 cell that no comment of opinion 1 took: 第5条第2項 \[unattributed-text\]/);
    expect(messages).not.toContain('accounting-mismatch');
  });

  it('a rowspan out of the header row, or out of a row before any opinion, carries no text into the opinions below', async () => {
    const header = await convertBytes('notice', 'notice.html', new TextEncoder().encode(
      '<table><tr><th>番号</th><th rowspan="2">意見の概要</th><th>考え方</th></tr>\n<tr><td>1</td><td>回答です。</td></tr></table>',
    ));
    expect(header.document?.opinions[0]?.comments).toEqual([]);
    expect(header.messages).not.toContain('accounting-mismatch');

    const before = await convertTable('<tr><td></td><td></td><td rowspan="2">前置きです。</td><td></td></tr>\n<tr><td>1</td><td></td><td>回答です。</td></tr>');
    expect(before.messages).toMatch(/warning: Unexpected row without an opinion label before any opinion, expected 意見N or a number: 前置きです。 \[unattributed-text\]/);
    expect(before.document?.opinions[0]?.comments).toEqual([]);
    expect(before.messages).not.toContain('accounting-mismatch');
  });
});

describe('topic rows in the syntaxes of other ministries (FORMATS.md hard case 22)', () => {
  const head = 'テスト規則案に対して提出された意見及びその意見に対する総務省の考え方\n(意見募集期間:令和3年1月4日～令和3年2月3日)\n\n番号\t御意見の概要\t考え方\n';

  it('reads [○ …], (1)…, 1.… and No. ●… rows as the topics of the opinions below them', async () => {
    const { document, messages } = await convertText(
      `${head}\t[○ 検査の基本的考え方]\t\n1\t意見1です。\t回答1です。\n\t(1)個人識別符号(第2条関係)\t\n2\t意見2です。\t回答2です。\n\t1.第 10 条/利用目的\t\n3\t意見3です。\t回答3です。\nNo. ●顧客同意\t\t\n4\t意見4です。\t回答4です。\n`,
    );
    expect(document?.opinions.map((opinion) => [opinion.key, opinion.topic, opinion.comments.map((comment) => comment.text)])).toEqual([
      ['1', '[○ 検査の基本的考え方]', ['意見1です。']],
      ['2', '(1)個人識別符号(第2条関係)', ['意見2です。']],
      ['3', '1.第 10 条/利用目的', ['意見3です。']],
      ['4', '●顧客同意', ['意見4です。']],
    ]);
    expect(messages).not.toMatch(/unattributed-text|empty-opinion|accounting-mismatch/);
  });

  it('reads a page-number line (1/17, - 2 -) as a page break: the cells it cut are joined, and no note is left', async () => {
    const text = ['結果', '', '提出された意見\t総務省の考え方', '<p>意見1 報告の頻度を年次に改める</p>\t<p>原案のとおり</p>', '1/17', '<p>べきである。</p>\t<p>とします。</p>', '- 2 -', '<p>意見2 様式を簡素化すべき。</p>\t<p>御意見として承ります。</p>', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.summary, o.response?.text])).toEqual([
      ['1', '報告の頻度を年次に改めるべきである。', '原案のとおりとします。'],
      ['2', '様式を簡素化すべき。', '御意見として承ります。'],
    ]);
    expect(messages).not.toContain('[note-outside-table]');
  });

  it('keeps a numbered line after a page break, or one that ends a sentence, in the opinion above', async () => {
    const { document } = await convertText(`${head}1\t意見1です。次の点について\t回答1です。\n\n\t(2)第3条の解釈\t\n2\t意見2です。\t回答2です。\n\t(3)第4条も同様。\t\n`);
    expect(document?.opinions.map((opinion) => [opinion.key, opinion.topic, opinion.comments.map((comment) => comment.text)])).toEqual([
      ['1', null, ['意見1です。次の点について(2)第3条の解釈']],
      ['2', null, ['意見2です。\n(3)第4条も同様。']],
    ]);
  });
});

describe('a row whose TABs were lost (FORMATS.md hard case 10)', () => {
  const head = 'テスト規則案に対して提出された意見及びその意見に対する金融庁の考え方\n(意見募集期間:令和3年1月4日～令和3年2月3日)\n\n';
  const cellsOf = (document: Awaited<ReturnType<typeof convertText>>['document']) =>
    document?.opinions.map((opinion) => [opinion.key, opinion.comments.map((comment) => comment.text).join('|'), opinion.response?.text ?? null, opinion.revisedRaw]);

  it('reads a table whose header lost its TABs too (番号 コメントの概要 金融庁の考え方, S8): each row is split as such a line', async () => {
    const { document, messages } = await convertText(
      `${head}番号 コメントの概要 金融庁の考え方\n1  説明義務の範囲を明確化すべき。  ご指摘の点は監督指針に記載のとおりです。\n2  様式を簡素化すべき。（全国銀行協会）  御意見を踏まえ、様式を修正します。\n\n3  施行日を明らかにされたい。  公布の日から施行します。\n`,
    );
    expect(cellsOf(document)).toEqual([
      ['1', '説明義務の範囲を明確化すべき。', 'ご指摘の点は監督指針に記載のとおりです。', null],
      ['2', '様式を簡素化すべき。', '御意見を踏まえ、様式を修正します。', null],
      ['3', '施行日を明らかにされたい。', '公布の日から施行します。', null],
    ]);
    expect(document?.opinions[1]?.comments[0]?.submitter).toBe('全国銀行協会');
    expect(document?.notice.respondent).toBe('金融庁');
    expect(messages.match(/\[cells-merged\]/g)).toHaveLength(3);
    expect(messages).not.toContain('[no-opinion-table]');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('goes on splitting rows past a line of text among them (a cell hard-wrapped), which stays a note', async () => {
    const { document, messages } = await convertText(`${head}番号 コメントの概要 金融庁の考え方\n1  説明義務の範囲を明確化すべき。  ご指摘の点は監督指針に記載のとお\nりです。\n2  施行日を明らかにされたい。  公布の日から施行します。\n`);
    expect(cellsOf(document)).toEqual([
      ['1', '説明義務の範囲を明確化すべき。', 'ご指摘の点は監督指針に記載のとお', null],
      ['2', '施行日を明らかにされたい。', '公布の日から施行します。', null],
    ]);
    expect(messages).toContain('notice.txt:6:1: info: Unexpected text outside any table: りです。 [note-outside-table]');
  });

  /** A line of a table that a layout conversion (pdftotext -layout) printed with spaces: each piece at its character column. */
  const laidOut = (...pieces: [number, string][]): string => pieces.reduce((line, [at, text]) => line.padEnd(at) + text, '');

  it('reads the lines under a split row that hold its cells wrapped (pdftotext -layout) into its cells, each piece under the column where it starts, joined with nothing, a paragraph ending at a sentence end well short of the column; a row opening a page after its form feed too', async () => {
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      laidOut([1, '番号'], [7, '提出された意見'], [40, '総務省の考え方'], [75, '修正の有無']),
      laidOut([2, '1'], [7, '第2条の定義が不明確であり、具体例を'], [40, '御意見を踏まえ、定義を明確化するため、'], [76, '有']),
      laidOut([7, '示すべきである。'], [40, '以下のとおり修正します。'], [75, '(一部)']),
      laidOut([40, 'なお、附則も同様です。']),
      // A new page: pdftotext opens its first line with a form feed.
      `\f${laidOut([2, '2'], [7, '施行日を延期すべき。'], [40, '原案のとおりとします。'], [76, '無']).slice(1)}`,
      laidOut([7, '※御意見は要約しています。']),
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text, o.revisedRaw, o.outcome, o.source.endLine])).toEqual([
      // `以下のとおり修正します。` ends its sentence 7 characters short of the column's longest line: the paragraph ends there.
      ['1', ['第2条の定義が不明確であり、具体例を示すべきである。'], '御意見を踏まえ、定義を明確化するため、以下のとおり修正します。\nなお、附則も同様です。', '有(一部)', 'revised', 6],
      ['2', ['施行日を延期すべき。'], '原案のとおりとします。', '無', 'unchanged', 7],
    ]);
    expect(messages).toContain('notice.txt:4:41: warning: Unexpected row without TABs between its cells (they ran together on one line), expected 4 cells separated by TABs: it was split into 「1」 「第2条の定義が不明確であり、具体例を示すべきである。」 「御意見を踏まえ、定義を明確化するため、以下のとおり修正します。 なお、附則も同様…」 「有(一部)」 (with the 2 lines below it, read as its cells wrapped, each piece under the column where it starts); check the split [cells-merged]');
    expect(messages.match(/\[cells-merged\]/g)).toHaveLength(2);
    expect(document?.notice.notes.map((note) => note.text)).toEqual(['※御意見は要約しています。']);
    expect(document?.notice.coverage).toMatchObject({ reported: 0, share: 1 });
  });

  it('ends a paragraph of a wrapped cell at a short line that ends a submitter mark, so that a merged number cell holding two comments gives two', async () => {
    // pdftotext -layout (poppler 22.12) of the PDF LibreOffice 7.4 printed of the pandoc-merged-cells Word notice: opinion 1's number cell spans its two comments.
    const text = [
      '「道路運送車両の保安基準の細目を定める告示の一部を改正する告示案」に関する意見',
      '募集の結果について',
      '',
      '令和 8 年 3 月 2 日',
      '',
      '国土交通省物件・自動車局',
      '',
      '意見募集期間：令和 8 年 1 月 6 日（火）から令和 8 年 2 月 4 日（水）まで',
      '',
      '意見提出数：4 件（個人 2 件、法人 2 件）',
      '',
      '提出された意見及びその意見に対する国土交通省の考え方',
      '',
      '番号               提出された意見       御意見に対する考     修正の有無',
      '                               え方',
      '【総論】',
      '1                本改正案に賛成し      本案に対する賛同     無',
      '                 ます。【A 自動車     の御意見として承',
      '                 株式会社】         ります。',
      '                 安全性の向上に資',
      '                 するため、早期の',
      '                 施行を希望しま',
      '                 す。【個人】',
      '【各論】',
      '2                第 3 条第 2 項の   御意見を踏まえ、     有',
      '                 「相当の期間」の      「30 日」と修正し',
      '                 意味が不明確で       ます。',
      '                 す。',
      '                 具体的な日数を示',
      '                 すべきです。',
      '                 【一般社団法人 B',
      '                 協会】',
      '',
    ].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.slice(0, 2).map((o) => [o.key, o.section, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.revisedRaw])).toEqual([
      ['1', 'sec-1', [['A 自動車株式会社', '本改正案に賛成します。'], ['個人', '安全性の向上に資するため、早期の施行を希望します。']], '本案に対する賛同の御意見として承ります。', '無'],
      ['2', 'sec-2', [['一般社団法人 B協会', '第 3 条第 2 項の「相当の期間」の意味が不明確です。\n具体的な日数を示すべきです。']], '御意見を踏まえ、「30 日」と修正します。', '有'],
    ]);
  });

  it('reads a header whose cells are parted by spaces and wrapped onto the line below (修正の / 有無), each piece under the column where it starts', async () => {
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      laidOut([1, '番号'], [7, '提出された意見'], [40, '総務省の考え方'], [72, '修正の']),
      laidOut([72, '有無']),
      laidOut([2, '1'], [7, '定義を明確にすべき。'], [40, '御意見を踏まえ、修正します。'], [73, '有']),
      laidOut([2, '2'], [7, '延期すべき。'], [40, '原案のとおりとします。'], [73, '無']),
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.response?.text, o.revisedRaw, o.revised])).toEqual([
      ['1', '御意見を踏まえ、修正します。', '有', true],
      ['2', '原案のとおりとします。', '無', false],
    ]);
    expect(messages).not.toMatch(/no-opinion-table|note-outside-table/);
  });

  it('finds the columns of wrapped pieces by display width too, where a converter aligned the text as it looks (a CJK character two columns wide)', async () => {
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      ' 番号   提出された意見                               総務省の考え方',
      '  1     第2条の定義が不明確であり、具体例を           御意見を踏まえ、定義を明確化するため、',
      '        示すべきである。                             以下のとおり修正します。',
      '',
    ].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.comments[0]?.text, o.response?.text])).toEqual([['第2条の定義が不明確であり、具体例を示すべきである。', '御意見を踏まえ、定義を明確化するため、以下のとおり修正します。']]);
  });

  it('takes no line for a split row\'s cells wrapped where a piece starts under no column (inside one but running past the next column\'s start), or under the number column: it stays a note', async () => {
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      laidOut([1, '番号'], [7, '提出された意見'], [40, '総務省の考え方']),
      laidOut([2, '1'], [7, '第2条の定義が不明確であり、具体例を'], [40, '御意見を踏まえ、修正します。']),
      laidOut([20, '示すべきである。この一文は考え方の列に及ぶ。']),
      laidOut([2, '2'], [7, '施行日を延期すべき。'], [40, '原案のとおりとします。']),
      laidOut([2, '附則関係'], [40, '今後の参考とします。']),
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text])).toEqual([
      ['1', '第2条の定義が不明確であり、具体例を', '御意見を踏まえ、修正します。'],
      ['2', '施行日を延期すべき。', '原案のとおりとします。'],
    ]);
    expect(messages).toContain('notice.txt:5:21: info: Unexpected text outside any table: 示すべきである。この一文は考え方の列に及ぶ。 [note-outside-table]');
    expect(messages).toContain('notice.txt:7:3: info: Unexpected text outside any table: 附則関係 今後の参考とします。 [note-outside-table]');
  });

  it('reads right-aligned text inside a column (a submitter\'s mark) as a paragraph of its own, so it names the comment\'s submitter; a section heading across the table does not end it', async () => {
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      laidOut([1, '番号'], [7, '提出された意見'], [40, '総務省の考え方'], [75, '修正の有無']),
      '',
      '【第2条関係】',
      '',
      laidOut([2, '1'], [7, '第2条の「利用者」に法人の従業員も'], [40, '御理解のとおりです。'], [76, '無']),
      laidOut([7, '含まれるのか明らかにされたい。']),
      laidOut([20, '【一般社団法人B協会】'], [40, '後段について、海外の事業者も対象と']),
      laidOut([7, '海外の事業者も対象となるのか。'], [40, 'なります。']),
      laidOut([26, '【個人】']),
      '',
      '【第3条関係】',
      '',
      laidOut([2, '2'], [7, '施行日を延期すべき。'], [40, '原案のとおりとします。'], [76, '無']),
      laidOut([26, '【個人】']),
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.section, o.comments.map((c) => [c.text, c.submitterRaw]), o.response?.text])).toEqual([
      [
        '1',
        'sec-1',
        [
          ['第2条の「利用者」に法人の従業員も含まれるのか明らかにされたい。', '【一般社団法人B協会】'],
          ['海外の事業者も対象となるのか。', '【個人】'],
        ],
        '御理解のとおりです。\n後段について、海外の事業者も対象となります。',
      ],
      ['2', 'sec-2', [['施行日を延期すべき。', '【個人】']], '原案のとおりとします。'],
    ]);
    expect(document?.sections.map((section) => section.title)).toEqual(['第2条関係', '第3条関係']);
    expect(messages).not.toMatch(/note-outside-table/);
  });

  it('reads the lines after a page break that go on under the columns of the row above as the rest of that row, past a page number and the header printed again, and says so (cells-merged)', async () => {
    const header = laidOut([1, '番号'], [7, '提出された意見'], [40, '総務省の考え方'], [75, '修正の有無']);
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      header,
      laidOut([2, '1'], [7, '第2条の定義が不明確であり、具体例を'], [40, '御意見を踏まえ、定義を明確化するため、'], [76, '有']),
      laidOut([7, '示すべきである。また、附則について'], [40, '以下のとおり修正します。']),
      '',
      laidOut([36, '- 1 -']),
      `\f${header}`,
      '',
      laidOut([7, 'も同様の修正が必要である。'], [40, 'なお、附則も同様に修正します。']),
      laidOut([20, '【株式会社A】']),
      '',
      laidOut([2, '2'], [7, '施行日を延期すべき。'], [40, '原案のとおりとします。'], [76, '無']),
      '',
      laidOut([7, '（参考）本件の経緯については別紙を参照。']),
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.text, c.submitterRaw]), o.response?.text, o.source.endLine])).toEqual([
      ['1', [['第2条の定義が不明確であり、具体例を示すべきである。また、附則についても同様の修正が必要である。', '【株式会社A】']], '御意見を踏まえ、定義を明確化するため、以下のとおり修正します。\nなお、附則も同様に修正します。', 11],
      ['2', [['施行日を延期すべき。', null]], '原案のとおりとします。', 13],
    ]);
    expect(messages).toContain(
      'notice.txt:10:8: warning: Unexpected 2 lines without TABs after a page break, expected a TAB row: read as the rest of the row of line 4, which the page cut (「」 「も同様の修正が必要である。 【株式会社A】」 「なお、附則も同様に修正します。」 「」), each piece under the column where it starts; check the join [cells-merged]',
    );
    expect(messages).toContain('notice.txt:10:8: info: Joined a cell cut by a page break: …た、附則について|も同様の修正が必… [page-split-joined]');
    // A blank line alone is no page end: a line below the last row that stands where a column does stays a note.
    expect(messages).toContain('notice.txt:15:8: info: Unexpected text outside any table: （参考）本件の経緯については別紙を参照。 [note-outside-table]');
  });

  it('reads a numbered row that leaves a cell blank (its answer merged with the row above\'s) under the columns of the row above, the blank cell carried down', async () => {
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      laidOut([0, '番号'], [9, '提出者'], [20, '御意見の概要'], [45, '御意見に対する考え方']),
      laidOut([0, '1'], [4, '株式会社A'], [15, '施行日を1年延期すべきで'], [40, '施行日は準備期間を考慮して']),
      laidOut([15, 'ある。'], [40, '設定しており、原案のとおり']),
      laidOut([40, 'とします。']),
      laidOut([0, '2'], [4, '個人'], [15, '施行日を延期すべきであ']),
      laidOut([15, 'る。']),
      laidOut([0, '3'], [4, '株式会社D'], [15, '様式を簡素化すべき。'], [40, '今後の参考とします。']),
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitterRaw, c.text]), o.response?.text])).toEqual([
      ['1', [['株式会社A', '施行日を1年延期すべきである。']], '施行日は準備期間を考慮して設定しており、原案のとおりとします。'],
      ['2', [['個人', '施行日を延期すべきである。']], '施行日は準備期間を考慮して設定しており、原案のとおりとします。'],
      ['3', [['株式会社D', '様式を簡素化すべき。']], '今後の参考とします。'],
    ]);
    expect(messages).toContain(
      'notice.txt:7:5: warning: Unexpected row without TABs between its cells that leaves a cell blank, expected 4 cells separated by TABs: each piece was read under the column of the row of line 4 where it starts, into 「2」 「個人」 「施行日を延期すべきである。」 「」; check the split [cells-merged]',
    );
    expect(messages).toContain('[merged-cell-carried]');
  });

  it('takes no line after a section heading for the rest of the row above', async () => {
    const text = [
      'テスト省令案に関する意見募集の結果',
      '',
      laidOut([1, '番号'], [7, '提出された意見'], [40, '総務省の考え方']),
      laidOut([2, '1'], [7, '第2条の定義が不明確である。'], [40, '御意見を踏まえ、修正します。']),
      '【附則関係】',
      laidOut([7, '附則の施行日を明らかにされたい。'], [40, '公布の日から施行します。']),
      '',
      '2. 今後の予定',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([['1', ['第2条の定義が不明確である。'], '御意見を踏まえ、修正します。']]);
    expect(messages).toContain('notice.txt:6:8: info: Unexpected text outside any table: 附則の施行日を明らかにされたい。 公布の日から施行します。 [note-outside-table]');
  });

  it('takes a line of words parted by spaces for a header only when each word names a column', async () => {
    const { document, messages } = await convertText(`${head}提出された意見 及び 考え方\n1  延期すべき。  承ります。\n`);
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain('[no-opinion-table]');
  });

  it('splits a line whose cells ran together at the gaps between them, and says where (cells-merged)', async () => {
    const { document, messages } = await convertText(
      `${head}番号\tコメントの概要\t金融庁の考え方\n1\t説明義務の範囲を明確化すべき。\tご指摘の点は監督指針に記載のとおりです。\n2  適合性原則の判断基準を示すべきではないか。  本監督指針は、個別事例ごとに判断されるものです。\n3\t施行日を明らかにされたい。\t公布の日から施行します。\n`,
    );
    expect(cellsOf(document)).toEqual([
      ['1', '説明義務の範囲を明確化すべき。', 'ご指摘の点は監督指針に記載のとおりです。', null],
      ['2', '適合性原則の判断基準を示すべきではないか。', '本監督指針は、個別事例ごとに判断されるものです。', null],
      ['3', '施行日を明らかにされたい。', '公布の日から施行します。', null],
    ]);
    // The warning points at the guessed boundary: the answer's first character, column 27 of line 6.
    expect(messages).toContain('notice.txt:6:27: warning: Unexpected row without TABs between its cells (they ran together on one line), expected 3 cells separated by TABs: it was split into 「2」 「適合性原則の判断基準を示すべきではないか。」 「本監督指針は、個別事例ごとに判断されるものです。」; check the split [cells-merged]');
    expect(document?.opinions[1]?.response?.source).toMatchObject({ startLine: 6, endLine: 6 });
    expect(document?.notice.coverage.share).toBe(1);
    expect(messages).not.toMatch(/note-outside-table|missing-response|accounting-mismatch/);
  });

  it('splits an HTML row of 意見N with its flag, and where no gap is left, at the sentence end before the answer', async () => {
    const { document, messages } = await convertText(
      `${head}提出された意見\t金融庁の考え方\t修正の有無\n<p>意見1 様式を簡素化すべき。</p>  <p>御意見を踏まえ、様式を修正します。</p>  <p>有</p>\n意見2 期限を延ばすべき。御意見として承ります。\n`,
    );
    expect(cellsOf(document)).toEqual([
      ['1', '', '御意見を踏まえ、様式を修正します。', '有'],
      ['2', '', '御意見として承ります。', null],
    ]);
    expect(document?.opinions.map((opinion) => [opinion.summary, opinion.revised])).toEqual([
      ['様式を簡素化すべき。', true],
      ['期限を延ばすべき。', null],
    ]);
    expect(messages.match(/\[cells-merged\]/g)).toHaveLength(2);
  });

  it('splits a row of four columns with a place, at exactly as many gaps as it needs', async () => {
    const { document } = await convertText(`${head}番号\t該当箇所\t御意見の概要\t考え方\n1\t第1条\t意見1です。\t回答1です。\n2  第2条第1項  定義を明確にすべき。  原案のとおりとします。\n`);
    expect(document?.opinions[1]).toMatchObject({ key: '2', comments: [{ text: '定義を明確にすべき。', place: '第2条第1項' }], response: { text: '原案のとおりとします。' }, outcome: 'unchanged' });
  });

  it('leaves a line it cannot split with confidence, or one outside a table, as a note: nothing is guessed, nothing lost', async () => {
    const { document, messages } = await convertText(
      `${head}1  提出期限  令和3年2月3日\n\n番号\tコメントの概要\t金融庁の考え方\n1\t意見1です。\t回答1です。\n2  第1条  と第2条を統合すべき。  統合しません。\n3 意見3です。回答3です。\n`,
    );
    expect(document?.opinions.map((opinion) => opinion.key)).toEqual(['1']);
    expect(messages).not.toContain('[cells-merged]');
    expect(messages).toMatch(/notice\.txt:8:1: info: .*2 第1条 と第2条を統合すべき。.*\[note-outside-table\]/);
    expect(messages).toMatch(/notice\.txt:9:1: info: .*3 意見3です。回答3です。.*\[note-outside-table\]/);
  });
});

describe("a spreadsheet's TAB export (Excel, tabula): quoted cells over several lines", () => {
  const head = 'テスト規則(案)に対する意見及び考え方\n意見募集期間:令和6年4月1日～令和6年4月30日\n';
  const table = [
    '番号\t"御意見の\n概要"\t"御意見に対する\n考え方"',
    '1\t"Aについて記載すべき。\n理由は""B""である。\n【株式会社テスト】"\t御意見を踏まえ修正します。',
    '2\tCを削除すべき。【個人】\t"原案のとおりとします。\nなお、今後の参考とします。"',
    '3\t"""D""を追加すべき。【個人】"\t"意見1に対する考え方のとおりです。"',
    '',
  ].join('\n');
  const rows = (document: Awaited<ReturnType<typeof convertText>>['document']) =>
    document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.response?.refersTo]);
  const expected = [
    ['1', [['株式会社テスト', 'Aについて記載すべき。\n理由は"B"である。']], '御意見を踏まえ修正します。', []],
    ['2', [['個人', 'Cを削除すべき。']], '原案のとおりとします。\nなお、今後の参考とします。', []],
    ['3', [['個人', '"D"を追加すべき。']], '意見1に対する考え方のとおりです。', ['1']],
  ];

  it('reads a row whose quoted cells run over several lines as one row, a paragraph per line, its doubled quotes as one', async () => {
    const { document, messages } = await convertText(head + table);
    expect(rows(document)).toEqual(expected);
    expect(document?.opinions[0]?.comments[0]?.source).toMatchObject({ startLine: 6, endLine: 8, startColumn: 4 });
    expect(document?.opinions[1]?.response?.source).toMatchObject({ startLine: 9, endLine: 10 });
    expect(document?.notice.respondent).toBeNull();
    expect(messages).toBe('');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it("reads Excel's Unicode text (UTF-16LE, CRLF between rows, LF inside a cell) as the same rows", async () => {
    const excel = (head + table).replace(/\n(?=[0-9]\t|$)/g, '\r\n').replace(/^(.*)\n(.*)\n/, '$1\r\n$2\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(excel, 'utf16le')]);
    const { document, messages } = await convertBytes('notice', 'notice.txt', bytes);
    expect(excel).toContain('"御意見の\n概要"');
    expect(excel).toContain('考え方"\r\n1\t');
    expect(rows(document)).toEqual(expected);
    expect(document?.notice.source.encoding).toBe('utf-16le');
    expect(messages).toBe('');
  });

  it("keeps a converter's own quote that opens a cell, with or without spreadsheet quoting in the notice", async () => {
    const converterRow = '4\t"クラウド"という語を定義すべき。【個人】\t御意見を踏まえ修正します。\n';
    const alone = await convertText(head + '番号\t御意見の概要\t御意見に対する考え方\n' + converterRow);
    expect(alone.document?.opinions[0]?.comments[0]?.text).toBe('"クラウド"という語を定義すべき。');
    const among = await convertText(head + table + converterRow);
    expect(among.document?.opinions.at(-1)?.comments[0]?.text).toBe('"クラウド"という語を定義すべき。');
  });

  it('reads a row whose first cell is quoted over several lines (no TAB on its first line), and a line of text that opens with a quote as text', async () => {
    const { document, messages } = await convertText(
      `${head}"テスト"に関する補足です。\n御意見の概要\t考え方\n"第3条について\n明確にすべき。【個人】"\t承ります。\n`,
    );
    expect(rows(document)).toEqual([['1', [['個人', '第3条について\n明確にすべき。']], '承ります。', []]]);
    expect(messages).not.toMatch(/warning|error/);
  });

  it('unquotes the cells of a notice whose only sign of a spreadsheet is a doubled quote inside a quoted cell', async () => {
    const { document } = await convertText(
      `${head}番号\t御意見の概要\t御意見に対する考え方\n1\t"""クラウド""の定義を明確にすべき。【個人】"\t"御意見を踏まえ""クラウド""を定義します。"\n2\t"単純な引用です。【個人】"\t承ります。\n`,
    );
    expect(rows(document)).toEqual([
      ['1', [['個人', '"クラウド"の定義を明確にすべき。']], '御意見を踏まえ"クラウド"を定義します。', []],
      ['2', [['個人', '単純な引用です。']], '承ります。', []],
    ]);
  });

  it.each(['mic-denpa-tsv.txt', 'soumu-saiiken-tsv.txt', 'soumu-cloud-security-guideline-2018.txt'])(
    'reads input/%s saved from a spreadsheet (every line a row as wide as the sheet, a cell of paragraphs as quoted lines, CRLF) into the same records',
    async (name) => {
      const text = readFileSync(new URL(`../input/${name}`, import.meta.url), 'utf8');
      const lines = text.split(/\r?\n/).filter((line) => !/^-+\t/.test(line));
      const width = Math.max(...lines.map((line) => line.split('\t').length));
      // A cell of <p> paragraphs and no other markup becomes a quoted cell of lines, as Excel saves a cell with line breaks.
      const paragraphsOnly = (cell: string): boolean => /<\/p>\s*<p[^>]*>/.test(cell) && !/<(?!\/?p[ >])/.test(cell);
      const quoted = (cell: string): string => `"${cell.replace(/^<p[^>]*>|<\/p>$/g, '').split(/<\/p>\s*<p[^>]*>/).join('\n').replace(/"/g, '""')}"`;
      // A line of the notice is a row of one cell, without the markdown bold a sheet does not keep; the blank cells after it pad the row.
      const cellsOf = (line: string): string[] => (line.includes('\t') ? line.split('\t').map((cell) => (paragraphsOnly(cell) ? quoted(cell) : cell)) : [line.trim().replace(/^\*\*(.*)\*\*$/, '$1')]);
      const saved = lines.map((line) => [...cellsOf(line), ...Array<string>(width).fill('')].slice(0, width).join('\t')).join('\r\n');
      expect(saved.match(/(?:^|\t)"/gm)?.length).toBeGreaterThan(2);
      const records = (document: Awaited<ReturnType<typeof convertText>>['document']) => ({
        notice: document && [document.notice.title, document.notice.respondent, document.notice.period, document.notice.submitterCount, document.notice.submitterBreakdown, document.notice.submitters, document.notice.notes.map((note) => note.text)],
        sections: document?.sections.map((s) => [s.id, s.title]),
        opinions: document?.opinions.map((o) => [o.key, o.section, o.summary, o.comments.map((c) => [c.kind, c.submitter, c.text]), o.response?.text.replace(/\s+/g, ''), o.revised, o.outcome]),
      });
      const [original, spreadsheet] = [await convertText(text), await convertText(saved)];
      expect(records(spreadsheet.document)).toEqual(records(original.document));
      expect(spreadsheet.messages).not.toMatch(/warning|error/);
      // A 提出者一覧 heading in a row of its own opens its list, as the line does: neither is reported as unread.
      expect(spreadsheet.messages).not.toMatch(/提出者一覧.*\[note-outside-table\]/);
    },
  );

  it('reads input/fsa-kantoku-gfm.md saved from a spreadsheet (its lines and pipe rows as rows of the sheet, a <br> as a line of the cell) into the same records', async () => {
    const text = readFileSync(new URL('../input/fsa-kantoku-gfm.md', import.meta.url), 'utf8');
    const pipeRow = /^\s*\|(.*)\|\s*$/;
    const lines = text.split('\n').filter((line) => !/^\s*\|[\s:|-]+\|\s*$/.test(line));
    const quoted = (cell: string): string => (/[\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const unbold = (words: string): string => words.replace(/^\*\*(.*)\*\*$/, '$1');
    const cellsOf = (line: string): string[] => {
      const cells = pipeRow.exec(line)?.[1]?.split(/(?<!\\)\|/);
      if (cells) return cells.map((cell) => quoted(unbold(cell.trim().replace(/\\\|/g, '|')).replace(/<br\s*\/?>/g, '\n')));
      return [unbold(line.trim().replace(/^#+\s*/, ''))];
    };
    const width = Math.max(...lines.map((line) => cellsOf(line).length));
    const saved = lines.map((line) => [...cellsOf(line), ...Array<string>(width).fill('')].slice(0, width).join('\t')).join('\r\n');
    expect(saved).toContain('(参考)コメント提出者一覧\t\t');
    const records = (document: Awaited<ReturnType<typeof convertText>>['document']) => ({
      notice: document && { ...document.notice, id: null, source: null, coverage: null, notes: document.notice.notes.map((note) => note.text), glossary: document.notice.glossary.map(({ term, meaning }) => [term, meaning]) },
      sections: document?.sections.map((s) => [s.id, s.title]),
      opinions: document?.opinions.map((o) => [o.key, o.section, o.topic, o.summary, o.comments.map((c) => [c.kind, c.submitter, c.text]), o.response?.text, o.response?.refersTo, o.revised, o.outcome]),
    });
    const [original, spreadsheet] = [await convertBytes('notice', 'notice.md', new TextEncoder().encode(text)), await convertText(saved)];
    expect(records(spreadsheet.document)).toEqual(records(original.document));
    expect(spreadsheet.messages).not.toMatch(/warning|error/);
  });

  it('reads the lines of a quote that never closes one by one, as before, rather than as one row', async () => {
    const body = Array.from({ length: 70 }, (_, i) => `${i + 2}\t意見${i + 2}です。【個人】\t承ります。`).join('\n');
    const { document, messages } = await convertText(`${head}番号\t御意見の概要\t御意見に対する考え方\n1\t"閉じない引用符です。【個人】\t承ります。\n${body}\n`);
    expect(document?.opinions).toHaveLength(71);
    expect(document?.opinions[0]?.comments[0]?.text).toBe('"閉じない引用符です。');
    expect(messages).not.toContain('[internal-error]');
  });
});

describe('section headings', () => {
  /** A pipe table of one opinion, between blank lines. */
  const table = (key: number): string[] => ['', '| 番号 | 御意見の概要 | 考え方 |', '|---|---|---|', `| ${key} | 延期すべき。 | 承ります。 |`, ''];
  /** TAB rows of one opinion, and a blank line. */
  const tsvTable = (key: number): string[] => [`番号\t御意見の概要\t考え方`, `${key}\t延期すべき。\t承ります。`, ''];

  it('numbers sections from （３）, 第2章 and a numbered line of text over a table after the first one', async () => {
    const text = ['# テスト案に対する意見募集の結果', '', '### 1. 総論', ...table(1), '### 第二章 各論', ...table(2), '**（３）その他**', ...table(3), 'Ⅳ　附則関係', ...table(4), '以上のとおり、御意見を整理しました。'].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(text));
    expect(document?.sections.map((s) => [s.id, s.label, s.title])).toEqual([
      ['1', '1.', '総論'],
      ['2', '第二章', '各論'],
      ['3', '（３）', 'その他'],
      ['IV', 'Ⅳ', '附則関係'],
    ]);
    expect(document?.opinions.map((o) => o.section)).toEqual(['1', '2', '3', 'IV']);
    // A line of text that is no numbered heading over a table stays a note.
    expect(messages).toContain('Unexpected text outside any table: 以上のとおり');
  });

  it('reads a character reference on a line of text as markdown and a bold line do (&amp; prints &), and leaves a bare & as printed', async () => {
    const text = ['Q&amp;A改正案に対する意見募集の結果', '', '【Q&amp;A改正案に関する御意見】', ...tsvTable(1), '**【R&D&notB に関する御意見】**', ...tsvTable(2), '【R&D&notB &#x41;】', ...tsvTable(3)].join('\n');
    const { document } = await convertText(text);
    expect(document?.notice.title).toBe('Q&A改正案に対する意見募集の結果');
    expect(document?.sections.map((s) => s.title)).toEqual(['Q&A改正案に関する御意見', 'R&D&notB に関する御意見', 'R&D&notB A']);
  });

  it('reads a 【…】 row left in the number column of a table (| 【…】 | | |) as a section, but not a number in brackets (【2】)', async () => {
    const text = ['結果', '番号\t御意見の概要\t考え方', '1\t延期すべき。\t承ります。', '【第2章関係】\t\t', '2\t廃止すべき。\t承ります。', '【3】\t\t'].join('\n');
    const { document } = await convertText(text);
    expect(document?.sections.map((s) => [s.id, s.label, s.title])).toEqual([['2', '第2章', '関係']]);
    expect(document?.opinions.map((o) => o.section)).toEqual([null, '2', '2']);
  });

  it('reads a numbered heading a spreadsheet row left alone in the number column (１．総論⇥⇥) as a section, not an empty opinion', async () => {
    const text = ['テスト規則案に対する意見募集の結果\t\t', '番号\t御意見の概要\t考え方', '１．総論\t\t', '1\t延期すべき。\t承ります。', '２．各論\t\t', '2\t廃止すべき。\t承ります。'].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.tsv', new TextEncoder().encode(text));
    expect(document?.sections.map((s) => [s.id, s.title])).toEqual([['1', '総論'], ['2', '各論']]);
    expect(document?.opinions.map((o) => [o.key, o.section, o.response?.text])).toEqual([['1', '1', '承ります。'], ['2', '2', '承ります。']]);
    expect(messages).not.toMatch(/empty-opinion|merged-cell-carried/);
  });

  it('numbers a section from 第１　総則 or 第十二 雑則 (第N and a space), but never from an article (第3条)', async () => {
    const text = ['結果', '', '第１　総則', ...tsvTable(1), '第十二 雑則', ...tsvTable(2), '第3条 定義', ...tsvTable(3)].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.sections.map((s) => [s.id, s.label, s.title])).toEqual([
      ['1', '第１', '総則'],
      ['12', '第十二', '雑則'],
    ]);
    expect(document?.opinions.map((o) => o.section)).toEqual(['1', '12', '12']);
    expect(messages).toContain('Unexpected text outside any table: 第3条 定義');
  });

  it('numbers a heading that prints only its number (## 第2章, 【Ⅲ.】), which has no title; a line of text that does stays a note', async () => {
    const text = ['# テスト案に対する意見募集の結果', '', '## 第1章 総則', ...table(1), '## 第2章', ...table(2), '【Ⅲ.】', ...table(3), '(4)', ...table(4)].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(text));
    expect(document?.sections.map((s) => [s.id, s.label, s.title])).toEqual([
      ['1', '第1章', '総則'],
      ['2', '第2章', ''],
      ['III', 'Ⅲ.', ''],
    ]);
    expect(document?.opinions.map((o) => o.section)).toEqual(['1', '2', 'III', 'III']);
    expect(messages).toContain('Unexpected text outside any table: (4)');
  });

  it('opens the first section with a numbered line of text right over the first table (S1: (1)個人識別符号…), but not with a line that names a part of the notice', async () => {
    const text = ['テスト政令案に関する意見募集の結果', '1 意見募集期間 令和6年4月1日～令和6年4月30日', '3.寄せられた主な御意見及びそれに対する考え方', '(1)個人識別符号(施行令案第1条関係)', '番号\t寄せられた主な御意見\t御意見に対する考え方', '1\t範囲を明確にすべき。\t原案のとおりとします。', '', '(2)要配慮個人情報', '番号\t寄せられた主な御意見\t御意見に対する考え方', '2\t例示を増やすべき。\t承ります。', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.sections.map((s) => [s.id, s.label, s.title])).toEqual([
      ['1', '(1)', '個人識別符号(施行令案第1条関係)'],
      ['2', '(2)', '要配慮個人情報'],
    ]);
    expect(document?.opinions.map((o) => [o.key, o.section])).toEqual([['1', '1'], ['2', '2']]);
    expect(document?.notice).toMatchObject({ title: 'テスト政令案に関する意見募集の結果', period: { start: '2024-04-01', end: '2024-04-30' } });
  });
});

describe('a 件数 column: how many opinions a summary stands for', () => {
  it('reads it into opinionCount beside the cell as printed, in JSON and CSV', async () => {
    const text = ['テスト省令(案)に関する意見募集の結果', '', '番号\t御意見の概要\t件数\t御意見に対する考え方', '1\t基準値を見直すべき。\t3\t御意見を踏まえ、修正します。', '2\t経過措置を設けるべき。\t１２件\t原案のとおりとします。', '3\t説明会を開くべき。\t多数\t参考とします。', ''].join('\n');
    const { document, messages, files } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.opinionCount, o.opinionCountRaw, o.comments[0]?.text])).toEqual([
      ['1', 3, '3', '基準値を見直すべき。'],
      ['2', 12, '１２件', '経過措置を設けるべき。'],
      ['3', null, '多数', '説明会を開くべき。'],
    ]);
    expect(messages).toContain('notice.txt:6:13: info: Unexpected 件数 多数 for opinion 3, expected one number such as 3 or 12件: opinionCount is null [count-unread]');
    expect(messages.match(/\[count-unread\]/g)).toHaveLength(1);
    expect(messages).not.toContain('[unattributed-text]');
    expect(document?.notice.coverage.share).toBe(1);
    expect(files.get('notice.opinions.csv')?.split('\n')[2]).toMatch(/,12,１２件$/);
  });

  it('reads no number from two counts printed for one opinion (a detail row with its own), but keeps both as printed and says so', async () => {
    const text = ['結果', '', '番号\t御意見の概要\t件数\t御意見に対する考え方', '1\t基準値を見直すべき。\t3\t御意見を踏まえ、修正します。', '\t特に第2条。\t2\t', '2\t<p>延期すべき。</p>\t<p>4</p><p>件</p>\t承ります。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(messages).toContain('notice.txt:4:14: info: Unexpected 件数 3 2 for opinion 1, expected one number such as 3 or 12件: opinionCount is null [count-unread]');
    expect(document?.opinions.map((o) => [o.key, o.opinionCount, o.opinionCountRaw])).toEqual([
      ['1', null, '3 2'],
      ['2', 4, '4 件'],
    ]);
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('leaves it null where the table has no such column', async () => {
    const { document } = await convertText(['結果', '', '番号\t御意見の概要\t考え方', '1\t延期すべき。\t承ります。', ''].join('\n'));
    expect(document?.opinions[0]).toMatchObject({ opinionCount: null, opinionCountRaw: null });
  });
});

describe('a row number printed again after a page break', () => {
  it('continues the opinion the break cut, and reports the number', async () => {
    const text = ['結果', '', '番号\t提出された意見\t考え方', '1\t基準値を見直すべき。\t原案のとおりとします。', '2\t<p>経過措置を設けるべき。</p>\t<p>御意見を踏まえ、</p>', '', '2\t<p>理由は次のとおり。</p>\t<p>修正します。</p>', '3\t様式を示すべき。\t承ります。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text, o.source.endLine])).toEqual([
      ['1', ['基準値を見直すべき。'], '原案のとおりとします。', 4],
      ['2', ['経過措置を設けるべき。\n理由は次のとおり。'], '御意見を踏まえ、修正します。', 7],
      ['3', ['様式を示すべき。'], '承ります。', 8],
    ]);
    expect(messages).toContain('notice.txt:7:1: info: Ignored the number 2 printed again on the row that continues its opinion after a page break: 2 [ignored-column]');
    expect(messages).not.toContain('[duplicate-opinion]');
    expect(document?.notice.coverage).toMatchObject({ reported: 1, share: expect.any(Number) });
  });

  it('still reports the same number twice without a page break between, or under another section', async () => {
    const adjacent = await convertText(['結果', '', '番号\t提出された意見\t考え方', '2\t延期すべき。\t承ります。', '2\t廃止すべき。\t承ります。', ''].join('\n'));
    expect(adjacent.messages).toContain('[duplicate-opinion]');
    const sections = await convertText(['結果', '', '【総則】', '番号\t提出された意見\t考え方', '1\t延期すべき。\t承ります。', '', '【手続】', '番号\t提出された意見\t考え方', '1\t廃止すべき。\t承ります。', ''].join('\n'));
    expect(sections.document?.opinions.map((o) => [o.key, o.section, o.comments[0]?.text])).toEqual([
      ['1', expect.any(String), '延期すべき。'],
      ['1', expect.any(String), '廃止すべき。'],
    ]);
  });
});

describe('header rows wrapped onto two lines', () => {
  it('joins a header whose cells a narrow column wrapped (御意見の / 概要, 案の修正 / の有無), column by column', async () => {
    const wrappedWords = ['結果', '', '番号\t御意見の\t御意見に対する総務省の\t案の修正', '\t概要\t考え方\tの有無', '1\t延期すべき。\t原案のとおりとします。\t無', ''].join('\n');
    const { document, messages } = await convertText(wrappedWords);
    expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text, o.revised])).toEqual([['1', '延期すべき。', '原案のとおりとします。', false]]);
    expect(document?.notice.respondent).toBe('総務省');
    expect(document?.notice.coverage).toMatchObject({ reported: 0, share: 1 });
    expect(messages).not.toMatch(/unknown-header|unattributed-text|no-opinion-table/);

    const wrappedFlag = ['結果', '', '番号\t御意見の概要\t考え方\t案の修正', '\t\t\tの有無', '1\t延期すべき。\t原案のとおりとします。\t有', ''].join('\n');
    const flag = await convertText(wrappedFlag);
    expect(flag.document?.opinions.map((o) => [o.key, o.revised])).toEqual([['1', true]]);
    expect(flag.messages).not.toMatch(/unattributed-text/);
  });

  it('reads a two-level header, a merged cell over its sub-headers (御意見 over 該当箇所 | 概要)', async () => {
    const text = ['結果', '', '番号\t御意見\t\t考え方', '\t該当箇所\t概要\t', '1\t第2条\t基準値を見直すべき。\t御意見を踏まえ、修正します。', '2\t第3条\t経過措置を設けるべき。\t原案のとおりとします。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.text, c.place, c.refs.map((r) => r.canonical)]), o.response?.text])).toEqual([
      ['1', [['基準値を見直すべき。', '第2条', ['art.2']]], '御意見を踏まえ、修正します。'],
      ['2', [['経過措置を設けるべき。', '第3条', ['art.3']]], '原案のとおりとします。'],
    ]);
    expect(messages).not.toMatch(/unattributed-text|unknown-header/);
    expect(document?.notice.coverage).toMatchObject({ reported: 0, share: 1 });
  });

  it('reads such a header in HTML, where rowspan cells fill the second row, also printed on one line', async () => {
    const rows = [
      '<tr><th rowspan="2">番号</th><th colspan="2">御意見</th><th rowspan="2">考え方</th></tr>',
      '<tr><th>該当箇所</th><th>概要</th></tr>',
      '<tr><td>1</td><td>第2条</td><td>基準値を見直すべき。</td><td>御意見を踏まえ、修正します。</td></tr>',
    ];
    for (const separator of ['\n', '']) {
      const html = ['<html><body><p>テスト規則(案)に対する意見</p><table>', ...rows, '</table></body></html>', ''].join(separator);
      const { document, messages } = await convertBytes('page', 'page.html', new TextEncoder().encode(html));
      expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.text, c.place]), o.response?.text])).toEqual([['1', [['基準値を見直すべき。', '第2条']], '御意見を踏まえ、修正します。']]);
      expect(messages).not.toMatch(/unknown-header|unattributed-text/);
      expect(document?.notice.coverage.share).toBe(1);
    }
  });

  it('keeps a short data row right above the header printed again as data, not the first half of a wrapped header', async () => {
    const text = ['結果', '', '番号\t提出された意見\t考え方', '1\t賛成です。\t承ります。', '番号\t提出された意見\t考え方', '2\t反対です。\t原案のとおりとします。', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text])).toEqual([
      ['1', '賛成です。', '承ります。'],
      ['2', '反対です。', '原案のとおりとします。'],
    ]);
  });

  it('keeps a short data row under a header, with nothing under its number, as data (同左 under 御意見の概要)', async () => {
    const text = ['結果', '', '番号\t御意見の概要\t考え方', '\t同左\t', '1\t延期すべき。\t原案のとおりとします。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => o.key)).toEqual(['1']);
    // The short row is no header: its text is reported, not swallowed into the header.
    expect(messages).toMatch(/同左/);
  });

  it('continues the opinion a page cut when the header row is printed again at the top of the next page, under a running head', async () => {
    const text = [
      '結果',
      '',
      '番号\t御意見の概要\t御意見に対する考え方',
      '1\t施行日を延期すべきである。理由は次の\t施行日は原案のとおりとしますが、周知',
      '',
      '- 2 -',
      '別紙1',
      '番号\t御意見の概要\t御意見に対する考え方',
      '\tとおり。準備期間が足りない。\tに努めます。',
      '2\t中止すべき。\t御意見として承ります。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text])).toEqual([
      ['1', '施行日を延期すべきである。理由は次のとおり。準備期間が足りない。', '施行日は原案のとおりとしますが、周知に努めます。'],
      ['2', '中止すべき。', '御意見として承ります。'],
    ]);
    expect(messages).not.toContain('[unattributed-text]');
    // The running head belongs to no record: it is reported, not lost.
    expect(messages).toMatch(/notice\.txt:7:1: info: Unexpected text outside any table: 別紙1 \[note-outside-table\]/);
  });

  it('does so for a table per page too, in a pipe table and in an HTML page', async () => {
    const header = ['番号', '御意見の概要', '御意見に対する考え方'];
    const pages = [
      [['1', '施行日を延期すべきである。理由は次の', '施行日は原案のとおりとしますが、周知']],
      [
        ['', 'とおり。準備期間が足りない。', 'に努めます。'],
        ['2', '中止すべき。', '御意見として承ります。'],
      ],
    ];
    const pipe = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const markdown = ['# 結果', '', ...pages.flatMap((rows) => [pipe(header), '|---|---|---|', ...rows.map(pipe), '']), ''].join('\n');
    const cells = (tag: string, row: string[]) => `<tr>${row.map((cell) => `<${tag}>${cell}</${tag}>`).join('')}</tr>`;
    const html = `<html><body><h1>結果</h1>${pages.map((rows) => `<table>${cells('th', header)}${rows.map((row) => cells('td', row)).join('')}</table>`).join('\n<p>- 2 -</p>\n')}</body></html>\n`;
    for (const [name, text] of [['notice.md', markdown], ['notice.html', html]] as const) {
      const { document, messages } = await convertBytes('notice', name, new TextEncoder().encode(text));
      expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text])).toEqual([
        ['1', '施行日を延期すべきである。理由は次のとおり。準備期間が足りない。', '施行日は原案のとおりとしますが、周知に努めます。'],
        ['2', '中止すべき。', '御意見として承ります。'],
      ]);
      expect(messages).not.toContain('[unattributed-text]');
    }
  });

  it('starts afresh after a section heading, even when the same header row follows it', async () => {
    const text = ['結果', '', '番号\t御意見の概要\t考え方', '1\t意見です。\t回答です。', '【第2章】', '番号\t御意見の概要\t考え方', '\t続きの行。\t続き。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => o.comments[0]?.text)).toEqual(['意見です。']);
    expect(messages).toContain('[unattributed-text]');
  });

  it('keeps a short first row of data under a header as data', async () => {
    const { document } = await convertText(['結果', '', '番号\t御意見の概要\t考え方\t修正の有無', '1\t賛成\t承ります\t無', '2\t反対\t承ります\t無', ''].join('\n'));
    expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text])).toEqual([['1', '賛成'], ['2', '反対']]);
  });
});

describe('header rows', () => {
  it('reads a municipal header: 受付番号, 分類 (the place), 修正内容 (a paragraph of the response)', async () => {
    const { document, messages } = await convertText(
      ['テスト計画(案)に対する意見募集の結果', '', '受付番号\t分類\t意見の要旨\t市の考え方\t修正内容', '1\t第3章\t目標値を上げるべき。\t御意見を踏まえ、修正します。\t目標値を20%に改めました。', ''].join('\n'),
    );
    const [opinion] = document?.opinions ?? [];
    expect(opinion?.key).toBe('1');
    expect(opinion?.comments.map((c) => [c.text, c.place, c.refs.map((r) => r.canonical)])).toEqual([['目標値を上げるべき。', '第3章', ['第3章']]]);
    expect(opinion?.response?.text).toBe('御意見を踏まえ、修正します。\n目標値を20%に改めました。');
    expect(opinion?.outcome).toBe('revised');
    expect(messages).not.toContain('[unattributed-text]');
  });

  it('a data row whose long cells mention 提出された意見 and end in 考え方 stays a data row, not a new header', async () => {
    const { document, messages } = await convertText(
      [
        'テスト規則案に対して提出された意見及びその意見に対する総務省の考え方',
        '(意見募集期間:令和3年1月4日～令和3年2月3日)',
        '',
        '番号\t御意見の概要\t考え方',
        '1\t意見1です。\t回答1です。',
        '2\tこの点については、他にも提出された意見の中で繰り返し述べられているとおり、事業者の負担を考慮して段階的に導入すべきであると考えます。\t御意見1に対する回答と同じく、段階的な導入については今後の検討課題とする考え方',
        '3\t意見3です。\t回答3です。',
      ].join('\n'),
    );
    expect(document?.opinions.map((opinion) => [opinion.key, opinion.comments.length])).toEqual([['1', 1], ['2', 1], ['3', 1]]);
    expect(messages).not.toContain('unattributed-text');
  });

  it('reads the submitter from a 氏名・団体名 column, a count from 意見数, and a 質問 ⇥ 回答 table', async () => {
    const { document, messages } = await convertText(
      [
        'テスト指針(案)に対する意見募集の結果',
        '',
        '番号\t氏名・団体名\t御意見の概要\t意見数\t御意見に対する考え方',
        '1\t株式会社A\t第2条の定義を明確にすべき。\t3\t原案のとおりとします。',
        '',
        '番号\t質問\t回答',
        '2\t様式は自由か。【個人】\t御意見として承ります。',
        '',
      ].join('\n'),
    );
    expect(document?.opinions.map((o) => [o.key, o.opinionCount, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', 3, [['株式会社A', '第2条の定義を明確にすべき。']], '原案のとおりとします。'],
      ['2', null, [['個人', '様式は自由か。']], '御意見として承ります。'],
    ]);
    expect(messages).not.toContain('[unattributed-text]');
    expect(messages).not.toContain('[unknown-header]');
  });

  it('reads header cells that a converter left in markdown bold (**番号**⇥**総務省の考え方**)', async () => {
    const { document, messages } = await convertText(
      ['テスト規則案に対する意見募集の結果', '', '**番号**\t**提出された意見**\t**総務省の考え方**\t**修正の有無**', '1\t基準値を見直すべき。\t御意見を踏まえ、修正します。\t有', ''].join('\n'),
    );
    expect(document?.opinions.map((o) => [o.key, o.label, o.comments.map((c) => c.text), o.response?.text, o.revised])).toEqual([['1', '1', ['基準値を見直すべき。'], '御意見を踏まえ、修正します。', true]]);
    expect(document?.notice.respondent).toBe('総務省');
    expect(messages).not.toContain('[unattributed-text]');
    expect(messages).not.toContain('[unnumbered-opinions]');
  });
});

describe('labelled paragraphs instead of a table (FORMATS.md family E)', () => {
  it('reads ご意見：… and 市の考え方：… labels under numbered topic lines, each line a section (the first one too)', async () => {
    const text = [
      'テスト計画(案)に対する意見募集の結果',
      '意見募集期間：令和6年4月1日～令和6年4月30日',
      '',
      '1　計画全般について',
      'ご意見：目標値を上げるべき。',
      '市の考え方：御意見を踏まえ、修正します。',
      '',
      '2　施策について',
      'ご意見：施策を追加すべき。',
      '市の考え方：原案のとおりとします。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.section, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', '1', ['目標値を上げるべき。'], '御意見を踏まえ、修正します。'],
      ['2', '2', ['施策を追加すべき。'], '原案のとおりとします。'],
    ]);
    expect(document?.sections.map((s) => [s.id, s.title])).toEqual([['1', '計画全般について'], ['2', '施策について']]);
    expect(messages).not.toMatch(/warning|error/);
  });

  it('reads a notice of questions and answers (Q1 … A1, Ｑ２, Q.3：, 問4 … 答4) as opinions and their answers', async () => {
    const text = [
      'テスト規則(案)に関する意見募集の結果',
      '意見募集期間：令和6年4月1日～令和6年4月30日',
      '',
      'Q1 第2条の定義が不明確ではないか。（個人）',
      'A1 御指摘を踏まえ、定義を明確化いたします。',
      '',
      'Ｑ２　様式をA4判に限るべきではない。',
      'A3 サイズの図面も認めるべき。',
      '【株式会社テスト】',
      'Ａ２　原案のとおりとします。',
      '',
      'Q.3：定義を明確にすべき。（個人）',
      'A.3：Q1の回答を御参照ください。',
      '',
      '問4 施行日を延期すべき。（個人）',
      '答4 今後の検討の参考とさせていただきます。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.label, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.response?.refersTo, o.outcome])).toEqual([
      ['1', 'Q1', [['個人', '第2条の定義が不明確ではないか。']], '御指摘を踏まえ、定義を明確化いたします。', [], 'revised'],
      // A3 answers no question above it: it is the question's text, not an answer label.
      ['2', 'Ｑ２', [['株式会社テスト', '様式をA4判に限るべきではない。\nA3 サイズの図面も認めるべき。']], '原案のとおりとします。', [], 'unchanged'],
      ['3', 'Q.3', [['個人', '定義を明確にすべき。']], 'Q1の回答を御参照ください。', ['1'], 'revised'],
      ['4', '問4', [['個人', '施行日を延期すべき。']], '今後の検討の参考とさせていただきます。', [], 'noted'],
    ]);
    expect(document?.notice.coverage.share).toBe(1);
    expect(messages).not.toMatch(/warning|error/);
  });

  it('reads A1 as an answer label only where the labels are questions: under 意見N it is the opinion\'s text', async () => {
    const text = ['テスト規則(案)に関する意見募集の結果', '', '意見1：次の様式を認めるべき。', 'A1 サイズの図面', '【個人】', '考え方1：原案のとおりとします。', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([['1', ['次の様式を認めるべき。\nA1 サイズの図面'], '原案のとおりとします。']]);
  });

  it('keys a number column of questions (Q1, 問２) by their numbers', async () => {
    const text = ['テスト規則(案)に関する意見募集の結果', '', '番号\t意見\t回答', 'Q1\t<p>定義を明確にすべき。【個人】</p>\t<p>原案のとおりとします。</p>', '問２\t<p>Q1と同じ。【個人】</p>\t<p>Q1の回答のとおりです。</p>', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.label, o.response?.refersTo])).toEqual([
      ['1', 'Q1', []],
      ['2', '問２', ['1']],
    ]);
  });

  it('reads them from the paragraphs of an HTML page without a table, with positions in the HTML file', async () => {
    const html = [
      '<html><body>',
      '<h2>テスト規則の一部を改正する省令案に対して提出された主な意見の要旨及びこれに対する総務省の考え方</h2>',
      '<p>意見募集期間:令和6年4月10日～令和6年5月9日</p>',
      // A paragraph whose label is on a line of its own inside the <p>.
      '<p>',
      '  ○ 意見1',
      '</p>',
      '<p>報告の頻度を年次に改めるべきである。【個人A】</p>',
      '<p>○ 総務省の考え方1</p>',
      '<p>原案のとおりとします。</p>',
      '<p>○ 意見2 記載例を示してほしい。<br>特に第3条の2について。【株式会社テスト】</p>',
      '<p>○ 総務省の考え方2</p>',
      '<p>御意見を踏まえ、記載例を追加します。</p>',
      '</body></html>',
      '',
    ].join('\n');
    const { document, messages } = await convertBytes('page', 'page.html', new TextEncoder().encode(html));
    expect(messages).not.toContain('[no-opinion-table]');
    expect(document?.opinions.map((o) => [o.key, o.label, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.outcome])).toEqual([
      ['1', '意見1', [['個人A', '報告の頻度を年次に改めるべきである。']], '原案のとおりとします。', 'unchanged'],
      ['2', '意見2', [['株式会社テスト', '記載例を示してほしい。\n特に第3条の2について。']], '御意見を踏まえ、記載例を追加します。', 'revised'],
    ]);
    expect(document?.opinions[0]?.source).toMatchObject({ startLine: 5, startColumn: 5 });
    const second = document?.opinions[1];
    expect(html.slice(second?.source.startOffset, (second?.source.startOffset ?? 0) + 3)).toBe('意見2');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('reads them from a definition list (<dl><dt>意見1</dt><dd>…</dd>) of an old page', async () => {
    const html = [
      '<html><body><h1>テスト規則(案)に対する意見募集の結果</h1>',
      '<dl>',
      '<dt>意見1</dt><dd>第2条の対象を限定すべき。</dd>',
      '<dt>考え方1</dt><dd>御意見を踏まえ、第2条を修正します。</dd>',
      '<dt>意見2</dt>',
      '<dd>施行日を延期すべき。</dd>',
      '<dt>考え方2</dt>',
      '<dd>原案のとおりとします。</dd>',
      '</dl></body></html>',
      '',
    ].join('\n');
    const { document, messages } = await convertBytes('page', 'page.html', new TextEncoder().encode(html));
    expect(messages).not.toContain('[no-opinion-table]');
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text, o.outcome])).toEqual([
      ['1', ['第2条の対象を限定すべき。'], '御意見を踏まえ、第2条を修正します。', 'revised'],
      ['2', ['施行日を延期すべき。'], '原案のとおりとします。', 'unchanged'],
    ]);
    expect(document?.opinions[1]?.comments[0]?.source).toMatchObject({ startLine: 6, startColumn: 5 });
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('reads labels that a converter printed as markdown headings or bold lines (### 意見1, **考え方**), under the markdown sections', async () => {
    const text = [
      '# テスト指針(案)に関する意見募集の結果',
      '',
      '## 第1章 総則',
      '',
      '### 意見1',
      '',
      '指針の目的を明確にすべきである。(個人)',
      '',
      '**考え方**',
      '',
      '御指摘を踏まえ、第1章に目的を追記します。',
      '',
      '## 第2章 手続',
      '',
      '**○ 意見2**',
      '',
      '申請の期限を延ばすべき。',
      '',
      '**○ 総務省の考え方2**',
      '',
      '原案のとおりとします。',
      '',
    ].join('\n');
    const { document, messages } = await convertBytes('guide', 'guide.md', new TextEncoder().encode(text));
    expect(messages).not.toContain('[no-opinion-table]');
    expect(document?.notice.title).toBe('テスト指針(案)に関する意見募集の結果');
    expect(document?.sections.map((s) => [s.id, s.title])).toEqual([['1', '総則'], ['2', '手続']]);
    expect(document?.opinions.map((o) => [o.key, o.label, o.section, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.outcome])).toEqual([
      ['1', '意見1', '1', [['個人', '指針の目的を明確にすべきである。']], '御指摘を踏まえ、第1章に目的を追記します。', 'revised'],
      ['2', '意見2', '2', [[null, '申請の期限を延ばすべき。']], '原案のとおりとします。', 'unchanged'],
    ]);
    // The label's place is its words, past the markdown that printed it.
    expect(document?.opinions[0]?.source).toMatchObject({ startLine: 5, startColumn: 5 });
    expect(document?.opinions[1]?.source).toMatchObject({ startLine: 15, startColumn: 5 });
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('reads ○ 意見N … ○ 総務省の考え方N into opinions with their submitters, answers and cross-references (labelled-paragraphs)', async () => {
    const { document, messages } = await convertFixture('labelled-paragraphs');
    expect(messages).not.toContain('[no-opinion-table]');
    expect(document?.notice).toMatchObject({ respondent: '総務省', submitterCount: 3, period: { start: '2024-04-10', end: '2024-05-09' } });
    expect(document?.opinions.map((o) => [o.label, o.key, o.comments.map((c) => c.submitter), o.outcome])).toEqual([
      ['意見1', '1', ['個人A'], 'unchanged'],
      ['意見2', '2', ['個人B'], 'revised'],
      ['意見3', '3', ['個人C'], 'revised'],
    ]);
    const [first, second, third] = document?.opinions ?? [];
    // The words beside the label stay in the opinion; the label line of the answer is structure.
    expect(first?.comments[0]?.text).toBe('(本文は別添の p.1∼7)\n通信量の報告の頻度を四半期ごとから年次に改めるべきである。\n報告に係る事業者の負担が大きい。');
    expect(first?.response?.text).toBe('報告の頻度は、市場の動向を適時に把握するため、原案のとおり四半期ごととすることが適当と考えます。');
    expect(second?.comments[0]?.refs.map((r) => r.canonical)).toContain('III.3.1.3');
    expect(third?.response?.refersTo).toEqual(['2']);
    // Each opinion's span runs from its label to the end of its answer, and the answer's span holds its text only.
    expect(first?.source).toMatchObject({ startLine: 8, startColumn: 3, endLine: 14 });
    expect(first?.response?.source).toMatchObject({ startLine: 14, startColumn: 1, endLine: 14 });
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('pairs answers printed after all the opinions by their number, and reports a number that names no opinion (labelled-answers)', async () => {
    const { document, messages } = await convertFixture('labelled-answers');
    expect(document?.sections.map((s) => s.title)).toEqual(['処分地の選定について', 'その他']);
    expect(document?.opinions.map((o) => [o.label, o.section, o.comments[0]?.text, o.response?.text])).toEqual([
      ['意見番号:1', '1', '処分地の選定過程を公開すべきである。', '選定の過程は、報告書のとおり公開することとしています。'],
      ['意見番号:2', '1', '地元の理解を得る手続を明記すべき。', '御指摘を踏まえ、第3章に追記しました。'],
      ['意見番号:3', '2', '研究開発の予算を示すべき。', '予算は別途示します。'],
      ['意見番号:4', '2', 'スケジュールを明示すべき。', 'スケジュールは今後検討します。'],
    ]);
    expect(document?.opinions.map((o) => o.key)).toEqual(['1', '2', '3', '4']);
    // 意見番号:3's answer is printed below 意見番号:4: each opinion's span stays its own.
    expect(document?.opinions.map((o) => [o.source.startLine, o.source.endLine])).toEqual([[8, 11], [13, 14], [18, 19], [21, 22]]);
    expect(messages).toContain('input.txt:26:1: warning: Unexpected answer label "[回答5]" whose number names no opinion, expected 意見5 before it: its text is the answer to the opinion just above (line 21) [label-unmatched]');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('pairs a column-major notice (all opinions, a 考え方 line, then all answers) by the numbers of its labels', async () => {
    const text = ['別紙4 主な意見の要旨と考え方(個人)', '', '○ 意見1', '年次とすべき。', '', '○ 意見2', '様式を簡素化してほしい。', '', '考え方', '', '○ 総務省の考え方1', '原案のとおりとします。', '', '○ 総務省の考え方2', '御意見を踏まえ、様式を修正します。', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text, o.outcome, o.source.startLine, o.source.endLine])).toEqual([
      ['1', '年次とすべき。', '原案のとおりとします。', 'unchanged', 3, 4],
      ['2', '様式を簡素化してほしい。', '御意見を踏まえ、様式を修正します。', 'revised', 6, 7],
    ]);
  });

  it('reads bracketed labels, with the words after the bracket on the same line or below', async () => {
    const { document } = await convertText('結果\n\n【意見1】\n年次とすべき。\n【総務省の考え方1】\n原案のとおりとします。\n［意見2］延期すべき。\n［考え方2］御意見として承ります。\n');
    expect(document?.opinions.map((o) => [o.label, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['意見1', ['年次とすべき。'], '原案のとおりとします。'],
      ['意見2', ['延期すべき。'], '御意見として承ります。'],
    ]);
    expect(document?.notice.respondent).toBe('総務省');
  });

  it('takes a number printed alone over a label without one (No.1 over 【意見】) for the opinion\'s number', async () => {
    const text = ['テスト計画(案)に対する意見募集の結果', '', 'No.1', '【意見】計画の目標を示すべき。', '【回答】御意見を踏まえ、追記します。', '', 'No.3', '【意見】保育所を増やすべき。', '【回答】No.1の回答を参照。', '4.', '【意見】公園を増やすべき。', '【回答】参考とします。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.label, o.source.startLine, o.comments.map((c) => c.text), o.response?.text, o.response?.refersTo])).toEqual([
      ['1', 'No.1', 3, ['計画の目標を示すべき。'], '御意見を踏まえ、追記します。', []],
      ['3', 'No.3', 7, ['保育所を増やすべき。'], 'No.1の回答を参照。', ['1']],
      ['4', '4.', 10, ['公園を増やすべき。'], '参考とします。', []],
    ]);
    expect(messages).not.toMatch(/note-outside-table|unnumbered-opinions/);
    expect(document?.notice.coverage.share).toBe(1);

    // Right under a heading too.
    const other = await convertText(['結果', '', 'No.1', '【意見】目標を示すべき。', '【回答】追記します。', '', '【各論】', 'No.2', '【意見】延期すべき。', '【回答】原案のとおりとします。', ''].join('\n'));
    expect(other.document?.opinions.map((o) => [o.key, o.label, o.comments[0]?.text])).toEqual([
      ['1', 'No.1', '目標を示すべき。'],
      ['2', 'No.2', '延期すべき。'],
    ]);
  });

  it('reads labels in angle brackets or parentheses (＜意見１＞ … ＜市の考え方＞, （ご意見） … （市の考え方）)', async () => {
    const angle = await convertText('結果\n\n＜意見１＞\n目標を示すべき。\n＜市の考え方＞\n御意見を踏まえ、追記します。\n\n＜意見２＞\n保育所を増やすべき。\n＜市の考え方＞\n原案のとおりとします。\n');
    expect(angle.document?.opinions.map((o) => [o.key, o.label, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', '意見１', ['目標を示すべき。'], '御意見を踏まえ、追記します。'],
      ['2', '意見２', ['保育所を増やすべき。'], '原案のとおりとします。'],
    ]);
    expect(angle.document?.notice.respondent).toBe('市');
    const round = await convertText('結果\n\n（ご意見）\n目標を示すべき。\n（市の考え方）\n御意見を踏まえ、追記します。\n\n（ご意見）\n保育所を増やすべき。\n（市の考え方）\n原案のとおりとします。\n');
    expect(round.document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', ['目標を示すべき。'], '御意見を踏まえ、追記します。'],
      ['2', ['保育所を増やすべき。'], '原案のとおりとします。'],
    ]);
    // A cross-reference in parentheses opens no opinion.
    const reference = await convertText('結果\n\n(意見1と同旨)\n目標を示すべき。\n');
    expect(reference.document?.opinions).toEqual([]);
  });

  it('reads headings without numbers ([お寄せいただいた意見] … [市の検討結果と理由], S29) as opinions keyed by place; a short line over the next one is a note', async () => {
    const text = ['第2次総合計画(案)に対する意見募集の結果', '', '項目 1 計画全体', '[お寄せいただいた意見]', '計画の目標を数値で示すべき。', '[市の検討結果と理由]', '御意見を踏まえ、目標値を追記します。', '', '項目 2 子育て支援', '[お寄せいただいた意見]', '保育所を増やすべき。', '[市の検討結果と理由]', '原案のとおり', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.label, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', '', ['計画の目標を数値で示すべき。'], '御意見を踏まえ、目標値を追記します。'],
      ['2', '', ['保育所を増やすべき。'], '原案のとおり'],
    ]);
    expect(messages).toContain('notice.txt:9:1: info: Unexpected text outside any table: 項目 2 子育て支援 [note-outside-table]');
    expect(messages).toContain('[unnumbered-opinions]');
  });

  it('keeps a submitter mark printed after a blank line with its opinion, though a label follows', async () => {
    const { document } = await convertText('結果\n\n○ 意見1\n延期すべき。\n\n【個人A】\n○ 意見2\n様式を改めるべき。【個人B】\n○ 総務省の考え方2\n原案のとおりとします。\n');
    expect(document?.sections).toEqual([]);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text])])).toEqual([
      ['1', [['個人A', '延期すべき。']]],
      ['2', [['個人B', '様式を改めるべき。']]],
    ]);
  });

  it('leaves notices alone that have a table, or labels and no answer label', async () => {
    const noAnswer = await convertText('結果\n\n○ 意見1\n年次とすべき。\n');
    expect(noAnswer.messages).toContain('[no-opinion-table]');
    // A TAB-row table whose cells open with 意見N is still a table, not labelled paragraphs.
    const table = await convertText('結果\n\n提出された意見\t総務省の考え方\n意見1 年次とすべき。\t原案のとおりとします。\n○ 総務省の考え方\n');
    expect(table.document?.opinions.map((o) => [o.label, o.response?.text])).toEqual([['意見1', '原案のとおりとします。']]);
  });

  it('reads a line nested too deeply as plain text, as it reads such a TAB cell (cell-too-deep)', async () => {
    const deep = `${'<b>'.repeat(600)}年次とすべき。${'</b>'.repeat(600)}`;
    const { document, messages } = await convertText(`結果\n\n○ 意見1\n${deep}\n○ 考え方1\n原案のとおりとします。\n`);
    expect(messages).toContain('notice.txt:4:1: warning: Unexpected HTML nested too deeply to convert');
    expect(document?.opinions[0]?.comments[0]?.text).toBe('年次とすべき。');
  });

  it('takes a title that speaks of 意見 and 考え方 for no answer label', async () => {
    const { document } = await convertText('提出された意見及びその意見に対する総務省の考え方\n\n○ 意見1\n年次とすべき。\n提出された意見及びその意見に対する総務省の考え方\n○ 総務省の考え方1\n原案のとおりとします。\n');
    expect(document?.opinions.map((o) => [o.comments.map((c) => c.text), o.response?.text])).toEqual([
      [['年次とすべき。\n提出された意見及びその意見に対する総務省の考え方'], '原案のとおりとします。'],
    ]);
  });
});

describe('opinions listed by number under categories (FORMATS.md family F, S24)', () => {
  const lines = [
    '(1)意見の趣旨を踏まえて本報告書案に反映すべき意見(5件)',
    '意見番号: 81, 36, 82,',
    '115, 9',
    '',
    '(2)既に本報告書案に盛り込まれていると考えられる意見(2件)',
    '意見番号：１、２',
    '',
    '※ 意見番号は、別添の意見一覧の番号です。',
    '',
    '(3)今後の検討課題とすべき意見(1件)',
    '意見番号: 5',
  ];
  const expected = [
    ['81', '1', 'revised'],
    ['36', '1', 'revised'],
    ['82', '1', 'revised'],
    ['115', '1', 'revised'],
    ['9', '1', 'revised'],
    ['1', '2', 'unchanged'],
    ['2', '2', 'unchanged'],
    ['5', '3', 'noted'],
  ];
  const rows = (document: Awaited<ReturnType<typeof convertText>>['document']) => document?.opinions.map((opinion) => [opinion.key, opinion.section, opinion.outcome]);

  it('reads each number as an opinion without words, in a section named by its category, with the outcome the category states (category-lists)', async () => {
    const text = ['情報通信政策に関する報告書案に対する意見募集の結果について', '', '意見募集期間：平成9年4月1日～平成9年4月30日', '提出意見数：150件', '', ...lines, ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(rows(document)).toEqual(expected);
    expect(document?.sections.map((section) => [section.id, section.title])).toEqual([
      ['1', '意見の趣旨を踏まえて本報告書案に反映すべき意見(5件)'],
      ['2', '既に本報告書案に盛り込まれていると考えられる意見(2件)'],
      ['3', '今後の検討課題とすべき意見(1件)'],
    ]);
    expect(document?.opinions[0]).toMatchObject({ label: '81', summary: null, comments: [], response: null, source: { startLine: 7, startColumn: 7, endColumn: 9 } });
    // The number of the wrapped line, where it is printed.
    expect(document?.opinions[3]?.source).toMatchObject({ startLine: 8, startColumn: 1, endColumn: 4 });
    expect(document?.notice).toMatchObject({ period: { start: '1997-04-01', end: '1997-04-30' }, submitterCount: 150 });
    // A line over no list of numbers names no category: here a note.
    expect(document?.notice.notes).toEqual([{ text: '※ 意見番号は、別添の意見一覧の番号です。', line: 13 }]);
    expect(messages).toContain('notice.txt:6:1: info: Unexpected opinions listed by number under categories (意見番号: 81, 36, …; FORMATS.md family F), expected a table');
    expect(messages).not.toMatch(/error|warning|empty-opinion|missing-response|unanswered-opinions/);
  });

  it('reads the same lists from an HTML page and from markdown, and warns where a category lists another number of opinions than it states', async () => {
    const html = ['<html><body>', '<h2>意見募集の結果</h2>', ...lines.map((line) => `<p>${line}</p>`), '</body></html>', ''].join('\n');
    const { document } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(rows(document)).toEqual(expected);
    // Markdown: the categories as headings, each list a bullet.
    const markdown = ['# 意見募集の結果', '', ...lines.map((line) => (line.startsWith('(') ? `## ${line}` : line.startsWith('意見番号') ? `- ${line}` : line)), ''].join('\n');
    const md = await convertBytes('notice', 'notice.md', new TextEncoder().encode(markdown));
    expect(rows(md.document)).toEqual(expected);

    const short = await convertText(['意見募集の結果', '', ...lines.map((line) => line.replace('(2件)', '(3件)')), ''].join('\n'));
    expect(short.messages).toContain('notice.txt:7:1: warning: Unexpected 2 opinion numbers listed under 「(2)既に本報告書案に盛り込まれていると考えられる意見(3件)」, expected 3 as it states: check the 意見番号 lines under it [category-count-mismatch]');
  });

  it('leaves a lone 意見番号:1 under a sentence alone: it labels an opinion, not a category', async () => {
    const { document, messages } = await convertText(['意見募集の結果', '', '施行日を延期すべき。', '意見番号:1', ''].join('\n'));
    expect(document?.opinions).toEqual([]);
    expect(messages).not.toContain('[category-lists]');
  });

  it('reads a refusing category as unchanged, though it names 反映', () => {
    expect(['反映しない意見', '反映することが困難な意見', '修正を行った意見', '参考とする意見', 'その他の意見'].map(categoryOutcome)).toEqual(['unchanged', 'unchanged', 'revised', 'noted', 'unknown']);
  });
});

describe('prose grouped by topic (FORMATS.md family D, S19)', () => {
  const lines = [
    '1.制度の対象に関するご意見',
    ' 利用事業者の対象を、地方公共団体、大学、個人等に拡大してほしい。',
    '(オホーツク21世紀を考える会、(株)電算、個人(3名))',
    ' 今回の制度は、当面利用予定のないものを開放するものです。',
    ' 対象の拡大は、今後の検討課題とさせていただきます。',
    ' 開放区間を公表してほしい。',
    '(個人(2名))',
    ' 開放区間は、ホームページで公表します。',
    '2.利用料金に関するご意見',
    ' 利用料金を低廉にしてほしい。',
    '(株式会社テスト通信)',
    ' 利用料金は、実費を基本として算定することとしています。',
  ];
  const expected = [
    ['1', '1', '利用事業者の対象を、地方公共団体、大学、個人等に拡大してほしい。', 'オホーツク21世紀を考える会、(株)電算、個人(3名)', '今回の制度は、当面利用予定のないものを開放するものです。\n対象の拡大は、今後の検討課題とさせていただきます。'],
    ['2', '1', '開放区間を公表してほしい。', '個人(2名)', '開放区間は、ホームページで公表します。'],
    ['3', '2', '利用料金を低廉にしてほしい。', '株式会社テスト通信', '利用料金は、実費を基本として算定することとしています。'],
  ];
  const rows = (document: Awaited<ReturnType<typeof convertText>>['document']) =>
    document?.opinions.map((opinion) => [opinion.key, opinion.section, opinion.comments[0]?.text, opinion.comments[0]?.submitter, opinion.response?.text]);

  it('reads each opinion, its submitter list and its answer under the topic lines, and says how it split them (prose-opinions)', async () => {
    const text = ['光ファイバーの開放に関する意見募集の結果について', '', 'お寄せいただいたご意見及びご意見に対する国土交通省の考え方', '', '○今回の制度の趣旨', ' 今回の制度は、有効利用を図るための措置です。', '', ...lines, ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(rows(document)).toEqual(expected);
    expect(document?.sections.map((section) => [section.id, section.title])).toEqual([['1', '制度の対象に関するご意見'], ['2', '利用料金に関するご意見']]);
    expect(document?.notice).toMatchObject({ title: '光ファイバーの開放に関する意見募集の結果について', respondent: '国土交通省' });
    expect(document?.opinions[0]?.source).toMatchObject({ startLine: 9, endLine: 12 });
    expect(document?.notice.coverage.share).toBe(1);
    expect(messages).toContain('notice.txt:8:1: info: Unexpected opinions printed as prose under topic lines (FORMATS.md family D), expected a table');
    expect(messages).not.toMatch(/no-opinion-table|note-outside-table|accounting-mismatch/);
  });

  it('reads the same paragraphs in an HTML page, with positions in the HTML file', async () => {
    const html = ['<html><body>', '<h2>お寄せいただいたご意見及びご意見に対する国土交通省の考え方</h2>', ...lines.map((line) => `<p>${line}</p>`), '</body></html>', ''].join('\n');
    const { document } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(rows(document)).toEqual(expected);
    expect(document?.opinions[2]?.response?.source).toMatchObject({ startLine: 14, endLine: 14 });
  });

  it('reads them, and labelled paragraphs, from a page that prints them in one <p> with <br> between the lines', async () => {
    const prose = ['<html><body>', '<h2>お寄せいただいたご意見及びご意見に対する国土交通省の考え方</h2>', `<p>${lines.join('<br>\n')}</p>`, '</body></html>', ''].join('\n');
    const { document } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(prose));
    expect(rows(document)).toEqual(expected);
    expect(document?.opinions[1]?.comments[0]?.source).toMatchObject({ startLine: 8, endLine: 9 });

    const labelled = ['<html><body>', '<h2>意見募集の結果</h2>', '<p>○ 意見1<br>\n施行日を延期すべき。<br>\n○ 総務省の考え方1<br>\n原案のとおりとします。</p>', '</body></html>', ''].join('\n');
    const other = await convertBytes('notice', 'notice.html', new TextEncoder().encode(labelled));
    expect(other.document?.opinions.map((o) => [o.key, o.comments[0]?.text, o.response?.text])).toEqual([['1', '施行日を延期すべき。', '原案のとおりとします。']]);
  });

  it('takes topic lines that a converter printed as markdown headings (## 1.…に関するご意見)', async () => {
    const markdown = ['# 光ファイバーの開放に関する意見募集の結果について', '', ...lines.map((line) => (/^[12]\./.test(line) ? `## ${line}` : line)), ''].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(markdown));
    expect(messages).toContain('[prose-opinions]');
    expect(rows(document)).toEqual(expected);
    expect(document?.sections.map((section) => [section.id, section.title])).toEqual([['1', '制度の対象に関するご意見'], ['2', '利用料金に関するご意見']]);
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('takes a bracketed or bulleted topic line too (【…に関するご意見】, ■…に関する御意見)', async () => {
    const topics = lines.map((line) => line.replace('1.制度の対象に関するご意見', '【制度の対象に関するご意見】').replace('2.利用料金に関するご意見', '■利用料金に関するご意見'));
    const { document } = await convertText(['結果', '', ...topics, ''].join('\n'));
    expect(rows(document)?.map(([key, , ...rest]) => [key, ...rest])).toEqual(expected.map(([key, , ...rest]) => [key, ...rest]));
    expect(document?.sections.map((section) => section.title)).toEqual(['制度の対象に関するご意見', '■利用料金に関するご意見']);
  });

  it('leaves a notice alone whose numbered lines head no submitter list', async () => {
    const { document, messages } = await convertText(['結果について', '', '1.制度の対象に関するご意見', '対象を拡大してほしい。', '今後の検討課題とします。', ''].join('\n'));
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain('[no-opinion-table]');
    expect(messages).not.toContain('[prose-opinions]');
  });
});

describe('tables without labels (FORMATS.md family B without a number column)', () => {
  it('makes each row that prints an opinion one, keyed by its place, and keeps answer-only and page-cut rows with the opinion above (unnumbered-rows)', async () => {
    const { document, messages } = await convertFixture('unnumbered-rows');
    expect(document?.notice).toMatchObject({ subject: '「金融商品取引業等に関する内閣府令の一部を改正する内閣府令(案)」', submitterCount: 4 });
    expect(document?.opinions.map((o) => [o.id, o.key, o.number, o.label, o.topic, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['op-1', '1', 1, '', '●第1条関係', [['全国銀行協会', '施行日を1年延期すべき。']], '原案のとおりとします。'],
      ['op-2', '2', 2, '', '●第1条関係', [['個人', '経過措置の対象に既存の契約を含めるべき。']], '御意見を踏まえ、経過措置の対象に既存の契約を含めることとします。'],
      ['op-3', '3', 3, '', '●第1条関係', [['日本証券業協会', '説明書面の電子交付を認める範囲を、明確化していただきたい。']], '貴見のとおりで差し支えありません。'],
      ['op-4', '4', 4, '', '●第1条関係', [['個人', '手数料の上限を定めるべき。']], '御意見として承ります。'],
    ]);
    expect(messages).toContain('input.txt:7:1: info: Unexpected opinion table without a number column or 意見N labels');
    expect(messages).not.toContain('[unattributed-text]');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('still reads a table whose opinion cells carry 意見N labels further down as a labelled one (detail rows stay in their opinion)', async () => {
    const { document, messages } = await convertText('結果\n\n提出された意見\t総務省の考え方\n<p>前文の修正を求める。</p>\t<p>原案のとおりとします。</p>\n<p>意見1 年次とすべき。</p>\t<p>原案のとおりとします。</p>\n<p>詳細な理由は次のとおり。</p>\t\n');
    expect(document?.opinions.map((o) => [o.key, o.label, o.summary, o.comments.map((c) => c.text)])).toEqual([['1', '意見1', '年次とすべき。', ['詳細な理由は次のとおり。']]]);
    expect(messages).toContain('[unattributed-text]');
    expect(messages).not.toContain('[unnumbered-opinions]');
  });
});

describe('opinions without answers after the table (FORMATS.md S23, hard case 18)', () => {
  it('makes each bullet under その他の主な御意見 an opinion with no response, keyed after the numbered ones, in a section of its heading (closing-list)', async () => {
    const { document, messages } = await convertFixture('closing-list');
    expect(document?.sections.map((s) => [s.id, s.title])).toEqual([['sec-1', 'その他の主な御意見']]);
    expect(document?.opinions.map((o) => [o.key, o.label, o.section, o.comments.map((c) => c.text), o.response?.text ?? null, o.revised, o.outcome])).toEqual([
      ['1', '1', null, ['‣ 基準地震動を見直すべき。\n‣ 地震動の評価が過小である。'], '基準地震動については、審査において確認しています。', null, 'unknown'],
      ['2', '2', null, ['‣ 火山の影響評価が不十分である。'], '御意見を踏まえ、審査書の記載を修正します。', null, 'revised'],
      ['3', '', 'sec-1', ['‣ 避難計画の実効性を確認すべき。'], null, null, 'unknown'],
      // A line without a bullet continues the item above, joined with nothing inserted.
      ['4', '', 'sec-1', ['‣ 審査の進め方について、住民への説明会を各地で開催すべき。'], null, null, 'unknown'],
      ['5', '', 'sec-1', ['・運転期間の延長に反対する。'], null, null, 'unknown'],
    ]);
    expect(document?.opinions.map((o) => [o.source.startLine, o.source.endLine])).toEqual([[9, 9], [10, 10], [14, 14], [15, 16], [17, 17]]);
    expect(messages).toContain('input.md:12:1: info: Unexpected list of opinions without answers under "## その他の主な御意見"');
    expect(messages).not.toContain('[missing-response]');
    // After a blank line, text without a bullet ends the list: it stays a note.
    expect(messages).toContain('input.md:19:1: info: Unexpected text outside any table: 上記のほか');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('reads a table without a response column (family H: opinions published before their answers) with one info, not a warning per opinion', async () => {
    const { document, messages } = await convertText('別紙1 団体からお寄せいただいた御意見\n\n番号\t提出者\t御意見\n1\t株式会社テスト\t<p>施行日を延期すべき。</p>\n2\t一般社団法人テスト協会\t<p>様式を簡素化すべき。</p>\n');
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response])).toEqual([
      ['1', [['株式会社テスト', '施行日を延期すべき。']], null],
      ['2', [['一般社団法人テスト協会', '様式を簡素化すべき。']], null],
    ]);
    expect(messages).toContain('notice.txt:3:1: info: Unexpected opinion table without a response column, expected one such as …の考え方: its opinions have no response [unanswered-opinions]');
    expect(messages).not.toContain('[missing-response]');
  });

  it('reads such a list after TAB rows too, and still warns of a table row without a response', async () => {
    const { document, messages } = await convertText('結果\n\n提出された意見\t総務省の考え方\n<p>意見1 年次とすべき。</p>\t\n\n【その他の御意見】\n・様式を簡素化すべき。\n');
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response])).toEqual([
      ['1', [], null],
      ['2', ['・様式を簡素化すべき。'], null],
    ]);
    expect(messages.match(/\[missing-response\]/g)).toHaveLength(1);
  });

  it.each([
    ['before any table', 'その他の主な御意見\n\n・様式を簡素化すべき。\n\n提出された意見\t総務省の考え方\n<p>意見1 年次とすべき。</p>\t<p>原案のとおりとします。</p>\n'],
    ['without a bullet below it', '結果\n\n提出された意見\t総務省の考え方\n<p>意見1 年次とすべき。</p>\t<p>原案のとおりとします。</p>\nその他の主な御意見\n様式を簡素化すべき。\n'],
  ])('takes no such list %s', async (_, text) => {
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => o.key)).toEqual(['1']);
    expect(messages).not.toContain('[unanswered-opinions]');
  });
});

describe('fixed-width text-art tables (FORMATS.md family J)', () => {
  it('rebuilds each cell from its pieces before joining: hard-wrapped text and a split code come back whole (text-art-table)', async () => {
    const { document, messages } = await convertFixture('text-art-table');
    expect(messages).not.toContain('[no-opinion-table]');
    // The row number printed at the start of every column (S10) is the opinion's label, once.
    expect(document?.opinions.map((o) => [o.label, o.topic, o.comments.map((c) => [c.kind, c.submitter, c.text]), o.response?.text, o.outcome])).toEqual([
      ['1', '項目 網使用料', [['comment', 'JT', '本接続約款案の全体に流れる考え方を明確にすべき。'], ['re-opinion', 'NTT', '当社の責務のうち、原案の記載で十分と考える。']], 'NTTが接続事業者として負う責務は、原案のとおりとします。', 'unchanged'],
      ['2', '項目 網使用料', [['comment', 'OMP', '網使用料の算定根拠を示すべき。'], ['re-opinion', 'NTT', '算定根拠は別途公表する予定である。']], '算定根拠の公表については、御意見を踏まえ追記します。', 'revised'],
    ]);
    expect(messages).toContain("input.txt:10:14: info: Unexpected row number printed again at the start of every column (1 当社の責務のうち、原案の記載で十分と考える。), expected it once: it was read as the opinion's number and taken out of the other columns' text (4 copies) [row-number-repeated]");
    // The NTT再意見(要旨) column names who wrote its re-opinions; nothing in their cells does, so submitterRaw stays null.
    expect(document?.opinions[0]?.comments[1]?.submitterRaw).toBeNull();
    expect(document?.notice.submitters.map((s) => s.name)).toEqual(['JT', 'NTT', 'OMP']);
    expect(document?.opinions.map((o) => [o.source.startLine, o.source.endLine])).toEqual([[10, 12], [14, 16]]);
    // The four copies are in the diagnostic, not in any record: every character is still accounted for.
    expect(document?.notice.coverage).toMatchObject({ characters: 154, attributed: 150, reported: 4 });
  });

  it('takes a row number out of the columns only when every column of the row starts with it', async () => {
    const rows = ['1 施行日を延期すべき。\t1 原案のとおりとします。', '2 対象を広げるべき。\t3 御意見として承ります。', '3 様式を改めるべき。\t御意見として承ります。'];
    const { document, messages } = await convertText(['結果', '', '御意見の概要\t考え方', ...rows, ''].join('\n'));
    expect(document?.opinions.map((o) => [o.label, o.comments[0]?.text, o.response?.text])).toEqual([
      ['1', '施行日を延期すべき。', '原案のとおりとします。'],
      // Different numbers, or one column without: the numbers stay in the text, and the row is keyed by its place.
      ['', '2 対象を広げるべき。', '3 御意見として承ります。'],
      ['', '3 様式を改めるべき。', '御意見として承ります。'],
    ]);
    expect(messages.match(/\[row-number-repeated\]/g)).toHaveLength(1);
  });

  it('starts a row at each filled first cell when no border separates the rows', async () => {
    const text = [
      'テスト規則案に対する意見募集の結果',
      '',
      '+----+--------------------+----------------+',
      '|番号|御意見の概要        |考え方          |',
      '+----+--------------------+----------------+',
      '|1   |施行日を延期すべき。|原案のとおりとし|',
      '|    |(全国銀行協会)      |ます。          |',
      '|2   |様式を簡素化すべき。|御意見として承り|',
      '|    |                    |ます。          |',
      '+----+--------------------+----------------+',
      '',
    ].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.label, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [['全国銀行協会', '施行日を延期すべき。']], '原案のとおりとします。'],
      ['2', [[null, '様式を簡素化すべき。']], '御意見として承ります。'],
    ]);
  });

  it('reads such a table inside the <pre> of an old HTML page as the text one, with positions in the HTML file', async () => {
    const lines = readFileSync(new URL('./fixtures/text-art-table/input.txt', import.meta.url), 'utf8').split('\n');
    const html = ['<html><body>', `<h1>${lines[0]}</h1>`, `<p>${lines[2]}</p>`, '<pre>', ...lines.slice(4).filter((line) => line.trim() !== ''), '</pre>', '</body></html>', ''].join('\n');
    const [text, page] = [await convertFixture('text-art-table'), await convertBytes('page', 'page.html', new TextEncoder().encode(html))];
    const records = (converted: typeof text) => converted.document?.opinions.map((o) => [o.key, o.topic, o.comments.map((c) => [c.kind, c.submitter, c.text]), o.response?.text]);
    expect(records(page)).toEqual(records(text));
    expect(page.document?.notice.period?.start).toBe('1998-01-12');
    const first = page.document?.opinions[0];
    expect(html.split('\n')[(first?.source.startLine ?? 0) - 1]).toMatch(/^\|1 本接続約款案の全体/);
    expect(html.slice(first?.source.startOffset, (first?.source.startOffset ?? 0) + 10)).toBe('|1 本接続約款案の');
    expect(page.document?.notice.coverage).toEqual(text.document?.notice.coverage);
  });

  it('reads a lone border line as a separator between rows, neither a table nor a note', async () => {
    const { document, messages } = await convertText('結果\n\n提出された意見\t総務省の考え方\n意見1 年次とすべき。\t原案のとおりとします。\n+-----+-----+\n意見2 延期すべき。\t御意見として承ります。\n');
    expect(document?.opinions.map((o) => o.key)).toEqual(['1', '2']);
    expect(messages).not.toContain('[note-outside-table]');
  });
});

describe('tables as pandoc writes a Word table in markdown', () => {
  it('reads a multiline table by where its column rule starts each column: a cell left blank keeps the cells after it, a section row, no warning for the split (pandoc-multiline)', async () => {
    const { document, messages } = await convertFixture('pandoc-multiline');
    expect(document?.opinions.map((o) => [o.key, o.section, o.comments.map((c) => [c.submitter, c.text]), o.response?.text ?? null, o.revisedRaw])).toEqual([
      ['1', 'sec-1', [['株式会社A通信', '本改正案に賛成します。電波の有効利用に資するものと考えます。']], '本案に対する賛同の御意見として承ります。', '無'],
      // Its response cell is blank: before the column rule was read, the row went out as a note.
      ['2', 'sec-1', [['個人', '第5条の規定について、事業者の負担が過大とならないよう配慮すべきである。']], null, '無'],
      ['3', 'sec-2', [['一般社団法人B協会', '図1の記載が分かりにくいため、修正すべきである。']], '御意見を踏まえ、図1を修正します。', '有'],
      ['4', 'sec-2', [['C株式会社', '第3条第2項の「相当の期間」を明確にすべきである。']], '意見3に対する考え方のとおりです。', null],
    ]);
    expect(document?.sections.map((s) => s.title)).toEqual(['総論', '第3条関係']);
    expect(messages.trim().split('\n')).toEqual(['input.md:20:1: warning: Unexpected opinion 2 without a response, expected text in the response column [missing-response]']);
  });

  it("reads a grid table's blank line inside a cell as the end of a paragraph, and a section printed in the first cell (pandoc-grid)", async () => {
    const { document, messages } = await convertFixture('pandoc-grid');
    expect(document?.opinions.map((o) => [o.key, o.section, o.comments.map((c) => [c.submitter, c.text]), o.revisedRaw])).toEqual([
      ['1', 'sec-1', [['株式会社A通信', '本改正案に賛成します。\n利用者保護の観点から、早期の施行を希望します。']], '無'],
      ['2', 'sec-1', [['一般社団法人B協会', '第3条第2項の「相当の期間」の意味が不明確です。\n具体的な日数を示すべきです。']], '有'],
      ['3', 'sec-1', [['C株式会社', '意見1と同じ。']], '無'],
    ]);
    expect(document?.opinions[2]?.response?.refersTo).toEqual(['1']);
    expect(messages).toBe('');
  });

  it('reads a grid table with merged cells as pandoc 3 writes them: a number over two comments, an answer shared by two opinions, section rows across the table (pandoc-merged-cells)', async () => {
    // python-docx merged the cells of a Word table (the fixture's make-input.py); pandoc 3.10 (`pandoc -f docx -t markdown`) wrote it.
    const { document, messages } = await convertFixture('pandoc-merged-cells');
    expect(document?.opinions.map((o) => [o.key, o.section, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.revisedRaw, o.response?.sharedWith])).toEqual([
      ['1', 'sec-1', [['A自動車株式会社', '本改正案に賛成します。'], ['個人', '安全性の向上に資するため、早期の施行を希望します。']], '本案に対する賛同の御意見として承ります。', '無', []],
      ['2', 'sec-2', [['一般社団法人B協会', '第3条第2項の「相当の期間」の意味が不明確です。\n具体的な日数を示すべきです。']], '御意見を踏まえ、「30日」と修正します。', '有', ['3']],
      ['3', 'sec-2', [['C株式会社', '経過措置の期間を明示すべきです。']], '御意見を踏まえ、「30日」と修正します。', '有', ['2']],
      ['4', 'sec-2', [['個人', '意見1と同じ。']], '意見1に対する考え方のとおりです。', '無', []],
    ]);
    expect(document?.sections.map((s) => s.title)).toEqual(['総論', '各論']);
    expect(document?.opinions[3]?.response?.refersTo).toEqual(['1']);
    expect(document?.notice.notes.map((note) => note.text)).toEqual(['※ 御意見は、原則として原文のまま掲載しています。']);
    expect(messages).toBe('');
  });

  // Real pandoc 3.10 output of HTML tables with column widths, so that it wrapped the cells' text at spaces.
  const notice = (table: string[]): string => ['「テスト省令案」に関する意見募集の結果', '意見募集期間：令和6年6月1日～令和6年6月30日', '', ...table, ''].join('\n');

  it('keeps the space where pandoc wrapped a grid cell between two words, and reads a number spanning two rows', async () => {
    const text = notice([
      '+-----+---------------------------+---------------------------+-------+',
      '| No. | 御意見の概要              | 御意見に対する考え方      | 修正  |',
      '+=====+===========================+===========================+=======+',
      '| 1   | 施行日を 延期すべき       | 原案の とおり とします。  | 無    |',
      '|     | である。 See Article 3 of | 意見 11 に対する 考え方の |       |',
      '|     | the Act for details and   | とおりです。              |       |',
      '|     | the guidelines.           |                           |       |',
      '|     |                           |                           |       |',
      '|     | 【A社】                   |                           |       |',
      '|     +---------------------------+                           |       |',
      '|     | 経過措置 (transitional    |                           |       |',
      '|     | measures) を 設けるべき。 |                           |       |',
      '+-----+---------------------------+---------------------------+-------+',
    ]);
    const { document, messages } = await convertText(text);
    // A wrap between two Japanese characters drops its space, as Japanese text has none there.
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [['A社', '施行日を 延期すべきである。 See Article 3 of the Act for details and the guidelines.'], [null, '経過措置 (transitional measures) を 設けるべき。']], '原案の とおり とします。意見 11 に対する 考え方のとおりです。'],
    ]);
    expect(messages).not.toContain('note-outside-table');
  });

  it('reads a table typed by hand in ASCII, without a `=` header rule or an escape, as text: `1.` stays a number, `*` a mark', async () => {
    const grid = notice([
      '+------+----------------------+------------------------+',
      '| No.  | 御意見の概要         | 御意見に対する考え方   |',
      '+------+----------------------+------------------------+',
      '| 1.   | 延期すべき。【個人】 | 原案のとおりとします。 |',
      '+------+----------------------+------------------------+',
      '| 2.   | * 様式を見直すべき。 | 今後の参考とします。   |',
      '+------+----------------------+------------------------+',
    ]);
    const simple = notice(['No.   御意見の概要            御意見に対する考え方', '----  ----------------------  ----------------------', '1.    延期すべき。【個人】    原案のとおりとします。', '2.    * 様式を見直すべき。    今後の参考とします。']);
    for (const text of [grid, simple]) {
      const { document } = await convertText(text);
      expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([
        ['1', ['延期すべき。'], '原案のとおりとします。'],
        ['2', ['* 様式を見直すべき。'], '今後の参考とします。'],
      ]);
    }
  });

  it("reads a grid table whose rules carry pandoc's alignment colons", async () => {
    const text = notice([
      '+------+-------------------------------+------------------------+------+',
      '| 番号 | 御意見の概要                  | 御意見に対する考え方   | 修正 |',
      '+:====:+===============================+========================+:====:+',
      '| 1    | 施行日を延期すべき。【個人】  | 原案のとおりとします。 | 無   |',
      '+------+-------------------------------+                        |      |',
      '| 2    | 経過措置を設けるべき。【B社】 |                        |      |',
      '+------+-------------------------------+------------------------+------+',
    ]);
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.outcome])).toEqual([
      ['1', [['個人', '施行日を延期すべき。']], '原案のとおりとします。', 'unchanged'],
      ['2', [['B社', '経過措置を設けるべき。']], '原案のとおりとします。', 'unchanged'],
    ]);
    expect(messages).toBe('');
  });

  it('measures a grid in the columns pandoc counts: symbols such as ※ ① α one wide, an emoji two', async () => {
    // pandoc 3.10, `-t markdown-smart`, of an HTML table with merged cells.
    const text = notice([
      '+-----+------------------------------+--------------------------+------+',
      '| No. | 御意見の概要                 | 御意見に対する考え方     | 修正 |',
      '+=====+==============================+==========================+======+',
      '| 1   | ①施行日を延期すべき。※○△ §3  | 原案のとおりとします。①② | ○    |',
      '|     | α β — “quote” ～ ㈱テスト    |                          |      |',
      '|     | 😀【個人】                   |                          |      |',
      '+-----+------------------------------+                          |      |',
      '| 2   | Ⅲ. 3. 1. 3 について ½ ° ± ×  |                          |      |',
      '|     | ÷【B社】                     |                          |      |',
      '+-----+------------------------------+--------------------------+------+',
    ]);
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.revisedRaw])).toEqual([
      ['1', [['個人', '①施行日を延期すべき。※○△ §3 α β — “quote” ～ ㈱テスト😀']], '原案のとおりとします。①②', '○'],
      ['2', [['B社', 'Ⅲ. 3. 1. 3 について ½ ° ± × ÷']], '原案のとおりとします。①②', '○'],
    ]);
    expect(messages).toBe('');
  });

  it('reads a header of two rows whose cells span rows and columns, as pandoc 3 writes a Word table with merged header cells', async () => {
    const text = notice([
      '+-----------------+---------------------------------------------------+----------------------------+',
      '| No.             | 御意見                                            | 御意見に対する考え方       |',
      '|                 +-------------------+-------------------------------+                            |',
      '|                 | 該当箇所          | 御意見の概要                  |                            |',
      '+=================+===================+===============================+============================+',
      '| 1               | 第3条             | 施行日を延期すべき。【個人】  | 原案のとおりとします。     |',
      '+-----------------+-------------------+-------------------------------+----------------------------+',
      '| 2               | 第5条第2項        | 経過措置を設けるべき。【B社】 | 御意見を踏まえ修正します。 |',
      '+-----------------+-------------------+-------------------------------+----------------------------+',
    ]);
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.place, c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [['第3条', '個人', '施行日を延期すべき。']], '原案のとおりとします。'],
      ['2', [['第5条第2項', 'B社', '経過措置を設けるべき。']], '御意見を踏まえ修正します。'],
    ]);
    expect(messages).toBe('');
  });

  it("reads a pandoc grid table's cells as the markdown they are: escapes, a line break written as a backslash, bold", async () => {
    // pandoc 3.10, `-t markdown-smart`, of an HTML table with merged cells.
    const { document, messages } = await convertText(notice([
      '# 「〇〇規則の一部を改正する省令案」に関する意見募集の結果について',
      '',
      '意見募集期間：令和６年１月１０日～令和６年２月９日',
      '',
      '+-------------------------+-------------------------------------------+---------------------------------------+',
      '| No.                     | 御意見の概要                              | 御意見に対する考え方                  |',
      '+=========================+===========================================+=======================================+',
      '| **●表示例について**                                                                                         |',
      '+-------------------------+-------------------------------------------+---------------------------------------+',
      '| 1                       | 「\\<原料原産地名\\>                        | 御意見を踏まえ、表示例を追加します。\\ |',
      '|                         | 輸入(アメリカ)」の表示例を追加すべき。\\*1 | 詳しくは\\[参考1\\]を御覧ください。     |',
      '|                         | の注記は第1\\~3号の例示か。\\               |                                       |',
      '|                         | (株式会社丸八製菓)                        |                                       |',
      '+-------------------------+-------------------------------------------+                                       |',
      '| 2                       | 同上。\\_A\\_ 社の例も示すべき。            |                                       |',
      '+-------------------------+-------------------------------------------+---------------------------------------+',
    ]));
    expect(document?.opinions.map((o) => [o.key, o.topic, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', '●表示例について', [['株式会社丸八製菓', '「<原料原産地名>輸入(アメリカ)」の表示例を追加すべき。*1の注記は第1~3号の例示か。']], '御意見を踏まえ、表示例を追加します。\n詳しくは[参考1]を御覧ください。'],
      ['2', '●表示例について', [[null, '同上。_A_ 社の例も示すべき。']], '御意見を踏まえ、表示例を追加します。\n詳しくは[参考1]を御覧ください。'],
    ]);
    expect(messages).not.toContain('[accounting-mismatch]');
  });

  it("reads a multiline table's cells as markdown, a wrap between two words read as the space it was", async () => {
    const { document } = await convertText(notice([
      '# 「〇〇規則の一部を改正する省令案」に関する意見募集の結果について',
      '',
      '意見募集期間：令和６年１月１０日～令和６年２月９日',
      '',
      '  -----------------------------------------------------------------------',
      '  No.   御意見の概要                     御意見に対する考え方',
      '  ----- -------------------------------- --------------------------------',
      '  1     「\\<原料原産地名\\>」の表示例     御意見を踏まえ、追加します。',
      '        (see \\*Annex 2\\* of the          ',
      '        guideline)                       ',
      '        を追加すべき。【個人】           ',
      '',
      '  -----------------------------------------------------------------------',
    ]));
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [['個人', '「<原料原産地名>」の表示例(see *Annex 2* of the guideline)を追加すべき。']], '御意見を踏まえ、追加します。'],
    ]);
  });

  it('keeps the space where pandoc wrapped a multiline table cell between two words', async () => {
    const text = notice([
      '  ------------------------------------------------------------------------',
      '  No.   御意見の概要                 御意見に対する考え方         修正',
      '  ----- ---------------------------- ---------------------------- --------',
      '  1     The consultation period of   Noted with thanks; see       無',
      '        thirty days was too short    answer 1 above for the       ',
      '        for small firms.             reasons.                     ',
      '  ------------------------------------------------------------------------',
    ]);
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', ['The consultation period of thirty days was too short for small firms.'], 'Noted with thanks; see answer 1 above for the reasons.'],
    ]);
  });

  it('leaves a grid whose walls stand off the joints of its rules to the reader of bars, which reads its rows', async () => {
    // Hand-edited: the second row's wall moved one column left, so no cell is a rectangle of the rules.
    const text = notice([
      '+----+----------------------+------------------------+',
      '| No | 御意見の概要         | 御意見に対する考え方   |',
      '+====+======================+========================+',
      '| 1  | 延期すべき。【個人】 | 原案のとおりとします。 |',
      '+----+----------------------+------------------------+',
      '| 2 | 簡素化すべき。【B社】 | 今後の参考とします。   |',
      '+----+----------------------+------------------------+',
    ]);
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', ['延期すべき。'], '原案のとおりとします。'],
      ['2', ['簡素化すべき。'], '今後の参考とします。'],
    ]);
  });

  /** A table of `rows` (cells per line) under a column rule, each cell padded to its column's width as pandoc pads it (a Japanese character two columns). */
  const ruled = (widths: number[], rows: string[][]): string[] =>
    rows.map((cells) => `  ${cells.map((cell, column) => cell + ' '.repeat(Math.max(1, (widths[column] ?? 0) + 1 - displayWidth(cell)))).join('').trimEnd()}`);
  const displayWidth = (text: string): number => [...text].reduce((width, character) => width + (/[\u3000-\uffef]/.test(character) ? 2 : 1), 0);
  const rule = (widths: number[]): string => `  ${widths.map((width) => '-'.repeat(width)).join(' ')}`;

  it('joins the lines of a multiline row cell by cell, with nothing between them, and reads a header over two lines', async () => {
    const widths = [6, 24, 24];
    const text = [
      '「テスト省令案」に関する意見募集の結果',
      '意見募集期間：令和6年6月1日～令和6年6月30日',
      '',
      `  ${'-'.repeat(56)}`,
      ...ruled(widths, [['番号', '提出された', '総務省の'], ['', '意見', '考え方']]),
      rule(widths),
      ...ruled(widths, [['1', '第2条の定義が不明確で', '御意見を踏まえ、定義を'], ['', 'あり、明確化すべき。', '修正します。'], ['', '【株式会社A】', '']]),
      '',
      ...ruled(widths, [['2', '施行日を延期すべき。', '原案のとおりとします。'], ['', '【個人】', '']]),
      `  ${'-'.repeat(56)}`,
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.outcome])).toEqual([
      ['1', [['株式会社A', '第2条の定義が不明確であり、明確化すべき。']], '御意見を踏まえ、定義を修正します。', 'revised'],
      ['2', [['個人', '施行日を延期すべき。']], '原案のとおりとします。', 'unchanged'],
    ]);
    expect(messages).toBe('');
  });

  it('reads a simple table, a row per line up to a blank line, and the line after it as a note of the notice', async () => {
    const widths = [4, 26, 24];
    const text = [
      '「テスト省令案」に関する意見募集の結果',
      '',
      ...ruled(widths, [['No.', '御意見の概要', '御意見に対する考え方']]),
      rule(widths),
      ...ruled(widths, [['1', '施行日を延期すべき。【個人】', '原案のとおりとします。'], ['2', '', '（御意見なし）'], ['3', '様式を簡素化すべき。【B社】', '']]),
      '',
      '※ 御意見は要約しています。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text ?? null])).toEqual([
      ['1', ['施行日を延期すべき。'], '原案のとおりとします。'],
      ['2', [], '（御意見なし）'],
      ['3', ['様式を簡素化すべき。'], null],
    ]);
    expect(document?.notice.notes.map((note) => note.text)).toEqual(['※ 御意見は要約しています。']);
    expect(messages).not.toContain('[cells-merged]');
  });

  it('cuts a line whose text runs across where a column starts at that start, with a warning to check it', async () => {
    const widths = [4, 10, 12];
    const text = ['結果', '', ...ruled(widths, [['No.', '提出意見', '考え方']]), rule(widths), '  1    延期すべき。【個人】  原案のとおり。', ''].join('\n');
    const { document, messages } = await convertText(text);
    // The mark ran into the answer's column.
    expect(document?.opinions[0]?.comments[0]?.text).toBe('延期すべき。');
    expect(document?.opinions[0]?.response?.text).toBe('【個人】 原案のとおり。');
    expect(messages).toContain('notice.txt:5:14: warning: Unexpected text across the start of column 3 of a table ruled by dashes, expected a space before each column: the line was cut where the column\'s dashes start; check the split [cells-merged]');
  });

  it('reads no table from a line of dashes over text without a column rule', async () => {
    const { document, messages } = await convertText(['結果', '', '---', '提出された意見', '---', '意見1 延期すべき。\t原案のとおりとします。', ''].join('\n'));
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain('[no-opinion-table]');
  });
});

describe('tables drawn with box-drawing characters, as w3m dumps an HTML page (`w3m -dump`)', () => {
  it('reads a table ruled with ┌┬┐├┼┤└┴┘ and │, keeping the space where a line was wrapped between two words', async () => {
    const { document, messages } = await convertText([
      '「テスト省令案」に関する意見募集の結果',
      '',
      '意見募集期間：令和6年6月1日～令和6年6月30日',
      '',
      '┌───┬─────────────────────────────────────────────────────────┬───────────────┐',
      '│No.│                      御意見の概要                       │御意見に対する │',
      '│   │                                                         │    考え方     │',
      '├───┼─────────────────────────────────────────────────────────┼───────────────┤',
      '│1  │施行日を延期すべき。See the comments of the Japan        │原案のとおりと │',
      '│   │Federation of Bar Associations on this point.【個人】    │します。       │',
      '├───┼─────────────────────────────────────────────────────────┼───────────────┤',
      '│2  │経過措置を設けるべき。【B社】                            │御意見を踏まえ │',
      '│   │                                                         │修正します。   │',
      '└───┴─────────────────────────────────────────────────────────┴───────────────┘',
      '',
    ].join('\n'));
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [['個人', '施行日を延期すべき。See the comments of the Japan Federation of Bar Associations on this point.']], '原案のとおりとします。'],
      ['2', [['B社', '経過措置を設けるべき。']], '御意見を踏まえ修正します。'],
    ]);
    expect(messages).toBe('');
  });

  it('reads its merged cells: text centred in a cell spanning rows, a flag printed on the rule beside it, a cell spanning columns', async () => {
    const { document } = await convertText([
      '「〇〇規則の一部を改正する省令案」に関する意見募集の結果について',
      '',
      '意見募集期間：令和６年１月１０日～令和６年２月９日',
      '',
      '┌───┬────────────────────────────────────────────────────────────────┬──────────────────────────────────────────┬─────┐',
      '│   │                                                                │                                          │修正 │',
      '│No.│                          御意見の概要                          │           御意見に対する考え方           │の有 │',
      '│   │                                                                │                                          │ 無  │',
      '├───┼────────────────────────────────────────────────────────────────┼──────────────────────────────────────────┼─────┤',
      '│   │施行日を延期すべきである。事業者の準備には相当の期間を要するため│                                          │     │',
      '│   │、少なくとも一年間の猶予期間を設けることが必要であると考える。  │                                          │     │',
      '│   │                                                                │御意見を踏まえ、施行日を令和７年４月１日に│     │',
      '│1  │【A社】                                                         │延期します。周知期間を確保するためです。  │     │',
      '│   ├────────────────────────────────────────────────────────────────┤                                          │有   │',
      '│   │経過措置を設けるべきである (see Article 3 of the Act for        │なお、意見 11 に対する考え方のとおりです。│     │',
      '│   │details).                                                       │                                          │     │',
      '├───┼────────────────────────────────────────────────────────────────┤                                          │     │',
      '│2  │手数料を引き下げるべきである。                                  │                                          │     │',
      '├───┼────────────────────────────────────────────────────────────────┴──────────────────────────────────────────┼─────┤',
      '│3  │上記と同じ。                                                                                               │無   │',
      '└───┴───────────────────────────────────────────────────────────────────────────────────────────────────────────┴─────┘',
      '',
    ].join('\n'));
    const response = '御意見を踏まえ、施行日を令和７年４月１日に延期します。周知期間を確保するためです。\nなお、意見 11 に対する考え方のとおりです。';
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text ?? null, o.revisedRaw])).toEqual([
      ['1', ['施行日を延期すべきである。事業者の準備には相当の期間を要するため、少なくとも一年間の猶予期間を設けることが必要であると考える。', '経過措置を設けるべきである (see Article 3 of the Act for details).'], response, '有'],
      ['2', ['手数料を引き下げるべきである。'], response, '有'],
      // Its opinion cell spans the response column, as in the page.
      ['3', ['上記と同じ。'], null, '無'],
    ]);
    expect(document?.opinions[0]?.response?.sharedWith).toEqual(['2']);
  });
});

describe('a table whose rows were mostly not read', () => {
  const notice = (before: number, after: number): string =>
    [
      '「テスト省令案」に関する意見募集の結果',
      '意見募集期間：令和6年6月1日～令和6年6月30日',
      '番号\t御意見の概要\t御意見に対する考え方',
      // Lines of the table that no row holds, as a PDF extraction of centred cells leaves them.
      ...Array.from({ length: before }, (_, index) => `御意見の概要の${index + 1}行目で、行として読まれなかったもの`),
      '1\t延期すべき。\t原案のとおりとします。',
      ...Array.from({ length: after }, (_, index) => `表の後の説明の${index + 1}行目`),
      '',
    ].join('\n');

  it('warns once when ten lines or more before the last opinion stand outside its rows, more than the opinions read', async () => {
    const { document, messages } = await convertText(notice(10, 0));
    expect(document?.opinions).toHaveLength(1);
    expect(messages.match(/\[note-outside-table\]/g)).toHaveLength(10);
    expect(messages).toContain("notice.txt:4:1: warning: Unexpected 10 lines of text outside the table's rows (the first at line 4) against 1 opinion read, expected the table's text in its rows: its layout was most likely not read, and the opinions in those lines are missing; convert the notice again, from its HTML or Word original if there is one, or extract the PDF with pdftotext -bbox-layout [table-mostly-unread]");
  });

  it('does not warn for fewer such lines, nor for text after the last opinion', async () => {
    expect((await convertText(notice(9, 0))).messages).not.toContain('[table-mostly-unread]');
    expect((await convertText(notice(0, 12))).messages).not.toContain('[table-mostly-unread]');
  });
});

describe('a table printed cell after cell (a text extraction without layout)', () => {
  const notice = [
    '「テスト省令案」に関する意見募集の結果について',
    '意見募集期間：令和6年6月1日～令和6年6月30日',
    '番号',
    '提出された意見',
    '総務省の考え方',
    '修正の有無',
    '【総論】',
    '1',
    '第2条の定義が不明確であり、具体例を',
    '示すべきである。',
    '御意見を踏まえ、定義を明確化するため、',
    '以下のとおり修正します。',
    '有',
    '2',
    '施行日を延期すべき。',
    '原案のとおりとします。',
    '無',
    '1',
    '\f番号',
    '提出された意見',
    '総務省の考え方',
    '修正の有無',
    '3',
    '手続を簡素化すべき。',
    'その際、様式も見直すべき。',
    '今後の参考とさせていただきます。',
    '無',
    '※御意見は要約しています。',
    '',
  ].join('\n');

  it('reads each row from a line that is its number alone, the answer from where one opens after a sentence end, the flag from its last line, past a page number and the header printed again at the top of the page', async () => {
    const { document, messages } = await convertText(notice);
    expect(document?.opinions.map((o) => [o.key, o.section, o.comments.map((c) => c.text), o.response?.text ?? null, o.revisedRaw, o.outcome])).toEqual([
      ['1', 'sec-1', ['第2条の定義が不明確であり、具体例を示すべきである。'], '御意見を踏まえ、定義を明確化するため、以下のとおり修正します。', '有', 'revised'],
      ['2', 'sec-1', ['施行日を延期すべき。'], '原案のとおりとします。', '無', 'unchanged'],
      // No line opens as an answer does: the row's text stays the opinion's, and is reported.
      // Each line ends a sentence well short of the longest: a paragraph each, as a cell wrapped at its width prints them.
      ['3', 'sec-1', ['手続を簡素化すべき。\nその際、様式も見直すべき。\n今後の参考とさせていただきます。'], null, '無', 'unknown'],
    ]);
    expect(messages).toContain('notice.txt:3:1: warning: Unexpected table printed cell after cell (番号 / 提出された意見 / 総務省の考え方 / 修正の有無: a text extraction without layout), expected TAB rows: each row was read from a line that is its number alone, its cells from the runs of lines that blank lines part, else its answer from where one opens after a sentence end; check the rows [cells-stacked]');
    expect(messages).toContain('notice.txt:24:1: warning: Unexpected row 3 printed cell after cell without a sentence end before its answer');
    // The page number 1 under row 2 is no row, nor a part of it.
    expect(messages).not.toContain('[note-outside-table]');
    expect(document?.notice.notes.map((note) => note.text)).toEqual(['※御意見は要約しています。']);
    expect(document?.notice).toMatchObject({ respondent: '総務省', period: { start: '2024-06-01', end: '2024-06-30' } });
  });

  it('goes on with a row that a page cut, under the header printed again, joining its lines with nothing', async () => {
    const text = ['テスト案に対する意見募集の結果', '番号', '御意見の概要', '御意見に対する考え方', '1', '第2条の定義が不明確であり、具体例を', '1', '番号', '御意見の概要', '御意見に対する考え方', '示すべきである。', '原案のとおりとします。', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([['1', ['第2条の定義が不明確であり、具体例を示すべきである。'], '原案のとおりとします。']]);
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('opens the answer after the submitter\'s mark that ends the opinion, and goes on with the cell the page cut on the next page (a PDF library\'s page text, pypdf)', async () => {
    const header = ['番号', '提出された意見', '総務省の考え方', '修正の有無'];
    const text = [
      'テスト案に対する意見募集の結果',
      ...header,
      '1',
      '第2条の利用者に法人の従業員も含まれるのか。',
      ' 【株式会社A】',
      ' 前段について、御理解のとおりです。',
      '無',
      '2',
      '施行日を延期すべきである。',
      '原案のとおりとします。施行日は準備期間を考慮し',
      '無',
      '- 1 -',
      ...header,
      'て設定しています。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitterRaw, c.text]), o.response?.text, o.revisedRaw])).toEqual([
      ['1', [['【株式会社A】', '第2条の利用者に法人の従業員も含まれるのか。']], '前段について、御理解のとおりです。', '無'],
      ['2', [[null, '施行日を延期すべきである。']], '原案のとおりとします。施行日は準備期間を考慮して設定しています。', '無'],
    ]);
    expect(messages).not.toMatch(/without a sentence end before its answer|note-outside-table/);
  });

  it('takes the one blank line among a row\'s lines for where its answer opens, as extractions part cells so', async () => {
    const text = ['テスト案に対する意見募集の結果', '', '番号', '', '御意見の概要', '', '御意見に対する考え方', '', '1', '', '手続を簡素化すべき。', 'その際、様式も見直すべき。', '', '今後の参考とさせていただきます。', '', '2', '', '延期すべき。', '', '承ります。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', ['手続を簡素化すべき。\nその際、様式も見直すべき。'], '今後の参考とさせていただきます。'],
      ['2', ['延期すべき。'], '承ります。'],
    ]);
    expect(messages.match(/\[cells-stacked\]/g)).toHaveLength(1);
  });

  it('reads pdftotext\'s own output, blank lines parting the cells, as its layout extraction: a cell per run of lines, a wrapped header cell, marks, the row a page cut (pdftotext-raw, pdftotext-layout)', async () => {
    const [raw, layout] = [await convertFixture('pdftotext-raw'), await convertFixture('pdftotext-layout')];
    const records = (converted: typeof raw) => converted.document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitterRaw, c.text]), o.response?.text, o.revisedRaw, o.outcome, o.response?.refersTo]);
    expect(raw.document?.opinions).toHaveLength(8);
    expect(records(raw)).toEqual(records(layout));
    expect(raw.document?.notice.submitters.map((s) => s.name)).toEqual(['株式会社A', '一般社団法人B協会', '個人', '株式会社C']);
    expect(raw.messages).toContain('input.txt:5:1: warning: Unexpected table printed cell after cell (番号 / 提出された意見 / 総務省の考え方 / 修正の有無: a text extraction without layout)');
    // The extraction printed both section headings after the rows of the first: the first has no row, so it stays a note.
    expect(raw.messages).toContain('input.txt:42:1: info: Unexpected heading outside any table: 【第2条関係】 [note-outside-table]');
  });

  it('reads the cells parted by blank lines, a flag left blank, and a later page\'s lines into the column the page cut mid-sentence (here the answer)', async () => {
    // The header as pdftotext prints it, a blank line after each cell, the flag's wrapped: at the top of each page.
    const header = ['番号', '', '御意見の概要', '', '御意見に対する考え方', '', '修正の', '有無', ''];
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      ...header,
      '【総論】',
      '',
      '1',
      '',
      '施行日を延期すべき。',
      '【株式会社A】',
      '',
      '原案のとおりとします。施行日は事業者の準備',
      '',
      '- 1 -',
      '',
      ...header,
      '期間を考慮して設定しています。',
      '',
      '2',
      '',
      '様式を簡素化すべき。',
      '',
      '御意見を踏まえ、様式を見直します。',
      '',
      '有',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.section, o.comments.map((c) => [c.submitterRaw, c.text]), o.response?.text, o.revisedRaw])).toEqual([
      ['1', 'sec-1', [['【株式会社A】', '施行日を延期すべき。']], '原案のとおりとします。施行日は事業者の準備期間を考慮して設定しています。', null],
      ['2', 'sec-1', [[null, '様式を簡素化すべき。']], '御意見を踏まえ、様式を見直します。', '有'],
    ]);
    expect(document?.sections.map((section) => section.title)).toEqual(['総論']);
    expect(messages).not.toMatch(/note-outside-table|without a sentence end/);
  });

  it('reads the e-Gov template without a number column from pdftotext\'s own output as from its layout extraction: a row per run of lines a cell, the row a page cut, and an answer whose opinion lost its blank line (egov-pdftotext-raw, egov-pdftotext-layout)', async () => {
    const [raw, layout] = [await convertFixture('egov-pdftotext-raw'), await convertFixture('egov-pdftotext-layout')];
    const records = (converted: typeof raw) => converted.document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text, o.outcome]);
    expect(raw.document?.opinions).toHaveLength(13);
    expect(records(raw)).toEqual(records(layout));
    // The row the page cut: its opinion goes on under the header printed again at the top of the next page, joined mid-word.
    expect(raw.document?.opinions[9]?.comments[0]?.text).toMatch(/^クラウドサービスの提供形態は多様であり、(?:クラウドサービスの提供形態は多様であり、)+したがって、提供形態ごとの規定を設けるべきである。$/);
    expect(raw.document?.opinions[10]?.comments[0]?.text).toBe('本省令案に賛成します。早期の施行を希望します。');
    expect(raw.messages).toContain("input.txt:105:1: warning: Unexpected answer where a row's first cell was expected (本省令案に対する賛成の御意見として承ります。), expected an opinion before it");
    expect(layout.messages).toContain('input.txt:65:1: warning: Unexpected 3 lines without TABs after a page break, expected a TAB row: read as the rest of the row of line 35');
    expect(layout.document?.notice).toMatchObject({ caseNumber: '145209999', submitterCount: 9 });
  });

  it('reads no rows from an extraction that printed the table column by column, and says to extract it with layout (no-opinion-table)', async () => {
    // pdftotext without -layout on a table without cell padding: the narrow columns first, then the cells of the wide ones merged across rows.
    const text = ['テスト規則案に関する意見募集の結果', 'No.', '', '該当箇所', '', '1', '', '第2条', '', '2', '', '全体', '', '御意見の概要', '', '御意見に対する考え方', '', '定義を明確にすべき。', '本案に賛成します。', '', '御意見を踏まえ、修正します。', '本案に対する賛成の御意見として承ります。', '', '修正の有無', '', '有', '無', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain(
      'notice.txt:14:1: error: Unexpected document without an opinion table, expected a header row such as 提出された意見⇥総務省の考え方; the column names stand on lines of their own (line 14: 御意見の概要), as a PDF text extraction that lost the table\'s order prints them: extract the PDF again with pdftotext -layout [no-opinion-table]',
    );
  });

  it('takes no run of lines for such a header unless its cells name a number, the opinion and the answer, and a number opens the line below', async () => {
    for (const lines of [['番号', '提出された意見', '1', '延期すべき。'], ['提出された意見', '総務省の考え方', '1', '延期すべき。', '承ります。'], ['番号', '提出された意見', '総務省の考え方', '延期すべき。']]) {
      const { messages } = await convertText(['テスト案に対する意見募集の結果', ...lines, ''].join('\n'));
      expect(messages).not.toContain('[cells-stacked]');
    }
  });
});

describe('pipe tables without their outer pipes', () => {
  it('reads a GFM table whose rows leave out the pipes at their ends (番号 | 意見 over --- | ---)', async () => {
    const text = ['# テスト規則案に対する意見募集の結果', '', '番号 | 意見の概要 | 考え方', ':-- | --- | ---', '1 | 基準値を<br>見直すべき。 | 御意見を踏まえ、修正します。', '2 | 経過措置を設けるべき。(個人) | 原案のとおりとします。', '', '以上', ''].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(text));
    expect(document?.opinions.map((o) => [o.label, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [[null, '基準値を\n見直すべき。']], '御意見を踏まえ、修正します。'],
      ['2', [['個人', '経過措置を設けるべき。']], '原案のとおりとします。'],
    ]);
    expect(document?.opinions[0]?.comments[0]?.source).toMatchObject({ startLine: 5, startColumn: 5 });
    expect(messages).not.toMatch(/no-opinion-table|pipe-delimiter-missing/);
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('takes no line with a pipe for a table without a delimiter row below it', async () => {
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode('# 結果\n\nA | B の比較について\n\n以上\n'));
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain('[no-opinion-table]');
  });
});

describe('pipe tables without their |---| row', () => {
  it('reads a table the converter left without a delimiter row, and says so (pipe-delimiter-missing)', async () => {
    const text = ['# テスト規則案に対する意見募集の結果', '', '| 番号 | 御意見の概要 | 御意見に対する考え方 |', '| 1 | 延期すべき。(全国銀行協会) | 原案のとおりとします。 |', '| 2 | 様式を改めるべき。<br>理由は次のとおり。 | 御意見として承ります。 |', ''].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(text));
    expect(document?.opinions.map((o) => [o.label, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [['全国銀行協会', '延期すべき。']], '原案のとおりとします。'],
      ['2', [[null, '様式を改めるべき。\n理由は次のとおり。']], '御意見として承ります。'],
    ]);
    expect(messages).toContain('notice.md:3:1: info: Unexpected pipe table without its |---| row');
  });

  it('continues a table that a page break cut: the rows after the blank line have no header and no |---| row', async () => {
    const text = ['# テスト規則案に対する意見募集の結果', '', '| 番号 | 御意見の概要 | 御意見に対する考え方 |', '|---|---|---|', '| 1 | 延期すべき。(全国銀行協会) | 原案のとおり |', '', '| | 理由は次のとおり。 | とします。 |', '| 2 | 様式を改めるべき。 | 御意見として承ります。 |', ''].join('\n');
    const { document } = await convertBytes('notice', 'notice.md', new TextEncoder().encode(text));
    expect(document?.opinions.map((o) => [o.label, o.comments.map((c) => c.text), o.response?.text])).toEqual([
      ['1', ['延期すべき。', '理由は次のとおり。'], '原案のとおりとします。'],
      ['2', ['様式を改めるべき。'], '御意見として承ります。'],
    ]);
    expect(document?.notice.coverage.share).toBe(1);
  });
});

describe('a cover page whose opinions are in an annex (FORMATS.md families G and H)', () => {
  it('converts an e-Gov result cover (… の考え方は別紙のとおりです) with its title, period, count and date, and no error', async () => {
    const text = [
      '令和 5年11月 2日',
      '国土交通省 総合政策局',
      '',
      '「テスト対応指針」の改定案に関する意見募集の結果について',
      '',
      '国土交通省では、標記の改定案について、令和5年7月25日(火)から8月24日(木)までの間、意見募集を行ったところです。',
      '',
      '意見募集の結果、27の個人・団体から計69件のご意見をいただきました。お寄せいただいたご意見とそれに対する国土交通省の考え方は別紙のとおりです。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice).toMatchObject({
      title: '「テスト対応指針」の改定案に関する意見募集の結果について',
      respondent: '国土交通省',
      period: { start: '2023-07-25', end: '2023-08-24' },
      published: { date: '2023-11-02' },
      submitterCount: 27,
    });
    expect(document?.opinions).toEqual([]);
    expect(messages).toContain('notice.txt:8:1: info: Unexpected notice without an opinion table, which says its opinions are printed elsewhere (「お寄せいただいたご意見とそれに対する国土交通省の考え方は別紙のとおりです。」): only what its title block says is converted [opinions-elsewhere]');
    expect(messages).not.toMatch(/error|no-opinion-table/);
  });

  it('reads a count printed on the line below its name, with its breakdown (別添のとおり, family G)', async () => {
    const text = ['「テストガイドライン(案)」に対する意見募集の結果について', '', '1 意見募集期間', ' 平成13年1月15日から平成13年2月14日まで', '', '2 提出意見数', ' 42件(団体15件、個人27件)', '', '主な意見と対応については別添のとおり。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice).toMatchObject({
      period: { start: '2001-01-15', end: '2001-02-14' },
      submitterCount: 42,
      submitterCountUnit: '件',
      submitterBreakdown: [
        { label: '団体', count: 15, unit: '件', partOf: null },
        { label: '個人', count: 27, unit: '件', partOf: null },
      ],
    });
    expect(messages).toContain('[opinions-elsewhere]');
    expect(messages).not.toContain('error');
  });

  it('joins a title wrapped before its particle, and reads the total of counts by channel (S21)', async () => {
    const text = [
      '「テスト鳥獣保護基本指針」',
      'に関するパブリックコメントの集計結果と対応について',
      '',
      ' 標記について、平成14年10月29日から平成14年11月24日までの27日間、意見募集を実施した。',
      '',
      '提出された意見書の数',
      '・封書によるもの 1,649通',
      '・電子メールによるもの 55通',
      '合 計 1,704通',
      '',
      ' 主な意見と対応については別添のとおり。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice).toMatchObject({
      title: '「テスト鳥獣保護基本指針」に関するパブリックコメントの集計結果と対応について',
      subject: '「テスト鳥獣保護基本指針」',
      period: { start: '2002-10-29', end: '2002-11-24' },
      submitterCount: 1704,
      submitterCountUnit: '通',
    });
    expect(messages).toContain('[opinions-elsewhere]');
  });

  it('joins a centred title wrapped after its start (…に関する意見 / 募集の結果について), and no line below it that does not end as a title', async () => {
    const table = ['', '番号\t御意見の概要\t考え方', '1\t延期すべき。\t原案のとおりとします。', ''];
    const wrapped = await convertText(['     「テスト規則案」に関する意見', '                募集の結果について', '意見募集期間：令和6年4月1日～令和6年5月1日', ...table].join('\n'));
    expect(wrapped.document?.notice).toMatchObject({ title: '「テスト規則案」に関する意見募集の結果について', subject: '「テスト規則案」' });
    const dated = await convertText(['「テスト規則案」に関する意見', '令和6年6月1日', ...table].join('\n'));
    expect(dated.document?.notice.title).toBe('「テスト規則案」に関する意見');
  });

  it('still reports a document without a table that points nowhere (no-opinion-table)', async () => {
    const { messages } = await convertText('テスト規則案に対する意見募集の結果\n\n多数の御意見をいただきました。\n');
    expect(messages).toContain('[no-opinion-table]');
    expect(messages).not.toContain('[opinions-elsewhere]');
  });
});

describe('the corpus notices through other converters give the same records', () => {
  const notices = ['mic-denpa-tsv.txt', 'soumu-saiiken-tsv.txt', 'soumu-cloud-security-guideline-2018.txt'];
  const read = (name: string): string => readFileSync(new URL(`../input/${name}`, import.meta.url), 'utf8');
  const records = (document: Awaited<ReturnType<typeof convertText>>['document'], squeeze: (text: string) => string) =>
    document?.opinions.map((o) => [o.key, o.summary, o.section, o.comments.map((c) => [c.kind, c.submitter, squeeze(c.text)]), squeeze(o.response?.text ?? ''), o.revised, o.outcome]);
  // A row of dashes (`-----⇥--⇥--`) is kept: other converters print it as a row too, and it is junk there as well.
  const rowsOf = (line: string): string[] | null => (line.includes('\t') ? line.split('\t') : null);

  it.each(notices)('%s as GFM pipe tables, a cell\'s <p>s parted by <br>, a |---| row under each table\'s first row', async (name) => {
    const text = read(name);
    const lines = text.split(/\r?\n/);
    const markdown = lines.flatMap((line, index) => {
      const cells = rowsOf(line);
      if (!cells) return [line];
      const row = `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/<\/p>\s*<p[^>]*>/g, '<br>').replace(/^<p[^>]*>|<\/p>$/g, '')).join(' | ')} |`;
      return rowsOf(lines[index - 1] ?? '') ? [row] : [row, `|${cells.map(() => '---').join('|')}|`];
    });
    const [original, gfm] = [await convertText(text), await convertBytes('notice', 'notice.md', new TextEncoder().encode(markdown.join('\n')))];
    expect(records(gfm.document, (t) => t)).toEqual(records(original.document, (t) => t));
  });

  it.each(notices)('%s as an HTML page: a <table> per run of rows, headings as <h3> (no page breaks, so only the words compare)', async (name) => {
    const text = read(name);
    const body = text.split(/\r?\n/).map((line) => {
      const cells = rowsOf(line);
      if (cells) return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
      const words = line.trim().replace(/^\*\*(.*)\*\*$/, '$1').replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return words === '' || /^-+$/.test(words) ? '' : /^【.*】$/.test(words) ? `</table><h3>${words}</h3><table>` : `</table><p>${words}</p><table>`;
    });
    const html = `<html><body><table>${body.join('\n')}</table></body></html>`;
    const [original, page] = [await convertText(text), await convertBytes('notice', 'notice.html', new TextEncoder().encode(html))];
    const squeeze = (t: string): string => t.replace(/\s+/g, '');
    expect(records(page.document, squeeze)).toEqual(records(original.document, squeeze));
    expect(page.document?.notice).toMatchObject({ title: original.document?.notice.title, period: original.document?.notice.period, submitterCount: original.document?.notice.submitterCount });
  });

  it('fsa-kantoku-gfm.md as TAB rows whose cells hold a <p> per <br>-parted line (its bold topic cells kept in markdown)', async () => {
    const text = read('fsa-kantoku-gfm.md');
    const tsv = text.split('\n').flatMap((line) => {
      if (/^\s*\|[\s:|-]+\|\s*$/.test(line)) return [];
      if (!/^\s*\|.*\|\s*$/.test(line)) return [line];
      const cells = line.trim().slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
      return [cells.map((cell) => cell.split(/<br\s*\/?>/).map((part) => `<p>${part}</p>`).join('')).join('\t')];
    });
    expect(tsv.some((line) => line.includes('<p>**●'))).toBe(true);
    const [original, rows] = [await convertBytes('notice', 'notice.md', new TextEncoder().encode(text)), await convertText(tsv.join('\n'))];
    const topics = (document: typeof original.document) => document?.opinions.map((o) => o.topic);
    expect(records(rows.document, (t) => t)).toEqual(records(original.document, (t) => t));
    expect(topics(rows.document)).toEqual(topics(original.document));
    expect(rows.messages).not.toMatch(/warning|error/);
  });
});

describe('the corpus HTML notice through other converters gives the same records', () => {
  const html = readFileSync(new URL('../input/caa-hyoji-html.html', import.meta.url), 'utf8');
  /**
   * The rows of a <table> as a spreadsheet export leaves them: each cell's markup as printed,
   * a merged cell in its first row and column only (rowspan and colspan leave empty cells).
   */
  const markup = (cell: Element): string => {
    const [first, last] = [cell.children[0], cell.children.at(-1)];
    return first && last ? html.slice(first.position?.start.offset, last.position?.end.offset) : '';
  };
  const exportedRows = (table: Element, cellText: (cell: Element) => string = markup): string[][] => {
    const spans: number[] = [];
    return descendantsNamed(table, 'tr').map((row) => {
      const cells: string[] = [];
      const fillSpanned = (): void => {
        while ((spans[cells.length] ?? 0) > 0) {
          spans[cells.length] = (spans[cells.length] ?? 0) - 1;
          cells.push('');
        }
      };
      for (const cell of row.children.filter((node): node is Element => node.type === 'element')) {
        fillSpanned();
        spans[cells.length] = Number(cell.properties.rowSpan ?? 1) - 1;
        cells.push(cellText(cell));
        for (let column = 1; column < Number(cell.properties.colSpan ?? 1); column++) cells.push('');
      }
      fillSpanned();
      return cells;
    });
  };
  /** The notice's body: a table as its exported rows, any other element as its lines of text. */
  const exported = (asRows: (rows: string[][]) => string[], asLines: (lines: string[]) => string[]): string =>
    (descendantsNamed(fromHtml(html), 'body')[0] as Element).children
      .flatMap((node) => {
        if (node.type !== 'element') return [];
        if (node.tagName === 'table') return asRows(exportedRows(node));
        return asLines(toText(node).split('\n').map((line) => line.trim()).filter((line) => line !== ''));
      })
      .join('\n');
  /** What a reader compares: the notice's facts (not where they were printed), its sections and its opinions. */
  const records = (document: Awaited<ReturnType<typeof convertBytes>>['document']) => ({
    notice: document && {
      ...document.notice,
      id: null,
      source: null,
      coverage: null,
      notes: document.notice.notes.map((note) => note.text),
      draftChanges: document.notice.draftChanges && { ...document.notice.draftChanges, statements: document.notice.draftChanges.statements.map((statement) => statement.text) },
    },
    sections: document?.sections.map((s) => [s.id, s.title]),
    opinions: document?.opinions.map((o) => [o.key, o.section, o.topic, o.summary, o.comments.map((c) => [c.submitter, c.text, c.place, c.refs.map((r) => r.canonical)]), o.response?.text, o.revised, o.outcome]),
  });
  /** The records, text compared without spaces: pdftotext parts a Japanese and a Latin character where the PDF sets them apart (`第 3 条`). */
  const squeezedRecords = (document: Awaited<ReturnType<typeof convertBytes>>['document']): ReturnType<typeof records> => JSON.parse(JSON.stringify(records(document)), (_, value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value));
  const variants = [
    { name: 'TAB rows, the text around the tables as lines', fileName: 'notice.txt', text: () => exported((rows) => rows.map((cells) => cells.join('\t')), (lines) => lines) },
    {
      name: "GFM pipe tables (a cell's <p>s parted by <br>), the text around them as paragraphs",
      fileName: 'notice.md',
      text: () =>
        exported(
          (rows) => ['', ...rows.flatMap((cells, index) => [`| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/<\/p>\s*<p[^>]*>/g, '<br>').replace(/<\/?p[^>]*>/g, '')).join(' | ')} |`, ...(index === 0 ? [`|${cells.map(() => '---').join('|')}|`] : [])]), ''],
          (lines) => lines.flatMap((line) => [line, '']),
        ),
    },
  ];

  it('caa-hyoji-html.html as one spreadsheet sheet saved as a web page: every line a row across the sheet, the small tables padded to its width', async () => {
    const width = 4;
    const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const rows = (descendantsNamed(fromHtml(html), 'body')[0] as Element).children.flatMap((node) => {
      if (node.type !== 'element') return [];
      if (node.tagName !== 'table') return toText(node).split('\n').map((line) => line.trim()).filter((line) => line !== '').map((line) => `<tr><td colspan="${width}">${escape(line)}</td></tr>`);
      const tableRows = descendantsNamed(node, 'tr');
      const padding = '<td></td>'.repeat(width - (tableRows[0]?.children.filter((cell) => cell.type === 'element').length ?? width));
      return tableRows.map((row) => html.slice(row.position?.start.offset, row.position?.end.offset).replace(/<\/tr>$/, `${padding}</tr>`));
    });
    const sheet = `<html><body><table border=0 style="border-collapse:collapse">\n${rows.join('\n')}\n</table></body></html>`;
    const [original, saved] = [await convertBytes('notice', 'notice.html', new TextEncoder().encode(html)), await convertBytes('notice', 'sheet.html', new TextEncoder().encode(sheet))];
    expect(records(saved.document)).toEqual(records(original.document));
    // A row of one cell over the opinion table reads as a line of the notice; one that states none of its facts (別添1, its own part headings) is reported, as any table row outside the opinions is.
    expect(saved.messages.trim().split('\n').map((line) => line.replace(/^sheet\.html:\d+:\d+: /, ''))).toEqual([
      'info: Unexpected table row outside the opinion tables: 別添1 [note-outside-table]',
      'info: Unexpected table row outside the opinion tables: 1 意見募集の概要 [note-outside-table]',
      'info: Unexpected table row outside the opinion tables: 3 御意見の概要及び御意見に対する当庁の考え方 [note-outside-table]',
    ]);
  });

  it.each([
    { format: 'TAB text (.txt)', fileName: 'notice.txt', delimiter: '\t' },
    { format: 'TAB text (.tsv)', fileName: 'notice.tsv', delimiter: '\t' },
    { format: 'CSV (tabula, Excel)', fileName: 'notice.csv', delimiter: ',' },
  ])("caa-hyoji-html.html as one spreadsheet sheet saved as $format: every line a row across the sheet, a cell's paragraphs quoted over lines", async ({ fileName, delimiter }) => {
    const width = 4;
    const special = delimiter === ',' ? /[\n",]/ : /[\n"]/;
    const quoted = (text: string): string => (special.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const padded = (cells: string[]): string => [...cells, ...Array<string>(width - cells.length).fill('')].join(delimiter);
    const lines = (descendantsNamed(fromHtml(html), 'body')[0] as Element).children.flatMap((node) => {
      if (node.type !== 'element') return [];
      if (node.tagName === 'table') return exportedRows(node, (cell) => quoted(toText(cell).trim().replace(/\n+/g, '\n'))).map(padded);
      return toText(node).split('\n').map((line) => line.trim()).filter((line) => line !== '').map((line) => padded([quoted(line)]));
    });
    expect(lines.filter((line) => line.startsWith('"') || line.includes(`${delimiter}"`))).not.toHaveLength(0);
    const [original, saved] = [await convertBytes('notice', 'notice.html', new TextEncoder().encode(html)), await convertBytes('notice', fileName, new TextEncoder().encode(lines.join('\r\n')))];
    expect(records(saved.document)).toEqual(records(original.document));
    expect(saved.messages).not.toMatch(/warning|error/);
    expect(saved.messages).toContain('(opinions 3, 4) [merged-cell-carried]');
  });

  it('caa-hyoji-html.html as pandoc writes GFM: headings and paragraphs in markdown, a table with merged cells kept as HTML', async () => {
    const markdown = (descendantsNamed(fromHtml(html), 'body')[0] as Element).children.flatMap((node) => {
      if (node.type !== 'element') return [];
      if (node.tagName === 'table' && html.slice(node.position?.start.offset, node.position?.end.offset).includes('rowspan')) return [html.slice(node.position?.start.offset, node.position?.end.offset), ''];
      if (node.tagName === 'table') return [...exportedRows(node, (cell) => toText(cell)).flatMap((cells, index) => [`| ${cells.join(' | ')} |`, ...(index === 0 ? [`|${cells.map(() => '---').join('|')}|`] : [])]), ''];
      const heading = /^h([1-6])$/.exec(node.tagName);
      const lines = toText(node).split('\n').map((line) => line.trim()).filter((line) => line !== '');
      return [heading ? `${'#'.repeat(Number(heading[1]))} ${lines.join(' ')}` : lines.join('\\\n'), ''];
    });
    const [original, page] = [await convertBytes('notice', 'notice.html', new TextEncoder().encode(html)), await convertBytes('notice', 'notice.md', new TextEncoder().encode(markdown.join('\n')))];
    expect(markdown.join('\n')).toContain('| 団体 | 事業者 | 個人 |\n|---|---|---|');
    expect(markdown.join('\n')).toContain('\n<table border="1">\n<thead>');
    expect(records(page.document)).toEqual(records(original.document));
    expect(page.messages).toBe('');
  });

  it('caa-hyoji-html.html as pandoc 3 writes markdown: grid tables with merged cells whose cells are markdown, a date line ending with a line break (pandoc-html-page)', async () => {
    // `pandoc -f html -t markdown-smart --wrap=none` (pandoc 3.10) of input/caa-hyoji-html.html.
    const [original, page] = [await convertBytes('notice', 'notice.html', new TextEncoder().encode(html)), await convertFixture('pandoc-html-page')];
    expect(records(page.document)).toEqual(records(original.document));
    expect(page.document?.notice.published?.date).toBe('2022-09-30');
    expect(page.messages).toBe('');
  });

  it('caa-hyoji-html.html as w3m prints it: tables drawn with box-drawing characters, merged cells, text wrapped in the cells (w3m-html-page)', async () => {
    // `w3m -dump -cols 200` (w3m 0.5.3) of input/caa-hyoji-html.html.
    const [original, page] = [await convertBytes('notice', 'notice.html', new TextEncoder().encode(html)), await convertFixture('w3m-html-page')];
    // A cell's <br> prints as a wrap does, and a wrap between Japanese words keeps no space: text is compared without its spaces and line breaks.
    expect(squeezedRecords(page.document)).toEqual(squeezedRecords(original.document));
    expect(page.messages).toBe('');
  });

  describe('printed to PDF by LibreOffice and read from the word boxes of pdftotext -bbox-layout (pdftotext-bbox-centred)', () => {
    const fixtureFile = async (fileName: string) => convertBytes('notice', fileName, readFileSync(new URL(`./fixtures/pdftotext-bbox-centred/${fileName}`, import.meta.url)));
    /** The HTML notice's records, but for the places (and the references read from them) of the opinions `places` names, by key. */
    const expectedFrom = async (places: Record<string, [string, string[]]>) => {
      const expected = squeezedRecords((await convertBytes('notice', 'notice.html', new TextEncoder().encode(html))).document);
      for (const opinion of expected.opinions ?? []) {
        const place = places[String(opinion[0])];
        const comment = (opinion[4] as unknown[][])[0] as unknown[];
        if (place) [comment[2], comment[3]] = place;
      }
      return expected;
    };

    it('cells centred vertically: each row from the number in its middle, every opinion read', async () => {
      const page = await convertFixture('pdftotext-bbox-centred');
      // The 該当箇所 cell of rows 2 to 4 (rowspan) is centred across them: the page break printed its first line in row 2, the rest stands in row 3, and row 4 repeats row 3's.
      const first: [string, string[]] = ['第3条第', ['art.3', 'art.3.2']];
      const rest: [string, string[]] = ['2項の表原料原産地名の項', ['2項の表原料原産地名の項']];
      expect(squeezedRecords(page.document)).toEqual(await expectedFrom({ '2': first, '3': rest, '4': rest }));
      expect(page.document?.opinions).toHaveLength(9);
      expect(page.messages).not.toMatch(/warning|error/);
    });

    it('the words alone (pdftotext -bbox) give the same records as the words in blocks and lines (-bbox-layout)', async () => {
      const [words, layout] = [await fixtureFile('words.html'), await convertFixture('pdftotext-bbox-centred')];
      expect(records(words.document)).toEqual(records(layout.document));
      expect(words.document?.opinions).toHaveLength(9);
    });

    it.each<{ fileName: string; places: Record<string, [string, string[]]> }>([
      { fileName: 'top.html', places: {} },
      { fileName: 'number-middle.html', places: {} },
      // A merged cell printed at its bottom row, 4: the rows above it take the place above them, as a merged cell printed once in its first row is read.
      { fileName: 'bottom.html', places: { '2': ['全般', ['whole', 'art.3.2']], '3': ['全般', ['whole']] } },
    ])('cells aligned otherwise ($fileName): the rows read as the page prints them', async ({ fileName, places }) => {
      const page = await fixtureFile(fileName);
      expect(squeezedRecords(page.document)).toEqual(await expectedFrom(places));
      expect(page.messages).not.toMatch(/warning|error/);
    });
  });

  it('printed by Chromium instead (word boxes 2.6 times as high as the text, the number column wrapping 番 / 号): the same records (pdftotext-bbox-chromium)', async () => {
    const page = await convertFixture('pdftotext-bbox-chromium');
    const expected = squeezedRecords((await convertBytes('notice', 'notice.html', new TextEncoder().encode(html))).document);
    // The 該当箇所 cell of rows 2 to 4 (rowspan) is centred across them, in row 3: row 2 takes row 1's place, as an empty cell under a merged one does.
    const second = expected.opinions?.[1] as unknown[];
    (second[4] as unknown[][])[0]?.splice(2, 2, '全般', ['whole', 'art.3.2']);
    expect(squeezedRecords(page.document)).toEqual(expected);
    expect(page.messages).not.toMatch(/warning|error/);
  });

  it('the Word notice of pandoc-merged-cells printed to PDF by LibreOffice, read from its word boxes: rows without gaps between them, heading rows, two comments in a merged number cell (pdftotext-bbox-word)', async () => {
    const [pdf, word] = [await convertFixture('pdftotext-bbox-word'), await convertFixture('pandoc-merged-cells')];
    expect(squeezedRecords(pdf.document)).toEqual(squeezedRecords(word.document));
    expect(pdf.document?.sections.map((section) => section.title)).toEqual(['総論', '各論']);
    expect(pdf.document?.opinions[0]?.comments.map((comment) => comment.submitterRaw)).toEqual(['【A 自動車株式会社】', '【個人】']);
  });

  it.each(variants)('caa-hyoji-html.html as $name: a merged 該当箇所 or section row printed in its first cell', async ({ fileName, text }) => {
    const exportedText = text();
    expect(exportedText.split('\n').filter((line) => /^(?:\| )?[34](?:\t| \| )(?:\t| \| )/.test(line))).toHaveLength(2);
    const [original, rows] = [await convertBytes('notice', 'notice.html', new TextEncoder().encode(html)), await convertBytes('notice', fileName, new TextEncoder().encode(exportedText))];
    expect(records(rows.document)).toEqual(records(original.document));
    expect(original.messages).toBe('');
    expect(rows.messages).toMatch(/^notice\.(?:txt|md):\d+:\d+: info: Unexpected empty 該当箇所 cell .*\(opinions 3, 4\) \[merged-cell-carried\]\n$/);
  });
});

/** Elements named `tagName` below `root`, in document order. */
function descendantsNamed(root: Root | Element, tagName: string): Element[] {
  return root.children.flatMap((node) => (node.type === 'element' ? [...(node.tagName === tagName ? [node] : []), ...descendantsNamed(node, tagName)] : []));
}

describe('a table of counts by kind over the opinion table', () => {
  it('reads 区分 | 提出者数 | 意見件数 into the breakdown and the total, with no unknown-header error', async () => {
    const html = [
      '<html><body><h1>「テスト計画(案)」に対する意見募集の結果</h1>',
      '<table><tr><th>区分</th><th>提出者数</th><th>意見件数</th></tr><tr><td>個人</td><td>10人</td><td>25件</td></tr><tr><td>団体</td><td>3団体</td><td>8件</td></tr><tr><td>合計</td><td>13</td><td>33件</td></tr></table>',
      '<table><tr><th>番号</th><th>御意見の概要</th><th>市の考え方</th></tr><tr><td>1</td><td>延期すべき。</td><td>承ります。</td></tr></table>',
      '</body></html>',
      '',
    ].join('\n');
    const { document, messages } = await convertBytes('page', 'page.html', new TextEncoder().encode(html));
    expect(messages).not.toMatch(/error|warning/);
    expect(document?.notice).toMatchObject({ submitterCount: 13, submitterBreakdown: [{ label: '個人', count: 10, unit: '人', partOf: null }, { label: '団体', count: 3, unit: '団体', partOf: null }] });
    expect(document?.opinions.map((o) => o.key)).toEqual(['1']);
  });
});

describe('a table of the revisions after the opinions (修正前 | 修正後, 新旧対照表)', () => {
  it.each([
    ['該当箇所\t修正前\t修正後', 'p.3\t原案の記載\t修正後の記載'],
    ['改正案\t現行', '第1条 改めた条文\t第1条 元の条文'],
  ])('reports %j and its rows as notes, and reads no opinion from them', async (header, row) => {
    const text = ['テスト計画(案)に対する意見募集の結果', '', '番号\t御意見の概要\t市の考え方', '1\t延期すべき。\t御意見を踏まえ修正します。', '', '修正箇所一覧', header, row, ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual([['1', ['延期すべき。'], '御意見を踏まえ修正します。']]);
    expect(messages).toContain(`notice.txt:7:1: info: Unexpected table of revisions ${header.split('\t').map((cell) => `「${cell}」`).join(' ')}, which is no opinion table: its rows are reported as notes [note-outside-table]`);
    expect(messages).toContain(`notice.txt:8:1: info: Unexpected row of a table of revisions: ${row.replace(/\t/g, ' ')} [note-outside-table]`);
    expect(messages).not.toMatch(/warning|error/);
    const coverage = document?.notice.coverage;
    expect((coverage?.attributed ?? 0) + (coverage?.reported ?? 0)).toBe(coverage?.characters);
  });
});

describe('notes beside the tables (notice.notes)', () => {
  it('keeps the ※ notes of the title block and after the table, in JSON and JSON-LD, and reports other text after the table', async () => {
    const text = [
      'テスト規則(案)に対する意見及び考え方',
      '意見募集期間：令和6年4月1日～令和6年4月30日',
      '提出意見数：3件 ※1者から複数の御意見があった場合も1件としています。',
      '番号\t御意見の概要\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
      '※ 御意見は要約して掲載しています。',
      '以上',
      '',
    ].join('\n');
    const { document, messages, files } = await convertText(text);
    expect(document?.notice.notes).toEqual([
      { text: '※1者から複数の御意見があった場合も1件としています。', line: 3 },
      { text: '※ 御意見は要約して掲載しています。', line: 7 },
    ]);
    expect(document?.notice.submitterCount).toBe(3);
    expect(messages).toContain('notice.txt:8:1: info: Unexpected text outside any table: 以上 [note-outside-table]');
    expect(messages).not.toContain('御意見は要約して');
    expect(JSON.parse(files.get('notice.jsonld') ?? '{}').note).toEqual([
      { '@type': 'Note', text: '※1者から複数の御意見があった場合も1件としています。', line: 3 },
      { '@type': 'Note', text: '※ 御意見は要約して掲載しています。', line: 7 },
    ]);
  });
});

describe('what the notice says of its draft (notice.draftChanges, FORMATS.md §1.7)', () => {
  it('reads a line of the title block, a cover row and a line after the tables, reports none of them, and writes JSON, CSV and JSON-LD', async () => {
    const text = [
      'テスト規則(案)に対する意見募集の結果',
      '意見募集期間：令和6年4月1日～令和6年4月30日',
      'ウ 原案からの変更点 別添2のとおり。',
      '修正箇所数\t4箇所',
      '',
      '番号\t御意見の概要\t考え方',
      '1\t延期すべき。\t御意見を踏まえ修正します。',
      '',
      '意見を踏まえ、一部修正を行った上で公布しました。',
      '',
    ].join('\n');
    const { document, messages, files } = await convertText(text);
    expect(document?.notice.draftChanges).toEqual({
      revised: true,
      changeCount: 4,
      changeCountRaw: '4箇所',
      annex: '別添2',
      statements: [
        { text: 'ウ 原案からの変更点 別添2のとおり。', line: 3 },
        { text: '修正箇所数 4箇所', line: 4 },
        { text: '意見を踏まえ、一部修正を行った上で公布しました。', line: 9 },
      ],
    });
    expect(messages).not.toContain('[note-outside-table]');
    expect(messages).not.toContain('修正箇所数');
    const [head, row] = (files.get('notice.notice.csv') ?? '').replace(/^\uFEFF/, '').split('\n');
    const columns = head?.split(',') ?? [];
    const cells = row?.split(',') ?? [];
    expect(['draft_revised', 'draft_change_count', 'draft_change_count_raw', 'draft_change_annex'].map((column) => cells[columns.indexOf(column)])).toEqual(['true', '4', '4箇所', '別添2']);
    expect(JSON.parse(files.get('notice.jsonld') ?? '{}').draftChanges).toMatchObject({ '@type': 'DraftChanges', revised: true, changeCount: 4, changeAnnex: '別添2' });
  });

  it('says the draft was kept, and stays null on a notice that says nothing of it', async () => {
    const table = ['番号\t御意見の概要\t考え方', '1\t延期すべき。\t原案のとおりとします。', ''];
    const kept = await convertText(['テスト規則(案)に対する意見募集の結果', '意見募集期間：令和6年4月1日～令和6年4月30日', '御意見を踏まえ検討した結果、原案のとおり決定しました。', ...table].join('\n'));
    expect(kept.document?.notice.draftChanges).toMatchObject({ revised: false, changeCount: null, annex: null });
    const silent = await convertText(['テスト規則(案)に対する意見募集の結果', '意見募集期間：令和6年4月1日～令和6年4月30日', ...table].join('\n'));
    expect(silent.document?.notice.draftChanges).toBeNull();
  });
});

describe('a consultation that received no opinion', () => {
  const head = ['「テスト計画(案)」に対する意見募集の結果', '意見募集期間：令和6年4月1日～令和6年4月30日'];

  it.each([
    ['意見の提出はありませんでした。', null],
    ['期間中、提出された御意見はございませんでした。', null],
    ['提出意見数：０件', 0],
  ])('converts its title block without an error: %s', async (line, count) => {
    const { document, messages } = await convertText([...head, line, ''].join('\n'));
    expect(messages).toContain(`notice.txt:3:1: info: Unexpected notice without an opinion table, which says no opinion was submitted (「${line}」): only what its title block says is converted [no-opinions-submitted]`);
    expect(messages).not.toContain('error');
    expect(document?.notice).toMatchObject({ title: head[0], period: { start: '2024-04-01', end: '2024-04-30' }, submitterCount: count });
    expect(document?.opinions).toEqual([]);
  });

  it('still reports a missing table where only the second round (再意見) received none, or a count is not zero', async () => {
    for (const line of ['再意見の提出はありませんでした。', '提出意見数：10件']) {
      const { messages } = await convertText([...head, line, ''].join('\n'));
      expect(messages).toContain('[no-opinion-table]');
      expect(messages).not.toContain('[no-opinions-submitted]');
    }
  });
});

describe('the e-Gov result template (行政手続法 43条)', () => {
  it('reads a cover table of labels and values into the notice, under a title that stays the title', async () => {
    const html = [
      '<html><body>',
      '<h1>意見公募手続の結果について</h1>',
      '<table>',
      '<tr><th>案件番号</th><td>495230123</td></tr>',
      '<tr><th>定めた命令等の題名</th><td>電波法施行規則の一部を改正する省令</td></tr>',
      '<tr><th>根拠法令項</th><td>電波法第四条</td></tr>',
      '<tr><th>命令等の公布日・決定日</th><td>2024年03月20日</td></tr>',
      '<tr><th>意見提出期間</th><td>令和6年2月1日～令和6年3月1日</td></tr>',
      '<tr><th>提出意見数</th><td>3件</td></tr>',
      '</table>',
      '<table>',
      '<tr><th>番号</th><th>提出意見</th><th>提出意見を考慮した結果及びその理由</th></tr>',
      '<tr><td>1</td><td>施行日を1年延期すべき。(一般社団法人テスト無線協会)</td><td>原案のとおりとします。</td></tr>',
      '</table>',
      '</body></html>',
    ].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(document?.notice).toMatchObject({ title: '意見公募手続の結果について', subject: '電波法施行規則の一部を改正する省令', caseNumber: '495230123', legalBasis: '電波法第四条', decided: { date: '2024-03-20', raw: '2024年03月20日' }, period: { start: '2024-02-01', end: '2024-03-01' }, submitterCount: 3 });
    expect(document?.notice.published).toBeNull();
    expect(document?.sections).toEqual([]);
    expect(document?.opinions.map((o) => o.comments[0]?.submitter)).toEqual(['一般社団法人テスト無線協会']);
    // Every row is read; no row is taken for a header.
    expect(messages).not.toContain('[note-outside-table]');
    expect(messages).not.toContain('[unknown-header]');
    expect(messages).not.toContain('[unattributed-text]');
  });

  it('reads the 案件番号 on a line of its own, in full-width digits too, into JSON, CSV and JSON-LD', async () => {
    const text = ['意見公募手続の結果について', '案件番号：４９５２３０１２３', '意見提出期間 令和6年2月1日～令和6年3月1日', '', '番号\t提出意見\t考え方', '1\t延期すべき。\t承ります。', ''].join('\n');
    const { document, messages, files } = await convertText(text);
    expect(document?.notice.caseNumber).toBe('495230123');
    expect(messages).toBe('');
    const [head, row] = (files.get('notice.notice.csv') ?? '').split('\n');
    expect(row?.split(',')[(head ?? '').split(',').indexOf('case_number')]).toBe('495230123');
    expect(JSON.parse(files.get('notice.jsonld') ?? '{}').caseNumber).toBe('495230123');
    // A number in a sentence, or too short to be a case's, is none.
    for (const line of ['案件番号は後日お知らせします。', '案件番号 123']) {
      expect((await convertText(text.replace('案件番号：４９５２３０１２３', line))).document?.notice.caseNumber).toBeNull();
    }
  });

  it('reads 提出意見 ⇥ 提出意見を考慮した結果及びその理由, and the period and count of its opening sentence (egov-template)', async () => {
    const { document, messages } = await convertFixture('egov-template');
    expect(document?.notice).toMatchObject({ subject: '「電波法施行規則の一部を改正する省令案」', period: { start: '2024-03-01', end: '2024-03-30' }, submitterCount: 3, submitterCountUnit: '件' });
    expect(document?.opinions.map((o) => [o.label, o.comments.map((c) => c.submitter), o.response?.refersTo, o.outcome])).toEqual([
      ['1', ['一般社団法人テスト無線協会'], [], 'unchanged'],
      ['2', ['個人'], [], 'revised'],
      ['3', ['個人'], ['1'], 'unchanged'],
    ]);
    expect(messages).toBe('');
  });
});

describe('circled digits that a conversion lost (FORMATS.md hard case 13)', () => {
  it('restores the mojibake @ A B and a spelled-out マル5, in text and in places, and names what was printed', async () => {
    const notice = [
      '結果',
      '',
      '該当箇所\tコメントの概要\tコメントに対する考え方',
      '<p>1-(3)-マル5</p>\t<p>次の点を見直すべき。</p><p>@郵政民営化の課題 A郵政改革の方向性 Bその他</p><p>(全国労働金庫協会)</p>\t<p>原案のとおりとします。</p>',
    ].join('\n');
    const { document, messages } = await convertText(notice);
    const comment = document?.opinions[0]?.comments[0];
    expect(comment?.text).toBe('次の点を見直すべき。\n①郵政民営化の課題 ②郵政改革の方向性 ③その他');
    expect(comment?.refs.map((ref) => ref.canonical)).toContain('1-(3)-⑤');
    expect(messages).toContain('notice.txt:4:1: info: Unexpected マル5 where circled digits belong (lost by a conversion), read as ⑤ [circled-digits-restored]');
    expect(messages).toMatch(/notice\.txt:4:\d+: info: Unexpected @ A B where circled digits belong \(lost by a conversion\), read as ① ② ③ \[circled-digits-restored\]/);
    expect(document?.notice.coverage.share).toBe(1);
  });
});

describe('revision flags in other words than 有 and 無', () => {
  it('reads a ○/－ column and 修正あり, 反映 or なし as the flag, keeping it as printed, and reports a value it does not know', async () => {
    const rows = [['○', '修正します。'], ['－', '原案のとおりとします。'], ['修正あり', '修正します。'], ['反映なし', '承ります。'], ['検討中', '今後検討します。']];
    const text = ['結果', '', '番号\t提出された意見\t考え方\t修正の有無', ...rows.map(([flag, response], index) => `${index + 1}\t<p>見直すべき。</p>\t<p>${response}</p>\t${flag}`), ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.revisedRaw, o.revised])).toEqual([['○', true], ['－', false], ['修正あり', true], ['反映なし', false], ['検討中', null]]);
    expect(messages.match(/\[flag-unrecognised\]/g)).toHaveLength(1);
    expect(messages).toContain('notice.txt:8:33: warning: Unexpected revision flag 検討中 for opinion 5');
  });

  it('keeps the first of two flags printed for one opinion and reports the second at its cell, its text counted as reported', async () => {
    const text = ['結果', '', '番号\t提出された意見\t考え方\t修正の有無', '1\t見直すべき。\t修正します。\t有', '\t特に第2条。\t\t無', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.revisedRaw, o.revised])).toEqual([['1', '有', true]]);
    expect(messages).toContain('notice.txt:5:10: warning: Unexpected second revision flag 無 for opinion 1, expected one flag per opinion [flag-conflict]');
    expect(document?.notice.coverage).toMatchObject({ characters: 21, attributed: 20, reported: 1 });
  });
});

describe('flags printed as codes that a legend explains (municipal 対応区分)', () => {
  it('reads the legends of one line (【対応区分】A：…　B：…　C：…) as it reads one per line', async () => {
    const text = ['テスト市総合計画(案)に対する意見募集の結果', '【対応区分】 A：意見を反映し、案を修正したもの　B：既に案に盛り込まれているもの　C：今後の参考とするもの', '', '番号\t意見の概要\t市の考え方\t対応区分', '1\t基準値を見直すべき。\t御意見を踏まえ、修正します。\tA', '2\t説明会を開くべき。\t今後の参考とします。\tC', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.glossary.map((g) => [g.term, g.line])).toEqual([['A', 2], ['B', 2], ['C', 2]]);
    expect(document?.opinions.map((o) => [o.key, o.revisedRaw, o.revised])).toEqual([['1', 'A', true], ['2', 'C', false]]);
    expect(messages).not.toContain('[flag-unrecognised]');
  });

  it('reads legends printed after the table (※対応区分 A：…　D：…), a footnote rather than a note outside the table', async () => {
    const text = ['テスト市総合計画(案)に対する意見募集の結果', '', '番号\t意見の概要\t市の考え方\t対応区分', '1\t基準値を見直すべき。\t御意見を踏まえ、修正します。\tA', '2\t経過措置を設けるべき。\t原案のとおりとします。\tD', '', '※対応区分 A：意見を反映し、案を修正したもの　D：反映しないもの', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.glossary).toEqual([
      { term: 'A', meaning: '意見を反映し、案を修正したもの', line: 7 },
      { term: 'D', meaning: '反映しないもの', line: 7 },
    ]);
    expect(document?.opinions.map((o) => [o.key, o.revisedRaw, o.revised])).toEqual([['1', 'A', true], ['2', 'D', false]]);
    expect(messages).not.toMatch(/flag-unrecognised|note-outside-table/);
  });

  it('takes the legend A：…修正したもの into the glossary and reads each code by its meaning; an undefined code stays unknown', async () => {
    const text = [
      'テスト市子ども計画(案)に対する意見募集の結果について',
      '',
      ' 2名の方から5件のご意見をいただきました。',
      '',
      '【対応区分】',
      'A：意見を反映し、案を修正したもの',
      'Ｂ：既に案に盛り込まれているもの',
      'C・・・今後の参考とするもの',
      'D：案に反映しないもの',
      '',
      '番号\t意見の概要\t市の考え方\t対応区分',
      ...['A', 'B', 'C', 'Ｄ', 'E'].map((code, index) => `${index + 1}\t意見${index + 1}です。\t回答${index + 1}です。\t${code}`),
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.glossary).toEqual([
      { term: 'A', meaning: '意見を反映し、案を修正したもの', line: 6 },
      { term: 'Ｂ', meaning: '既に案に盛り込まれているもの', line: 7 },
      { term: 'C', meaning: '今後の参考とするもの', line: 8 },
      { term: 'D', meaning: '案に反映しないもの', line: 9 },
    ]);
    expect(document?.opinions.map((o) => [o.revisedRaw, o.revised])).toEqual([['A', true], ['B', false], ['C', false], ['Ｄ', false], ['E', null]]);
    expect(messages.match(/\[flag-unrecognised\]/g)).toHaveLength(1);
    expect(messages).toContain("Unexpected revision flag E for opinion 5, expected 有 or 無 (○ or ×, 修正あり or 修正なし, 反映 or 反映なし), or a code the notice's legend explains");
    // 2名の方から: the people who sent the opinions, not the opinions.
    expect(document?.notice).toMatchObject({ submitterCount: 2, submitterCountUnit: '名' });
  });
});

describe('submitters marked in other forms', () => {
  it('reads marks in 〔…〕 and ［…］, and a business named by its kind (事業者)', async () => {
    const cells = ['<p>対象を広げるべき。</p><p>〔個人〕</p>', '<p>対象を狭めるべき。［匿名］</p>', '<p>期限を延長すべき。</p><p>(事業者)</p>', '<p>理由を示すべき。(事業者の負担のため)</p>'];
    const text = ['結果', '', '番号\t提出された意見\t考え方', ...cells.map((cell, index) => `${index + 1}\t${cell}\t<p>原案のとおりとします。</p>`), ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => o.comments.map((c) => [c.submitter, c.submitterRaw, c.text]))).toEqual([
      [['個人', '〔個人〕', '対象を広げるべき。']],
      [['匿名', '［匿名］', '対象を狭めるべき。']],
      [['事業者', '(事業者)', '期限を延長すべき。']],
      [[null, null, '理由を示すべき。(事業者の負担のため)']],
    ]);
    expect(document?.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['個人', 'individual'],
      ['匿名', 'individual'],
      ['事業者', 'organization'],
    ]);
  });

  it('reads 提出者: lines, a mark before the text, 匿名 and a described individual', async () => {
    const cells = [
      '<p>対象を広げるべき。</p><p>提出者：テスト株式会社</p>',
      '<p>【提出者：テスト協会】</p><p>対象を狭めるべき。</p><p>理由は次のとおり。</p>',
      '<p>手数料を下げるべき。(匿名)</p>',
      '<p>期限を延長すべき。(個人・20代)</p>',
      // Marks before and after the text: the one after names it, the one before is kept as printed, naming no text.
      '<p>【個人A】</p><p>様式を改めるべき。【個人B】</p>',
    ];
    const text = ['結果', '', '番号\t提出された意見\t考え方', ...cells.map((cell, index) => `${index + 1}\t${cell}\t<p>原案のとおりとします。</p>`), ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => o.comments.map((c) => [c.submitter, c.submitterRaw, c.text]))).toEqual([
      [['テスト株式会社', '提出者：テスト株式会社', '対象を広げるべき。']],
      [['テスト協会', '【提出者：テスト協会】', '対象を狭めるべき。\n理由は次のとおり。']],
      [['匿名', '(匿名)', '手数料を下げるべき。']],
      [['個人・20代', '(個人・20代)', '期限を延長すべき。']],
      [['個人A', '【個人A】', ''], ['個人B', '【個人B】', '様式を改めるべき。']],
    ]);
    expect(document?.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['テスト株式会社', 'organization'],
      ['テスト協会', 'organization'],
      ['匿名', 'individual'],
      ['個人・20代', 'individual'],
      ['個人A', 'individual'],
      ['個人B', 'individual'],
    ]);
    expect(messages).not.toContain('[missing-submitter]');
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('reads marks that open each comment of a cell (【A】 text 【B】 text): each names the text below it', async () => {
    const cell = '<p>【株式会社テスト】</p><p>対象を広げるべき。</p><p>【個人A】</p><p>期限を延長すべき。</p><p>理由は次のとおり。</p>';
    const { document, messages } = await convertText(['結果', '', '番号\t提出された意見\t考え方', `1\t${cell}\t<p>原案のとおりとします。</p>`, ''].join('\n'));
    expect(document?.opinions[0]?.comments.map((c) => [c.submitter, c.submitterRaw, c.text])).toEqual([
      ['株式会社テスト', '【株式会社テスト】', '対象を広げるべき。'],
      ['個人A', '【個人A】', '期限を延長すべき。\n理由は次のとおり。'],
    ]);
    expect(messages).not.toContain('[missing-submitter]');
    expect(document?.notice.coverage.share).toBe(1);

    // A mark closing a paragraph in such a cell ends the comment the mark before it opened; the text after it has no mark.
    const mixed = '<p>【株式会社テスト】</p><p>対象を広げるべき。</p><p>期限を延長すべき。【個人A】</p><p>以上。</p>';
    const other = await convertText(['結果', '', '番号\t提出された意見\t考え方', `1\t${mixed}\t<p>原案のとおりとします。</p>`, ''].join('\n'));
    expect(other.document?.opinions[0]?.comments.map((c) => [c.submitter, c.text])).toEqual([
      ['株式会社テスト', '対象を広げるべき。'],
      ['個人A', '期限を延長すべき。'],
      [null, '以上。'],
    ]);
    expect(other.document?.notice.coverage.share).toBe(1);
  });
});

describe('a list of submitters (提出者一覧)', () => {
  it('reads items numbered with a full-width space or none, and counts 個人（3名） without naming anyone', async () => {
    const text = ['テスト案に対する意見募集の結果', '提出意見数：5者', '', '意見提出者一覧（受付順、敬称略）', '1　株式会社テスト', '2. 一般社団法人テスト協会', '3 個人（3名）', '', '番号\t提出された意見\t考え方', '1\t<p>延期すべき。（株式会社テスト）</p>\t<p>承ります。</p>', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['株式会社テスト', 'organization'],
      ['一般社団法人テスト協会', 'organization'],
    ]);
    expect(messages).not.toContain('[submitter-count-mismatch]');
    expect(messages).not.toContain('[unknown-submitter]');
  });

  it('reads a list of organisations (意見提出団体一覧, S26) as a 提出者一覧, its names organisations where the name itself does not tell', async () => {
    const text = ['テスト案に対する意見募集の結果', '', '意見提出団体一覧(1)', '1 株式会社テスト', '2 日本テスト', '', '番号\t提出された意見\t考え方', '1\t延期すべき。【日本テスト】\t承ります。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['株式会社テスト', 'organization'],
      ['日本テスト', 'organization'],
    ]);
    expect(document?.opinions[0]?.comments[0]?.submitter).toBe('日本テスト');
    expect(messages).not.toContain('[unknown-submitter]');
    // In a list of submitters, a name that does not tell stays unknown.
    const people = await convertText(text.replace('意見提出団体一覧(1)', '意見提出者一覧'));
    expect(people.document?.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['株式会社テスト', 'organization'],
      ['日本テスト', 'unknown'],
    ]);
  });

  it('keeps the organisation of a 氏名 ⇥ 団体名 row, the 氏名 beside it as its representative and a 意見数 as its count', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      '意見提出者一覧',
      '受付順\t氏名\t団体名\t意見数',
      '1\t山田太郎\t株式会社テスト\t3件',
      '2\t佐藤花子\t\t1',
      '(3)\t\t一般社団法人テスト協会\t多数',
      '4\t株式会社サンプル\t\t',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.name, s.kind, s.representative, s.opinionCount, s.opinionCountRaw])).toEqual([
      ['株式会社テスト', 'organization', '山田太郎', 3, '3件'],
      ['佐藤花子', 'individual', null, 1, '1'],
      ['一般社団法人テスト協会', 'organization', null, null, '多数'],
      // In the 氏名 column, but a company by its name.
      ['株式会社サンプル', 'organization', null, null, null],
    ]);
    expect(messages).toContain('notice.txt:7:18: info: Unexpected 意見数 多数 for 一般社団法人テスト協会, expected one number such as 3 or 12件: opinionCount is null [count-unread]');
    expect(messages).not.toContain('[note-outside-table]');
  });

  it('reports, once per column, what a 提出者一覧 table prints beside the names but its numbers, and the counts of a 再意見 round', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      '意見提出者一覧',
      'No.\t提出者\t代表者氏名等\t所在地',
      '1\t株式会社テスト\t代表取締役 山田太郎\t東京都',
      '2\t一般社団法人テスト協会\t\t大阪府',
      '',
      '再意見提出者一覧',
      '受付順\t再意見提出者\t意見数\t受付日',
      '1\t株式会社テスト\t2\t5月1日',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.name, s.representative, s.opinionCount])).toEqual([
      ['株式会社テスト', '代表取締役 山田太郎', null],
      ['一般社団法人テスト協会', null, null],
    ]);
    const reported = messages.split('\n').filter((line) => line.includes('提出者一覧 table'));
    expect(reported).toEqual([
      'notice.txt:5:22: info: Unexpected text in the column 所在地 of a 提出者一覧 table, expected names, their numbers, 代表者, 意見数 and 受付日: kept in no record: 東京都 大阪府 [note-outside-table]',
      'notice.txt:10:11: info: Unexpected text in the column 意見数 of a 提出者一覧 table, expected names, their numbers, 代表者, 意見数 and 受付日: kept in no record: 2 [note-outside-table]',
      'notice.txt:10:13: info: Unexpected text in the column 受付日 of a 提出者一覧 table, expected names, their numbers, 代表者, 意見数 and 受付日: kept in no record: 5月1日 [note-outside-table]',
    ]);
    expect(document?.diagnostics.find((d) => d.message.includes('所在地'))).toMatchObject({ line: 5, column: 22, endLine: 6, endColumn: 19 });
  });

  it('reads the 受付日 of a 提出者一覧 table as a date, in the year of the period where it prints none, keeping the cell as printed and reporting a cell it cannot read or a wrong weekday at the cell', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '意見募集期間：令和5年12月1日～令和6年1月31日',
      '',
      '意見提出者一覧',
      'No.\t提出者\t受付日',
      '1\t株式会社テスト\t12月20日(水)',
      '2\t一般社団法人テスト協会\t1月5日',
      '3\t日本テスト連盟\t令和6年1月31日(月)',
      '4\tテスト商事株式会社\t郵送',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document, messages, files } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.name, s.received, s.receivedRaw])).toEqual([
      ['株式会社テスト', '2023-12-20', '12月20日(水)'],
      ['一般社団法人テスト協会', '2024-01-05', '1月5日'],
      ['日本テスト連盟', '2024-01-31', '令和6年1月31日(月)'],
      ['テスト商事株式会社', null, '郵送'],
    ]);
    expect(messages.split('\n').filter((message) => message.includes('受付日'))).toEqual([
      'notice.txt:8:11: warning: Unexpected (月) in 令和6年1月31日(月), expected (水): 2024-01-31 is a 水曜日; the date is kept (the 受付日 of 日本テスト連盟) [received-weekday]',
      'notice.txt:9:13: info: Unexpected 受付日 郵送 for テスト商事株式会社, expected a date such as 4月1日 or 2024/4/1: received is null [received-unread]',
    ]);
    expect(files.get('notice.submitters.csv')?.split('\n')[1]).toBe('notice,s-1,株式会社テスト,organization,,,,2023-12-20,12月20日(水),');
    expect(files.get('notice.jsonld')).toContain('"dateReceived": "2023-12-20"');
  });

  it('reports a 受付日 of an HTML 提出者一覧 table at its cell, on the cell\'s own line', async () => {
    const html = [
      '<h1>テスト案に対する意見募集の結果</h1>',
      '<p>意見募集期間：令和5年12月1日～令和6年1月31日</p>',
      '<p>意見提出者一覧</p>',
      '<table>',
      '<tr><th>提出者</th><th>受付日</th></tr>',
      '<tr><td>株式会社テスト</td>',
      '  <td>郵送</td></tr>',
      '</table>',
      '<table>',
      '<tr><th>番号</th><th>提出された意見</th><th>考え方</th></tr>',
      '<tr><td>1</td><td>延期すべき。</td><td>承ります。</td></tr>',
      '</table>',
    ].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(document?.notice.submitters.map((s) => [s.name, s.received, s.receivedRaw])).toEqual([['株式会社テスト', null, '郵送']]);
    expect(messages).toContain('notice.html:7:3: info: Unexpected 受付日 郵送 for 株式会社テスト, expected a date such as 4月1日 or 2024/4/1: received is null [received-unread]');
  });

  it('reads the counts a 提出者一覧 states (計4者（14件）, 計2件 on a line of its own) where the title block states none, and checks the names against them', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      '意見提出者一覧　計3者（14件）（意見提出順、敬称略）',
      '1. 株式会社テスト',
      '2. 一般社団法人テスト協会',
      '',
      '再意見提出者一覧',
      '計1件（受付順、敬称略）',
      '1. 株式会社テスト',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice).toMatchObject({ submitterCount: 3, submitterCountUnit: '者', opinionCount: 14, reSubmitterCount: 1 });
    expect(messages).toContain('notice.txt:3:1: warning: Unexpected 2 submitters listed, expected 3者 as stated [submitter-count-mismatch]');
    expect(messages).not.toContain('re-opinion submitters listed');
    // The title block's own count comes first.
    const stated = await convertText(text.replace('テスト案に対する意見募集の結果\n', 'テスト案に対する意見募集の結果\n提出意見数：2者\n'));
    expect(stated.document?.notice).toMatchObject({ submitterCount: 2, reSubmitterCount: 1 });
    expect(stated.messages).not.toContain('[submitter-count-mismatch]');
  });

  it('gives a representative to a submitter the header block named first, and reports a second row of one name that prints others', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '提出意見数：2者',
      '法人：2者（株式会社テスト、株式会社サンプル）',
      '',
      '意見提出者一覧',
      '団体名\t代表者',
      '株式会社テスト\t山田太郎',
      '株式会社テスト\t佐藤花子',
      '株式会社サンプル\t',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.id, s.name, s.representative])).toEqual([
      ['s-1', '株式会社テスト', '山田太郎'],
      ['s-2', '株式会社サンプル', null],
    ]);
    expect(messages).toContain('notice.txt:8:1: info: Unexpected 株式会社テスト listed again with 佐藤花子, expected each submitter once: kept in no record [note-outside-table]');
  });

  it('takes the name of a row of a 提出者一覧 table without a header from its first cell that is no number, date, count or titled person, a title and a name for its representative, 件 for its count, and reports the others', async () => {
    const text = ['テスト案に対する意見募集の結果', '', '意見提出者一覧', '1\t株式会社テスト\t代表取締役 山田太郎\t3件', '2\t4月2日\t一般社団法人テスト協会', '3\t個人\t', '4\t理事長 鈴木一郎\tテスト協同組合\t東京都', '', '番号\t提出された意見\t考え方', '1\t延期すべき。\t承ります。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.name, s.kind, s.representative, s.opinionCount])).toEqual([
      ['株式会社テスト', 'organization', '代表取締役 山田太郎', 3],
      ['一般社団法人テスト協会', 'organization', null, null],
      ['個人', 'individual', null, null],
      ['テスト協同組合', 'organization', '理事長 鈴木一郎', null],
    ]);
    expect(messages).toContain('notice.txt:5:3: info: Unexpected text in a column of a 提出者一覧 table, expected names, their numbers, 代表者, 意見数 and 受付日: kept in no record: 4月2日 [note-outside-table]');
    expect(messages).toContain('notice.txt:7:20: info: Unexpected text in a column of a 提出者一覧 table, expected names, their numbers, 代表者, 意見数 and 受付日: kept in no record: 東京都 [note-outside-table]');
    expect(messages.match(/note-outside-table/g)).toHaveLength(2);
  });

  it('keeps the remarks of a 提出者一覧 in the title block (in its heading, on its total line) as notes, in the order printed', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      '意見提出者一覧（受付順、敬称略）',
      '1. 株式会社テスト',
      '2. 一般社団法人テスト協会',
      '※ 連名での提出は1者とカウント',
      '',
      '再意見提出者一覧',
      '計1者（五十音順）',
      '1. 株式会社テスト',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document } = await convertText(text);
    expect(document?.notice.notes).toEqual([
      { text: '（受付順、敬称略）', line: 3 },
      { text: '※ 連名での提出は1者とカウント', line: 6 },
      { text: '（五十音順）', line: 9 },
    ]);
    expect(document?.notice.reSubmitterCount).toBe(1);
  });

  it('keeps a remark line under a 提出者一覧 after the tables as a note, and reports a line it does not read rather than guess a name from it', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '提出意見数：4者',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
      '（参考）意見提出者一覧',
      '（順不同・敬称略）',
      '1. 株式会社テスト',
      '一般社団法人テスト協会',
      '※ 上記のほか、個人2名',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.notes).toEqual([
      { text: '（順不同・敬称略）', line: 8 },
      { text: '※ 上記のほか、個人2名', line: 11 },
    ]);
    expect(document?.notice.submitters.map((s) => s.name)).toEqual(['株式会社テスト']);
    expect(messages).toContain('notice.txt:10:1: info: Unexpected text under a 提出者一覧: 一般社団法人テスト協会, expected a numbered name (1. 株式会社…), a count of people (個人3名), a total (計4件) or a remark in parentheses; a bare line is not taken for a name [note-outside-table]');
    expect(messages).toContain('Unexpected 3 submitters listed, expected 4者 as stated [submitter-count-mismatch]');
  });

  it('reads the names of an HTML 提出者一覧 from its list items, whose numbers the page draws', async () => {
    const html = [
      '<html><body><h1>テスト案に対する意見募集の結果</h1><p>提出意見数：3者</p>',
      '<table><tr><th>番号</th><th>提出された意見</th><th>考え方</th></tr><tr><td>1</td><td>延期すべき。</td><td>承ります。</td></tr></table>',
      '<h3>意見提出者一覧</h3><p>（順不同・敬称略）</p>',
      '<ol><li>株式会社テスト</li><li>一般社団法人テスト協会</li></ol>',
      '<ul><li>個人1名</li></ul>',
      '</body></html>',
    ].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(document?.notice.submitters.map((s) => s.name)).toEqual(['株式会社テスト', '一般社団法人テスト協会']);
    expect(document?.notice.notes.map((n) => n.text)).toEqual(['（順不同・敬称略）']);
    expect(messages).not.toMatch(/note-outside-table|submitter-count-mismatch/);
  });

  it('reports an HTML list item of several lines under a 提出者一覧 rather than take it all for a name, but for a representative on the line below', async () => {
    const html = [
      '<html><body><h1>テスト案に対する意見募集の結果</h1>',
      '<table><tr><th>番号</th><th>提出された意見</th><th>考え方</th></tr><tr><td>1</td><td>延期すべき。</td><td>承ります。</td></tr></table>',
      '<h3>意見提出者一覧</h3>',
      '<ol><li>株式会社テスト</li><li>一般社団法人テスト協会<br>（代表理事 山田太郎）</li><li>テスト商事株式会社<br>東京都千代田区</li></ol>',
      '</body></html>',
    ].join('\n');
    const { document, messages } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(document?.notice.submitters.map((s) => [s.name, s.representative])).toEqual([
      ['株式会社テスト', null],
      ['一般社団法人テスト協会', '代表理事 山田太郎'],
    ]);
    expect(messages).toMatch(/notice\.html:4:\d+: info: Unexpected text under a 提出者一覧: テスト商事株式会社 東京都千代田区.*\[note-outside-table\]/);
  });

  it('joins a legal form wrapped onto a line of its own to its name without a space, and keeps the space between other lines of a name', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      '意見提出者一覧',
      'No.\t意見提出者',
      '1\t<p>株式会社</p><p>テストホールディングス</p>',
      '2\t<p>一般社団法人テスト協会</p><p>情報政策委員会</p>',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document } = await convertText(text);
    expect(document?.notice.submitters.map((s) => s.name)).toEqual(['株式会社テストホールディングス', '一般社団法人テスト協会 情報政策委員会']);
  });

  it('reads a 連名 row of a 提出者一覧 table as a joint submission: a submitter for each company, each with its representative, counted once (FORMATS.md S16)', async () => {
    const text = [
      '電気通信事業報告規則の一部を改正する省令案に対する意見募集の結果',
      '',
      '意見提出者一覧',
      '計4者（3件）（意見提出順、敬称略）',
      'No.\t意見提出者\t代表者氏名等',
      '1\t<p>株式会社テスト</p>\t<p>代表取締役社長 加藤 薰</p>',
      '2\t<p>株式会社エー</p><p>株式会社ビー</p><p>株式会社シー</p>\t<p>代表取締役 山田太郎</p><p>代表取締役 鈴木一郎</p><p>代表取締役 佐藤花子</p>',
      '3\t<p>エヌ・ティ・ティ・テスト</p><p>株式会社</p>\t<p>代表取締役 田中次郎</p>',
      '4\t<p>株式会社デー</p><p>株式会社イー</p>\t<p>代表取締役 高橋三郎</p>',
      '※連名での提出は1者とカウント',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。【株式会社テスト】\t承ります。',
      '2\t延期すべき。【株式会社エー、株式会社ビー、株式会社シー】\t承ります。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.id, s.name, s.representative, s.jointWith])).toEqual([
      ['s-1', '株式会社テスト', '代表取締役社長 加藤 薰', []],
      ['s-2', '株式会社エー', '代表取締役 山田太郎', ['s-3', 's-4']],
      ['s-3', '株式会社ビー', '代表取締役 鈴木一郎', ['s-2', 's-4']],
      ['s-4', '株式会社シー', '代表取締役 佐藤花子', ['s-2', 's-3']],
      // A legal form wrapped onto a line of its own joins the name without a space.
      ['s-5', 'エヌ・ティ・ティ・テスト株式会社', '代表取締役 田中次郎', []],
      ['s-6', '株式会社デー', null, ['s-7']],
      ['s-7', '株式会社イー', null, ['s-6']],
    ]);
    expect(document?.opinions[1]?.comments[0]?.submitter).toBe('株式会社エー、株式会社ビー、株式会社シー');
    // Seven companies in four rows, counted as the notice counts them; the companies a joint mark names are the listed ones.
    expect(messages).not.toMatch(/submitter-count-mismatch|unknown-submitter/);
    expect(messages).toMatch(/notice\.txt:9:\d+: info: Unexpected text in the column 代表者氏名等 of a 提出者一覧 table.*代表取締役 高橋三郎 \[note-outside-table\]/);
  });

  it('parts a listed line into the name, who signs for it (a title after a gap or in parentheses), its count of 件 and the companies of a joint submission, and reports a 再意見 round\'s count', async () => {
    const text = [
      'テスト案に対する意見募集の結果',
      '',
      '意見提出者一覧',
      '1　株式会社テスト　　代表取締役社長 山田太郎　　3件',
      '2　一般社団法人テスト協会（代表理事 鈴木一郎）（１件）',
      '3　日本 テスト 連合会　2件',
      '4　全国テスト会長会',
      '5　テスト株式会社　会長',
      '6　株式会社エー、株式会社ビー　2件',
      '7　エヌ・ティ・ティ・テスト株式会社',
      '計7者',
      '',
      '再意見提出者一覧',
      '1　株式会社テスト　代表取締役社長 山田太郎　1件',
      '',
      '番号\t提出された意見\t考え方',
      '1\t延期すべき。\t承ります。',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.notice.submitters.map((s) => [s.name, s.representative, s.opinionCount, s.opinionCountRaw])).toEqual([
      ['株式会社テスト', '代表取締役社長 山田太郎', 3, '3件'],
      ['一般社団法人テスト協会', '代表理事 鈴木一郎', 1, '１件'],
      ['日本 テスト 連合会', null, 2, '2件'],
      ['全国テスト会長会', null, null, null],
      ['テスト株式会社 会長', null, null, null],
      ['株式会社エー', null, 2, '2件'],
      ['株式会社ビー', null, 2, '2件'],
      ['エヌ・ティ・ティ・テスト株式会社', null, null, null],
    ]);
    // A joint submission (連名) on one line: each company a submitter, linked, and one entry of the list.
    expect(document?.notice.submitters.slice(5).map((s) => s.jointWith)).toEqual([['s-7'], ['s-6'], []]);
    expect(messages).not.toMatch(/submitter-count-mismatch/);
    expect(messages).toContain("notice.txt:14:1: info: Unexpected 1件 beside 株式会社テスト in a 再意見 round's 提出者一覧, expected a count of the first round's opinions: kept in no record [note-outside-table]");
    expect(messages).not.toMatch(/listed again/);
  });
});

describe('responses that are a ditto mark', () => {
  it('links 同上 and 上記と同じ to the opinion just above, and takes its outcome (FORMATS.md hard case 8)', async () => {
    const text = ['結果', '', '提出された意見\t総務省の考え方', '<p>意見1 延期すべき。</p>\t<p>原案のとおりとします。</p>', '<p>意見2 延期を求める。</p>\t<p>同上</p>', '<p>意見3 延期を求める。</p>\t<p>上記と同じ。</p>', '<p>意見4 同上</p>\t<p>御意見として承ります。</p>', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.response?.text, o.response?.refersTo, o.outcome])).toEqual([
      ['1', '原案のとおりとします。', [], 'unchanged'],
      ['2', '同上', ['1'], 'unchanged'],
      ['3', '上記と同じ。', ['2'], 'unchanged'],
      ['4', '御意見として承ります。', [], 'noted'],
    ]);
  });

  it('links a response that only points above (上記考え方を参照) to the opinion just above', async () => {
    const text = ['結果', '', '提出された意見\t総務省の考え方', '<p>意見1 延期すべき。</p>\t<p>原案のとおりとします。</p>', '<p>意見2 延期を求める。</p>\t<p>上記考え方を参照</p>', '<p>意見3 延期を求める。</p>\t<p>上記のとおり、施行日を改めます。</p>', '<p>意見4 廃止を求める。</p>\t<p>上記の考え方をご参照ください。</p>', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.response?.refersTo, o.outcome])).toEqual([
      ['1', [], 'unchanged'],
      ['2', ['1'], 'unchanged'],
      // Only a response that says nothing else points to the one above.
      ['3', [], 'revised'],
      ['4', ['3'], 'revised'],
    ]);
  });
});

describe('opinion labels as converters leave them', () => {
  it('reads a label whose letters are stacked (意<br>見 1-1, S16), keeping it as printed', async () => {
    const { document } = await convertText('結果\n\n提出された意見\t総務省の考え方\n<p>意<br>見 1-1 延期すべき。</p>\t<p>原案のとおりとします。</p>\n');
    expect(document?.opinions.map((o) => [o.id, o.key, o.label, o.summary])).toEqual([['op-1-1', '1-1', '意\n見 1-1', '延期すべき。']]);
  });

  it('reads 【意見2】, ご意見3 and a label with a separator (意見１．, 意見４:), which stays in the label rather than the summary', async () => {
    const rows = ['意見１．施行日を延期すべき。', '【意見２】様式を改めるべき。', 'ご意見3 期限を延長すべき。', '意見４:手数料を下げるべき。', 'ご意見12件を踏まえ、再度検討すべき。', '意見2点目として、様式を示すべき。'];
    const { document } = await convertText(['結果', '', '御意見の概要\t御意見に対する考え方', ...rows.map((row) => `<p>${row}</p>\t<p>承ります。</p>`), ''].join('\n'));
    expect(document?.opinions.map((o) => [o.key, o.label, o.summary, o.comments.map((c) => c.text)])).toEqual([
      ['1', '意見１．', '施行日を延期すべき。', []],
      ['2', '【意見２】', '様式を改めるべき。', []],
      ['3', 'ご意見3', '期限を延長すべき。', []],
      // A count or an order after 意見 is no label: such a row continues the opinion above.
      ['4', '意見４:', '手数料を下げるべき。', ['ご意見12件を踏まえ、再度検討すべき。\n意見2点目として、様式を示すべき。']],
    ]);
    expect(document?.notice.coverage.share).toBe(1);
  });
});

describe('PDF word boxes (pdftotext -bbox-layout, -bbox)', () => {
  type Box = readonly [number, number, number, number, string];
  /** A notice as pdftotext -bbox writes it: each word `[x0, y0, x1, y1, text]` of each page. */
  const wordBoxes = (pages: readonly (readonly Box[])[]): Uint8Array =>
    new TextEncoder().encode(
      [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">',
        '<head>',
        '<title></title>',
        '</head>',
        '<body>',
        '<doc>',
        ...pages.flatMap((words) => ['  <page width="595.303937" height="841.889764">', ...words.map(([x0, y0, x1, y1, text]) => `    <word xMin="${x0}" yMin="${y0}" xMax="${x1}" yMax="${y1}">${text}</word>`), '  </page>']),
        '</doc>',
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
  /** One line of 12-point text from `x`, its top at `y`. */
  const text = (x: number, y: number, words: string): Box => [x, y, x + 12 * words.length, y + 14, words];
  const head: Box[] = [text(60, 40, '道路法施行規則案に対して提出された意見及びその意見に対する国土交通省の考え方'), text(60, 100, '番号'), text(150, 100, '提出された意見'), text(380, 100, '国土交通省の考え方')];
  /** A row from `top`, its number, opinion and answer centred vertically in it (lines 16 points apart); a blank line in a cell is a gap between paragraphs. */
  const centredRow = (number: string, top: number, opinion: string[], answer: string[]): Box[] => {
    const height = Math.max(opinion.length, answer.length) * 16;
    const cell = (x: number, lines: string[]): Box[] => lines.flatMap((line, index) => (line === '' ? [] : [text(x, top + (height - lines.length * 16) / 2 + index * 16, line)]));
    return [...cell(60, [number]), ...cell(100, opinion), ...cell(330, answer)];
  };

  it('a table whose cells are centred: each row from the number in its middle; a paragraph parted by a gap goes to the row whose number stays in the middle with it, reported', async () => {
    const rows = [
      centredRow('1', 130, ['一つ目の意見です。', 'よろしくお願いします。', '【個人】'], ['承ります。']),
      centredRow('2', 200, ['二つ目の意見です。', '【個人】'], ['原案のとおりとします。']),
      // A second paragraph with a gap above it, where no other cell prints a line: a band of its own, without a number.
      centredRow('3', 250, ['三つ目の意見です。理由', 'は次のとおりです。第', '一に費用、第二に期間', 'です。', '', '第二段落です。', '【株式会社A】'], ['御意見を踏まえ、', '修正します。']),
      centredRow('4', 380, ['四つ目の意見です。', '【個人】'], ['承ります。']),
      centredRow('5', 430, ['五つ目の意見です。', 'よろしくお願いします。', '【個人】'], ['承ります。']),
    ];
    const { document, messages } = await convertBytes('notice', 'notice.html', wordBoxes([[...head, ...rows.flat()]]));
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      // A line that ends a sentence well short of the cell's widest ends its paragraph, as in a layout extraction.
      ['1', [['個人', '一つ目の意見です。\nよろしくお願いします。']], '承ります。'],
      ['2', [['個人', '二つ目の意見です。']], '原案のとおりとします。'],
      ['3', [['株式会社A', '三つ目の意見です。理由は次のとおりです。第一に費用、第二に期間です。\n第二段落です。']], '御意見を踏まえ、修正します。'],
      ['4', [['個人', '四つ目の意見です。']], '承ります。'],
      ['5', [['個人', '五つ目の意見です。\nよろしくお願いします。']], '承ります。'],
    ]);
    expect(messages).toMatch(/^notice\.html:\d+:\d+: info: Unexpected lines without a number, .* read as part of the row above \(3\), as the number of the row above stays in the middle of its row with them.* \[lines-joined-to-row\]$/m);
    expect(messages).not.toMatch(/warning|error/);
  });

  it('a row the page cut goes on at the top of the next page, under the header printed again; a page number and a running head above that header are no part of a row', async () => {
    const first = [...head, text(60, 130, '1'), text(100, 130, '一つ目の意見です。'), text(100, 146, '【個人】'), text(330, 130, '承ります。'), text(60, 170, '2'), text(100, 170, '二つ目の意見の'), text(330, 170, '原案のとおり'), text(270, 800, '- 1 -')];
    const second = [text(500, 30, '別紙'), ...head.slice(1).map(([x0, , x1, , words]): Box => [x0, 60, x1, 74, words]), text(100, 90, '続きです。'), text(100, 106, '【株式会社B】'), text(330, 90, 'とします。'), text(60, 130, '3'), text(100, 130, '三つ目の意見です。'), text(330, 130, '承ります。')];
    const { document, messages } = await convertBytes('notice', 'notice.html', wordBoxes([first, second]));
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.submitter, c.text]), o.response?.text])).toEqual([
      ['1', [['個人', '一つ目の意見です。']], '承ります。'],
      ['2', [['株式会社B', '二つ目の意見の続きです。']], '原案のとおりとします。'],
      ['3', [[null, '三つ目の意見です。']], '承ります。'],
    ]);
    expect(messages).toMatch(/info: Unexpected text .*別紙.* \[note-outside-table\]/);
    expect(messages).not.toContain('- 1 -');
    expect(messages).not.toMatch(/\[lines-joined-to-row\]/);
  });

  it('rows of one line each, drawn without gaps between them (a spreadsheet): a row per number, however close', async () => {
    const rows = ['1', '2', '3', '4'].flatMap((number, index): Box[] => [text(60, 130 + index * 16, number), text(100, 130 + index * 16, `意見${number}です。【個人】`), text(330, 130 + index * 16, '承ります。')]);
    const { document, messages } = await convertBytes('notice', 'notice.html', wordBoxes([[...head, ...rows]]));
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text])).toEqual(['1', '2', '3', '4'].map((number) => [number, [`意見${number}です。`], '承ります。']));
    expect(messages).not.toMatch(/warning|error/);
  });

  it('numbers whose boxes overlap (a broken extraction) lose no text and stop nothing', async () => {
    // The second number's box starts above the middle of the first's, and ends below its line.
    const rows: Box[] = [text(60, 130, '1'), text(100, 130, '一つ目の意見です。'), text(330, 130, '承ります。'), [60, 136, 72, 160, '2'], text(100, 150, '二つ目の意見です。'), text(330, 150, '承ります。')];
    const { document, messages } = await convertBytes('notice', 'notice.html', wordBoxes([[...head, ...rows]]));
    expect(messages).not.toMatch(/internal-error|accounting-mismatch/);
    expect(JSON.stringify(document?.opinions)).toContain('一つ目の意見です。');
    expect(JSON.stringify(document?.opinions)).toContain('二つ目の意見です。');
  });

  it('a header whose narrow columns wrap their words a few characters a line, two columns\' words closer than a quarter of a line: each column its own', async () => {
    // 意見に対 / する考え / 方 ends 3 points before 修正の / 有無 starts, as LibreOffice sets a narrow answer column beside the flag's.
    const narrowHead: Box[] = [head[0] as Box, text(60, 100, '番号'), text(150, 100, '提出された意見'), text(380, 92, '意見に対'), text(380, 108, 'する考え'), text(404, 124, '方'), text(431, 100, '修正の'), text(437, 116, '有無')];
    const rows: Box[] = [text(60, 150, '1'), text(100, 150, '意見です。【個人】'), text(380, 150, '承る。'), text(437, 150, '無')];
    const { document, messages } = await convertBytes('notice', 'notice.html', wordBoxes([[...narrowHead, ...rows]]));
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text, o.revisedRaw])).toEqual([['1', ['意見です。'], '承る。', '無']]);
    expect(messages).not.toMatch(/warning|error/);
  });

  it('word boxes without an opinion table: the title block is read and the table reported missing, as for any page', async () => {
    const { document, messages } = await convertBytes('notice', 'notice.html', wordBoxes([[head[0] as Box, text(60, 100, '意見はありませんでした。')]]));
    expect(document?.notice.title).toBe('道路法施行規則案に対して提出された意見及びその意見に対する国土交通省の考え方');
    expect(messages).toMatch(/error: Unexpected document without an opinion table.*\[no-opinion-table\]/);
  });
});

describe('PDF word boxes of other tables give the records of the notice they print', () => {
  /** What a reader compares, spaces aside (pdftotext parts a Japanese and a Latin character the PDF sets apart): each opinion's comments, their submitters, its answer and its flag. */
  const opinions = (document: Awaited<ReturnType<typeof convertBytes>>['document'], withKeys = true) =>
    document?.opinions.map((o) => [withKeys ? o.key : null, o.comments.map((c) => [c.submitter?.replace(/\s+/g, ''), c.text.replace(/\s+/g, '')]), o.response?.text.replace(/\s+/g, ''), o.revised]);
  const notice = async (name: string) => convertBytes('notice', `${name}.txt`, readFileSync(new URL(`../input/${name}.txt`, import.meta.url)));
  const fixtureFile = async (fixture: string, fileName: string) => convertBytes('notice', fileName, readFileSync(new URL(`./fixtures/${fixture}/${fileName}`, import.meta.url)));

  it.each(['input.html', 'top.html', 'bottom.html'])('a spreadsheet printed by LibreOffice Calc, rows ruled without gaps, cells wrapped, its numbers 1-1, 1-2 (pdftotext-bbox-spreadsheet %s)', async (fileName) => {
    const [original, page] = [await notice('mic-denpa-tsv'), await fixtureFile('pdftotext-bbox-spreadsheet', fileName)];
    expect(opinions(page.document)).toEqual(opinions(original.document));
    expect(page.document?.opinions).toHaveLength(8);
    expect(page.messages).not.toMatch(/warning|error/);
  });

  it.each(['long.html', 'long-libreoffice.html'])('a table of 20 rows over 11 pages, cells centred, rows cut by pages and cells of several paragraphs, printed by Chromium and by LibreOffice (pdftotext-bbox-chromium %s)', async (fileName) => {
    const [original, page] = [await notice('soumu-cloud-security-guideline-2018'), await fixtureFile('pdftotext-bbox-chromium', fileName)];
    expect(opinions(page.document)).toEqual(opinions(original.document));
    expect(page.messages).not.toMatch(/warning|error/);
  });

  it.each([
    { fileName: 'centred.html', name: 'soumu-cloud-security-guideline-2018' },
    { fileName: 'top.html', name: 'mic-denpa-tsv' },
  ])('a Word table, rows drawn without gaps and paragraphs without space, each row from where its number stands in it, a mark wrapped over two lines closing its comment (pdftotext-bbox-word $fileName)', async ({ fileName, name }) => {
    const [original, page] = [await notice(name), await fixtureFile('pdftotext-bbox-word', fileName)];
    expect(opinions(page.document)).toEqual(opinions(original.document));
    // mic-denpa-tsv's answers refer to 意見1-1, which the table prints as 1-1.
    expect(page.messages.split('\n').filter((line) => /warning|error/.test(line) && !line.endsWith('[refers-to-unknown]'))).toEqual([]);
  });

  it.each([
    { fileName: 'from-4.html', from: 4 },
    { fileName: 'from-16.html', from: 16 },
  ])('the same Word table from another row on: other rows cut by pages, the first among them, and an answer\'s first line right under the header\'s last (pdftotext-bbox-word $fileName)', async ({ fileName, from }) => {
    const [original, page] = [await notice('soumu-cloud-security-guideline-2018'), await fixtureFile('pdftotext-bbox-word', fileName)];
    const rows = opinions(original.document, false) ?? [];
    expect(opinions(page.document, false)).toEqual([...rows.slice(from - 1), ...rows.slice(0, from - 1)]);
    expect(page.messages).not.toMatch(/warning|error/);
  });

  it('e-Gov\'s table without a number column as a Word table, rows drawn without gaps: each row from where its flag stands in it, the answer column\'s header wrapped onto the first row\'s line, the text after the table outside the last row (pdftotext-bbox-word unnumbered.html)', async () => {
    const [original, page] = [await notice('mic-denpa-tsv'), await fixtureFile('pdftotext-bbox-word', 'unnumbered.html')];
    expect(opinions(page.document, false)).toEqual(opinions(original.document, false));
    expect(page.document?.notice.notes.map((note) => note.text)).toEqual(['※ 以上']);
    expect(page.messages.split('\n').filter((line) => /warning|error/.test(line) && !line.endsWith('[refers-to-unknown]'))).toEqual([]);
  });

  it('numbered rows with short answers printed by Chromium: a row cut by the page goes on at the next page\'s top, and the next row\'s first paragraph, above its centred number, starts that row (pdftotext-bbox-chromium short-answers.html)', async () => {
    const [original, page] = [await notice('mic-denpa-tsv'), await fixtureFile('pdftotext-bbox-chromium', 'short-answers.html')];
    expect(opinions(page.document)).toEqual(opinions(original.document)?.map(([key, comments, , flag]) => [key, comments, '原案のとおりとします。', flag]));
    expect(page.messages.split('\n').filter((line) => /warning|error/.test(line))).toEqual([]);
  });

  it('numbered rows with short answers printed by LibreOffice: a narrow answer column, and a page that ends with a whole row, its number centred, before a page whose first lines open the next row (pdftotext-bbox-chromium short-answers-libreoffice.html)', async () => {
    const [original, page] = [await notice('soumu-saiiken-tsv'), await fixtureFile('pdftotext-bbox-chromium', 'short-answers-libreoffice.html')];
    expect(opinions(page.document)).toEqual(opinions(original.document)?.map(([key, comments, , flag]) => [key, comments, '原案のとおりとします。', flag]));
    // soumu-saiiken-tsv's answers refer to other opinions, which these do not.
    expect(page.messages.split('\n').filter((line) => /warning|error/.test(line))).toEqual([]);
  });

  it.each([
    { fileName: 'input.html', name: 'soumu-saiiken-tsv' },
    { fileName: 'top.html', name: 'soumu-saiiken-tsv' },
    // Rows drawn closer than the gaps between a cell's paragraphs, told apart by how each centres its cells.
    { fileName: 'chromium.html', name: 'mic-denpa-tsv' },
    // A row without a flag is a row of its own, not half of the next one.
    { fileName: 'blank-flag.html', name: 'mic-denpa-tsv', blankFlag: 2 },
    // A row the page cuts starts every cell on its first page: a row's last paragraph does not go with the next row.
    { fileName: 'long-chromium.html', name: 'soumu-cloud-security-guideline-2018' },
    // Short answers in a narrow column, its header 提出意見を考慮した結果及びその理 / 由 on five lines: the 由 below every page's header is the header's.
    { fileName: 'short-answers.html', name: 'mic-denpa-tsv', answer: '原案のとおりとします。' },
    // A page that ends early where the next row would not fit: the row at the top of the next page prints its flag, so it is a row of its own.
    { fileName: 'short-answers-chromium.html', name: 'mic-denpa-tsv', answer: '原案のとおりとします。' },
    // A page that ends near its bottom with a whole row, its cells centred rather than at its top as a cut row's first part: the next page starts a row.
    { fileName: 'saiiken-short-answers.html', name: 'soumu-saiiken-tsv', answer: '原案のとおりとします。' },
  ])('a table without a number column (e-Gov\'s columns): rows told apart by the gaps between them and how they align their cells, and a row the page cut joined (pdftotext-bbox-unnumbered $fileName)', async ({ fileName, name, blankFlag, answer }) => {
    const [original, page] = [await notice(name), await fixtureFile('pdftotext-bbox-unnumbered', fileName)];
    // The table prints every comment of a row in its one opinion cell, re-opinions among them: compared as comments.
    const printed = opinions(original.document, false)?.map(([key, comments, response, flag], index) => [key, comments, answer ?? response, index === blankFlag ? null : flag]);
    expect(opinions(page.document, false)).toEqual(printed);
    expect(page.document?.notice.notes.map((note) => note.text)).toEqual(['※ 以上']);
    // mic-denpa-tsv's answers refer to 意見1-1, a key that a table without numbers does not give.
    expect(page.messages.split('\n').filter((line) => /warning|error/.test(line) && !line.endsWith('[refers-to-unknown]'))).toEqual([]);
  });
});

describe('HTML pages laid out with tables', () => {
  it('reads the lines of text an HTML fragment prints outside any element, as a browser lays them out, rather than dropping them', async () => {
    const fragment = [
      'テスト規則案に対する意見募集の結果<br>',
      '意見募集期間:令和6年4月1日～令和6年4月30日',
      '<table><tr><th>番号</th><th>御意見の概要</th><th>考え方</th></tr><tr><td>1</td><td>延期すべき。</td><td>承ります。</td></tr></table>',
      '以上のとおり整理しました。',
    ].join('\n');
    const { document, messages } = await convertBytes('fragment', 'fragment.txt', new TextEncoder().encode(fragment));
    expect(document?.notice.title).toBe('テスト規則案に対する意見募集の結果');
    expect(document?.notice.period).toMatchObject({ start: '2024-04-01', end: '2024-04-30' });
    expect(messages).toContain('fragment.txt:4:1: info: Unexpected text outside any table: 以上のとおり整理しました。 [note-outside-table]');
  });

  const rows = (document: Awaited<ReturnType<typeof convertBytes>>['document']) => document?.opinions.map((o) => [o.key, o.comments.map((c) => c.text), o.response?.text]);
  const expected = [
    ['1', ['基準値を見直すべき。'], '御意見を踏まえ、修正します。'],
    ['2', ['経過措置を設けるべき。'], '原案のとおりとします。'],
  ];
  const dataRows = ['<tr><td>1</td><td>基準値を見直すべき。</td><td>御意見を踏まえ、修正します。</td></tr>', '<tr><td>2</td><td>経過措置を設けるべき。</td><td>原案のとおりとします。</td></tr>'];
  /** The lines of an HTML page, converted as page.html. */
  const convertPage = (lines: string[]) => convertBytes('page', 'page.html', new TextEncoder().encode([...lines, ''].join('\n')));

  it('reads the title and the opinion table inside a table that only lays out the page', async () => {
    const html = [
      '<html><body><table width="100%"><tr><td>',
      '<p>テスト規則(案)に対する意見及びそれに対する考え方</p>',
      '<table border="1">',
      '<tr><td>番号</td><td>提出された意見</td><td>考え方</td></tr>',
      ...dataRows,
      '</table></td></tr></table></body></html>',
      '',
    ].join('\n');
    const { document, messages } = await convertBytes('page', 'page.html', new TextEncoder().encode(html));
    expect(messages).not.toContain('[no-opinion-table]');
    expect(document?.notice.title).toBe('テスト規則(案)に対する意見及びそれに対する考え方');
    expect(rows(document)).toEqual(expected);
    expect(document?.opinions[0]?.comments[0]?.source).toMatchObject({ startLine: 5, startColumn: 19 });
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('keeps a table with a header row of its own whole, even with a table in one of its cells', async () => {
    const html = [
      '<html><body><p>テスト規則(案)に対する意見及びそれに対する考え方</p><table>',
      '<tr><td>番号</td><td>提出された意見</td><td>考え方</td></tr>',
      '<tr><td>1</td><td>基準値を見直すべき。</td><td><table><tr><td>御意見を踏まえ、修正します。</td></tr></table></td></tr>',
      '</table></body></html>',
      '',
    ].join('\n');
    const { document } = await convertBytes('page', 'page.html', new TextEncoder().encode(html));
    expect(rows(document)).toEqual([expected[0]]);
  });

  it('reads the header below a title row that spans every column (<th colspan="3">), and reports the title row', async () => {
    const html = [
      '<html><body><p>テスト規則(案)に対する意見及びそれに対する考え方</p><table>',
      '<thead><tr><th colspan="3">提出された意見及び考え方</th></tr>',
      '<tr><th>番号</th><th>提出された意見</th><th>考え方</th></tr></thead>',
      ...dataRows,
      '</table></body></html>',
      '',
    ].join('\n');
    const { document, messages } = await convertBytes('page', 'page.html', new TextEncoder().encode(html));
    expect(rows(document)).toEqual(expected);
    expect(document?.opinions.map((o) => o.label)).toEqual(['1', '2']);
    expect(messages).toContain('page.html:2:1: info: Unexpected table row outside the opinion tables: 提出された意見及び考え方');
    expect(messages).not.toContain('[unnumbered-opinions]');
  });
  it('reads a row of one cell across the table that is a sentence as no opinion or topic: a ※ note (a tfoot) among the notes, another reported', async () => {
    const { document, messages } = await convertPage([
      '<html><body><p>テスト規則(案)に対する意見及びそれに対する考え方</p><table>',
      '<tr><th>番号</th><th>提出された意見</th><th>考え方</th></tr>',
      ...dataRows,
      '<tr><td colspan="3">以下、同趣旨の御意見は省略しています。</td></tr>',
      '<tfoot><tr><td colspan="3">※御意見は要約して掲載しています。</td></tr></tfoot>',
      '</table></body></html>',
    ]);
    expect(rows(document)).toEqual(expected);
    expect(document?.opinions.map((o) => o.topic)).toEqual([null, null]);
    expect(document?.notice.notes).toEqual([{ text: '※御意見は要約して掲載しています。', line: 6 }]);
    expect(messages).toContain('page.html:5:21: info: Unexpected row of one cell across the table, a note rather than an opinion: 以下、同趣旨の御意見は省略しています。 [note-outside-table]');
    expect(messages).not.toMatch(/warning|error/);
    const coverage = document?.notice.coverage;
    expect(coverage?.reported).toBe(19);
    expect((coverage?.attributed ?? 0) + 19).toBe(coverage?.characters);
  });

  it("reads a table's caption as text printed over the table: the title and respondent, or a section over a later table", async () => {
    const { document } = await convertPage([
      '<html><body><table>',
      '<caption>テスト規則(案)に対する御意見及び消費者庁の考え方</caption>',
      '<tr><th>番号</th><th>提出された意見</th><th>考え方</th></tr>',
      ...dataRows.slice(0, 1),
      '</table><table>',
      '<caption>２．第2章関係</caption>',
      '<tr><th>番号</th><th>提出された意見</th><th>考え方</th></tr>',
      ...dataRows.slice(1),
      '</table></body></html>',
    ]);
    expect(document?.notice.title).toBe('テスト規則(案)に対する御意見及び消費者庁の考え方');
    expect(document?.notice.respondent).toBe('消費者庁');
    expect(document?.sections.map((s) => [s.id, s.title])).toEqual([['2', '第2章関係']]);
    expect(document?.opinions.map((o) => [o.key, o.section])).toEqual([['1', null], ['2', '2']]);
  });

  it('reads the caption of a table that lays out the page', async () => {
    const { document } = await convertPage([
      '<html><body><table><caption>テスト規則(案)に対する意見及びそれに対する考え方</caption><tr><td>',
      '<table border="1">',
      '<tr><td>番号</td><td>提出された意見</td><td>考え方</td></tr>',
      ...dataRows,
      '</table></td></tr></table></body></html>',
    ]);
    expect(document?.notice.title).toBe('テスト規則(案)に対する意見及びそれに対する考え方');
    expect(rows(document)).toEqual(expected);
  });
});

describe('an older HTML page without a DOCTYPE (quirks mode)', () => {
  it('reads a table that the parser leaves inside the <P> before it, with its counts and submitters, uppercase tags and cells left open', async () => {
    const page = [
      '<HTML><HEAD><TITLE>意見募集の結果</TITLE></HEAD><BODY>',
      '<CENTER><B>「電気通信事業法施行規則の一部を改正する省令案」に対する意見及びそれに対する考え方</B></CENTER>',
      '<P>平成１５年３月１０日<BR>総務省総合通信基盤局',
      '<P>意見募集期間：平成１５年１月２０日（月）～平成１５年２月１９日（水）<BR>意見提出者：２者',
      '<TABLE BORDER=1>',
      '<TR><TD>意見提出者</TD><TD>意見の概要</TD><TD>総務省の考え方</TD>',
      '<TR><TD ROWSPAN=2>ＮＴＴ東日本</TD><TD>第３条の規定は不要である。<TD>原案のとおりとします。',
      '<TR><TD>第５条の対象を限定すべき。<TD>御意見を踏まえ、修正します。',
      '<TR><TD>ＫＤＤＩ株式会社<TD>賛成する。<TD>賛同の御意見として承ります。',
      '</TABLE></BODY></HTML>',
    ].join('\n');
    const { document, messages } = await convertBytes('old', 'old.html', new TextEncoder().encode(page));
    expect(document?.opinions.map((o) => [o.comments.map((c) => [c.submitter, c.text]), o.response?.text, o.outcome])).toEqual([
      [[['ＮＴＴ東日本', '第３条の規定は不要である。']], '原案のとおりとします。', 'unchanged'],
      [[['ＮＴＴ東日本', '第５条の対象を限定すべき。']], '御意見を踏まえ、修正します。', 'revised'],
      [[['ＫＤＤＩ株式会社', '賛成する。']], '賛同の御意見として承ります。', 'noted'],
    ]);
    expect(document?.notice).toMatchObject({ respondent: '総務省', submitterCount: 2, period: { start: '2003-01-20', end: '2003-02-19' }, published: { date: '2003-03-10' } });
    expect(messages).not.toContain('[no-opinion-table]');
  });
});

describe('an old HTML page of comments and answers (S3)', () => {
  const html = [
    '<html><body>',
    '<h2>「テスト検査マニュアル」の一部改訂(案)に対するパブリックコメントの概要及びそれに対する金融庁の考え方</h2>',
    '<table>',
    '<tr><th>コメントの概要</th><th>コメントに対する考え方</th></tr>',
    '<tr><td colspan="2">[(別添2) 自己査定関係]</td></tr>',
    '<tr><td colspan="2">[○ 自己査定に関する検査について]</td></tr>',
    '<tr><td><p>1-(3)-マル5</p><p>債務者区分の判断基準を明確にすべき。(全国銀行協会)</p></td><td><p>御指摘を踏まえ、明確化します。</p></td></tr>',
    '<tr><td><p>同上</p><p>経過措置を設けるべき。(個人)</p></td><td><p>原案のとおりとします。</p></td></tr>',
    '<tr><td><p>1-2</p><p>様式を示すべき。</p></td><td><p>承ります。</p></td></tr>',
    '</table>',
    '</body></html>',
    '',
  ].join('\n');

  it('takes its only heading, over the table, for the title, a bracketed annex for a section, and a location line over an opinion for its place (同上 repeats it)', async () => {
    const { document, messages } = await convertBytes('notice', 'notice.html', new TextEncoder().encode(html));
    expect(document?.notice).toMatchObject({ title: '「テスト検査マニュアル」の一部改訂(案)に対するパブリックコメントの概要及びそれに対する金融庁の考え方', respondent: '金融庁' });
    expect(document?.sections.map((section) => [section.id, section.title])).toEqual([['sec-1', '[(別添2) 自己査定関係]']]);
    expect(document?.opinions.every((opinion) => opinion.section === 'sec-1')).toBe(true);
    expect(document?.opinions.map((o) => [o.topic, o.comments.map((c) => [c.submitter, c.text, c.place, c.refs.map((r) => r.canonical)])])).toEqual([
      ['[○ 自己査定に関する検査について]', [['全国銀行協会', '債務者区分の判断基準を明確にすべき。', '1-(3)-⑤', ['1-(3)-⑤']]]],
      ['[○ 自己査定に関する検査について]', [['個人', '経過措置を設けるべき。', '同上', ['1-(3)-⑤']]]],
      // A bare 1-2 may as well number the opinion: it stays in the text.
      ['[○ 自己査定に関する検査について]', [[null, '1-2\n様式を示すべき。', null, []]]],
    ]);
    expect(document?.notice.coverage.share).toBe(1);
    expect(messages).not.toMatch(/unattributed-text|accounting-mismatch/);
  });
});

describe('labels in parentheses, circled, bulleted or after No.', () => {
  it('reads 意見(1), （意見２）, ＜意見3＞, ■意見4, 意見No.5 and 意見⑥ as labels, but not (意見1と同旨)', async () => {
    const rows = ['意見(1) 施行日を延期すべき。', '（意見２）様式を改めるべき。', '＜意見3＞期限を延長すべき。', '■意見4 手数料を下げるべき。', '意見No.5 対象を広げるべき。', '意見⑥ 周知すべき。', '(意見1と同旨)'];
    const { document } = await convertText(['結果', '', '御意見の概要\t御意見に対する考え方', ...rows.map((row) => `<p>${row}</p>\t<p>承ります。</p>`), ''].join('\n'));
    expect(document?.opinions.map((o) => [o.key, o.label, o.summary])).toEqual([
      ['1', '意見(1)', '施行日を延期すべき。'],
      ['2', '（意見２）', '様式を改めるべき。'],
      ['3', '＜意見3＞', '期限を延長すべき。'],
      ['4', '■意見4', '手数料を下げるべき。'],
      ['5', '意見No.5', '対象を広げるべき。'],
      ['6', '意見⑥', '周知すべき。'],
    ]);
    // A parenthesis that does not close on the label is a remark: its row continues opinion 6.
    expect(document?.opinions[5]?.comments.map((c) => c.text)).toEqual(['(意見1と同旨)']);
  });
});

describe('opinions printed as records: rows of a label and its value', () => {
  it('reads a table per opinion (項目 | …, お寄せいただいた意見 | …, 市の検討結果と理由 | …) as rows of one table (record-tables)', async () => {
    const { document } = await convertFixture('record-tables');
    expect(document?.opinions.map((o) => [o.key, o.comments.map((c) => [c.text, c.place]), o.response?.text, o.outcome])).toEqual([
      ['1', [['計画の目標を数値で示すべき。', '1 計画全体']], '御意見を踏まえ、目標値を追記します。', 'revised'],
      ['2', [['保育所を増やすべき。', '2 子育て支援']], '原案のとおりとします。', 'unchanged'],
    ]);
    expect(document?.opinions.map((o) => [o.source.startLine, o.source.endLine])).toEqual([[5, 7], [10, 12]]);
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('starts a record where a label comes again in one long table, and takes a number row as the label', async () => {
    const text = ['結果', '', '番号\t1', '御意見の概要\t延期すべき。', '御意見に対する考え方\t原案のとおりとします。', '番号\t2', '御意見の概要\t様式を改めるべき。', '御意見に対する考え方\t御意見として承ります。', '番号\t3', '御意見の概要\t期限を示すべき。', '御意見に対する考え方\t', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.label, o.comments.map((c) => c.text), o.response?.text ?? null])).toEqual([
      ['1', ['延期すべき。'], '原案のとおりとします。'],
      ['2', ['様式を改めるべき。'], '御意見として承ります。'],
      ['3', ['期限を示すべき。'], null],
    ]);
    expect(messages).not.toContain('[unnumbered-opinions]');
    expect(messages).toContain('notice.txt:9:1: warning: Unexpected opinion 3 without a response');
  });
});
