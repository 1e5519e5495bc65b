/** One small fixture per behaviour of row assembly and comment splitting, with the facts a reader checks. */
import { describe, expect, it } from 'vitest';
import type { NoticeDocument, Opinion } from '../src/schema/records.js';
import { convertFixture, convertText } from './helpers.js';

async function opinions(name: string): Promise<Opinion[]> {
  const { document } = await convertFixture(name);
  expect(document).not.toBeNull();
  return (document as NoticeDocument).opinions;
}

const texts = (opinion: Opinion | undefined): (string | null)[][] =>
  (opinion?.comments ?? []).map((comment) => [comment.submitter, comment.text]);

describe('row assembly', () => {
  it('continues an opinion on rows without a label (continuation-row)', async () => {
    const [first, second] = await opinions('continuation-row');
    expect(first?.summary).toBe('第3条の規定を明確にすべき。');
    expect(texts(first)).toEqual([
      ['テスト株式会社', '第3条の適用範囲が不明確であると考えます。(1. 3. 第3条)'],
      ['個人A', '同条の例外規定も併せて見直すべきです。'],
    ]);
    expect(first?.source).toMatchObject({ startLine: 13, endLine: 15 });
    expect(first?.comments.map((c) => c.source.startLine)).toEqual([14, 15]);
    expect(second?.key).toBe('2');
  });

  it('takes a flag and a response from different rows (flag-on-another-row)', async () => {
    const [first] = await opinions('flag-on-another-row');
    expect(first?.revised).toBe(true);
    expect(first?.revisedRaw).toBe('有');
    expect(first?.response?.text).toBe('御意見を踏まえ、用語の定義を修正いたします。');
    expect(first?.response?.source).toMatchObject({ startLine: 14, endLine: 14 });
    expect(first?.outcome).toBe('revised');
  });

  it('joins a cell cut by a page break with nothing inserted (page-split-mid-word)', async () => {
    const [first] = await opinions('page-split-mid-word');
    expect(first?.comments).toHaveLength(1);
    expect(first?.comments[0]?.text).toContain('望ましいと考えます。');
    expect(first?.comments[0]?.submitter).toBe('テスト株式会社');
    expect(first?.response?.text).toContain('様式の内容を修正いたします。');
    expect(first?.source).toMatchObject({ startLine: 13, endLine: 15 });
  });

  it('leaves no record for a separator row and starts a new section after it (separator-row)', async () => {
    const { document } = await convertFixture('separator-row');
    expect(document?.opinions.map((o) => [o.key, o.section])).toEqual([['1', '1'], ['2', '2']]);
    expect(document?.sections.map((s) => [s.id, s.label, s.title])).toEqual([
      ['1', '1.', '本則に対する意見'],
      ['2', '2.', '附則に対する意見'],
    ]);
    expect(JSON.stringify(document)).not.toContain('---');
    expect(document?.opinions[1]?.response?.refersTo).toEqual(['1']);
    expect(document?.opinions[1]?.outcome).toBe('unchanged');
  });

  it('links a response that defers to a range of opinions (番号１～２) to each of them, and takes their outcome', async () => {
    const text = ['結果', '', '番号\t意見の概要\t考え方', '１\t延期すべき。\t原案のとおりとします。', '２\t中止すべき。\t原案のとおりとします。', '３\t見直すべき。\t番号１～２に対する考え方をご参照ください。', ''].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => [o.key, o.response?.refersTo, o.outcome])).toEqual([
      ['1', [], 'unchanged'],
      ['2', [], 'unchanged'],
      ['3', ['1', '2'], 'unchanged'],
    ]);
    expect(messages).not.toContain('refer');
  });
});

describe('comment splitting', () => {
  it('splits the summary from a comment sharing its paragraph (shared-paragraph-summary)', async () => {
    const [first, second] = await opinions('shared-paragraph-summary');
    expect(first?.summary).toBe('施行日を延期すべき。');
    expect(texts(first)).toEqual([['一般社団法人サンプル協会', '現場の準備が間に合わないため、施行日を半年延期すべきである。']]);
    expect(second?.summary).toBe('経過措置を設けるべき。');
    expect(texts(second)).toEqual([['個人A', '既存の設備について経過措置を設けることを求めます。']]);
  });

  it('gives one comment per submitter mark in one cell (several-submitters-in-one-cell)', async () => {
    const [first] = await opinions('several-submitters-in-one-cell');
    expect(texts(first)).toEqual([
      ['テスト株式会社', '月次の報告は負担が大きいため、四半期ごとにすべきと考える。(1. 4. 報告)'],
      ['テスト株式会社', '報告様式を電子化すべきと考える。(1. 5. 様式)'],
      ['個人A', '報告の対象を限定すべきである。'],
    ]);
    expect(first?.comments.map((c) => c.id)).toEqual(['op-1-c1', 'op-1-c2', 'op-1-c3']);
    expect(first?.comments[2]?.submitterRaw).toBe('【個人 A】');
  });

  it('keeps 【…】 labels that name no submitter in the text (non-submitter-labels)', async () => {
    const [first] = await opinions('non-submitter-labels');
    expect(first?.comments).toHaveLength(1);
    const comment = first?.comments[0];
    expect(comment?.submitter).toBe('テスト株式会社');
    for (const label of ['【意見箇所】', '【意見内容】', '【ベストプラクティス】', '【基本】', '【注記】']) {
      expect(comment?.text).toContain(label);
    }
    expect(comment?.refs.map((r) => r.canonical)).toEqual(['p.12', 'II.3.1', 'II.3.1']);
    expect(comment?.refs[2]).toMatchObject({ kind: 'section', qualifiers: ['基本', 'ii'] });
  });

  it('reads a label paragraph that its submitter closes as that comment, not as a summary of others', async () => {
    const text = [
      '結果',
      '',
      '提出された意見\t総務省の考え方',
      '<p>意見1 延期すべき。(全国銀行協会)</p>\t<p>原案のとおりとします。</p>',
      '<p>意見2 延期すべき。【全国銀行協会】</p><p>様式も改めるべき。【個人A】</p>\t<p>原案のとおりとします。</p>',
      '<p>意見3 延期すべき。</p><p>理由は次のとおり。(全国銀行協会)</p>\t<p>原案のとおりとします。</p>',
      '',
    ].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions.map((o) => [o.label, o.summary, o.comments.map((c) => [c.submitter, c.text])])).toEqual([
      ['意見1', null, [['全国銀行協会', '延期すべき。']]],
      ['意見2', null, [['全国銀行協会', '延期すべき。'], ['個人A', '様式も改めるべき。']]],
      ['意見3', '延期すべき。', [['全国銀行協会', '理由は次のとおり。']]],
    ]);
    expect(document?.notice.coverage.share).toBe(1);
  });

  it('reads a joint list in nested parentheses as the submitters it lists, people it only counts among them (S19, hard case 19)', async () => {
    const text = ['結果', '', '提出された意見\t総務省の考え方', '<p>意見1 対象を明確にすべき。(オホーツク21世紀を考える会、(株)電算、個人(3名))</p>\t<p>原案のとおりとします。</p>', ''].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions[0]?.comments.map((c) => [c.submitter, c.submitterRaw, c.text])).toEqual([
      ['オホーツク21世紀を考える会、(株)電算、個人(3名)', '(オホーツク21世紀を考える会、(株)電算、個人(3名))', '対象を明確にすべき。'],
    ]);
    expect(document?.opinions[0]?.comments[0]?.jointSubmitters).toEqual([
      { name: 'オホーツク21世紀を考える会', kind: 'organization', count: null },
      { name: '(株)電算', kind: 'organization', count: null },
      { name: null, kind: 'individual', count: 3 },
    ]);
    // Each named one is a submitter of the notice; the three individuals are counted, not named.
    expect(document?.notice.submitters).toEqual([
      { id: 's-1', name: 'オホーツク21世紀を考える会', kind: 'organization', representative: null, opinionCount: null, opinionCountRaw: null, received: null, receivedRaw: null, jointWith: [] },
      { id: 's-2', name: '(株)電算', kind: 'organization', representative: null, opinionCount: null, opinionCountRaw: null, received: null, receivedRaw: null, jointWith: [] },
    ]);
  });

  it('reads a joint list against the notice\'s list: a listed name is matched, an unlisted one reported, counts and single marks alone', async () => {
    const text = [
      '結果',
      '',
      '提出意見数:3者',
      '法人:2者(株式会社テスト、テスト協会)',
      '個人:1者(個人A)',
      '',
      '提出された意見\t総務省の考え方',
      '<p>意見1 延期すべき。(株式会社 テスト、テスト協会)</p>\t<p>原案のとおりとします。</p>',
      '<p>意見2 中止すべき。(テスト協会、未登録株式会社)</p>\t<p>原案のとおりとします。</p>',
      '<p>意見3 賛成する。(個人(2名))</p>\t<p>御意見として承ります。</p>',
      '<p>意見4 反対する。【個人 A】</p>\t<p>御意見として承ります。</p>',
      '',
    ].join('\n');
    const { document, messages } = await convertText(text);
    expect(document?.opinions.map((o) => o.comments[0]?.jointSubmitters?.map((part) => part.name ?? part.count) ?? o.comments[0]?.submitter)).toEqual([
      ['株式会社テスト', 'テスト協会'],
      ['テスト協会', '未登録株式会社'],
      [2],
      '個人A',
    ]);
    expect(document?.notice.submitters.map((s) => s.name)).toEqual(['株式会社テスト', 'テスト協会', '個人A', '未登録株式会社']);
    expect(messages).toMatch(/notice\.txt:9:14: warning: Unexpected submitter 未登録株式会社, expected one of the 3 listed at the top \[unknown-submitter\]/);
    expect(messages.match(/unknown-submitter/g)).toHaveLength(1);
  });

  it('reports a comment without the 【submitter】 mark the others close with at the comment\'s end, and an unlisted mark or 提出者 cell where it is printed', async () => {
    const marked = ['結果', '', '番号\t提出された意見\t考え方', '1\t<p>延期すべき。【株式会社テスト】</p>\t<p>承ります。</p>', '2\t<p>中止すべき。</p>\t<p>承ります。</p>', ''].join('\n');
    expect((await convertText(marked)).messages).toContain('notice.txt:5:16: warning: Unexpected comment of opinion 2 without a submitter, expected 【name】 at its end [missing-submitter]');
    const listed = ['結果', '', '提出意見数:1者', '法人:1者(株式会社テスト)', '', '番号\t提出者\t提出された意見\t考え方', '1\t株式会社テスト\t延期すべき。\t承ります。', '2\t未登録株式会社\t中止すべき。\t承ります。', ''].join('\n');
    expect((await convertText(listed)).messages).toContain('notice.txt:8:3: warning: Unexpected submitter 未登録株式会社, expected one of the 1 listed at the top [unknown-submitter]');
  });

  it('closes a comment at each (submitter) or (CODE) after a sentence, as S11 prints several opinions in one cell', async () => {
    const text = [
      '接続約款変更案に対する意見及び再意見並びにそれに対する考え方',
      '',
      '番号\t条文番号\t意見・質問(抜粋)\t再意見(抜粋)\t考え方',
      '1\t第1条\t<p>接続料を引き下げるべき。(EBC)</p><p>算定根拠を示すべき。(全国銀行協会)</p><p>料金表の改定を求める(IV)</p><p>対象を示すべき。(IV)</p>\t<p>EBCの意見に賛同する。(OMP)</p>\t<p>原案のとおりとします。</p>',
      '',
    ].join('\n');
    const { document } = await convertText(text);
    expect(document?.opinions[0]?.comments.map((c) => [c.kind, c.submitter, c.text])).toEqual([
      ['comment', 'EBC', '接続料を引き下げるべき。'],
      ['comment', '全国銀行協会', '算定根拠を示すべき。'],
      // No sentence before it, or a Roman numeral (a section): no submitter.
      ['comment', null, '料金表の改定を求める(IV)\n対象を示すべき。(IV)'],
      ['re-opinion', 'OMP', 'EBCの意見に賛同する。'],
    ]);
  });
});
