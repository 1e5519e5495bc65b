/**
 * The corpus examples of other layouts (shared/corpus/README.md), in input/:
 * each key fact read against the source, checked one by one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NoticeDocument, Opinion } from '../src/schema/records.js';
import { convertBytes } from './helpers.js';

async function convertInput(fileName: string): Promise<{ doc: NoticeDocument; messages: string }> {
  const id = fileName.replace(/\.[^.]+$/, '');
  const { document, messages } = await convertBytes(id, fileName, readFileSync(new URL(`../input/${fileName}`, import.meta.url)));
  if (!document) throw new Error(`${fileName} did not convert`);
  return { doc: document, messages };
}

const byKey = (doc: NoticeDocument) => (key: string): Opinion => {
  const found = doc.opinions.find((opinion) => opinion.key === key);
  if (!found) throw new Error(`no opinion ${key}`);
  return found;
};
const submittersOf = (opinion: Opinion, kind = 'comment'): (string | null)[] => opinion.comments.filter((c) => c.kind === kind).map((c) => c.submitter);
const commentCount = (doc: NoticeDocument): number => doc.opinions.reduce((sum, o) => sum + o.comments.length, 0);

describe('mic-denpa-tsv (TAB rows, CRLF, 元年, numbering within sections)', async () => {
  const { doc } = await convertInput('mic-denpa-tsv.txt');
  const op = byKey(doc);

  it('reads the notice', () => {
    expect(doc.notice).toMatchObject({
      title: '電波法施行規則等の一部を改正する省令案等に対して提出された意見及びその意見に対する総務省の考え方',
      subject: '電波法施行規則等の一部を改正する省令案等',
      respondent: '総務省',
      period: { start: '2019-04-22', end: '2019-05-21', raw: '平成31年4月22日～令和元年5月21日' },
      submitterCount: 8,
    });
    expect(doc.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['一般社団法人小電力無線利用推進会議', 'organization'],
      ['株式会社北辰テレメトリクス', 'organization'],
      ['東邦センサネット株式会社', 'organization'],
      ['全国テレメータ利用者連絡会', 'organization'],
      ['株式会社エムケイ計装', 'organization'],
      ['個人A', 'individual'],
      ['個人B', 'individual'],
      ['個人C', 'individual'],
    ]);
    expect(doc.sections.map((s) => [s.label, s.title, s.source.startLine])).toEqual([
      ['1.', '電波法施行規則の一部を改正する省令案に対する意見', 11],
      ['2.', '無線設備規則の一部を改正する省令案に対する意見', 20],
      ['3.', '関係告示案に対する意見', 30],
      [null, 'その他', 36],
    ]);
  });

  it('has 8 opinions, 11 comments, flags 2 true and 6 false, and the outcomes of the table', () => {
    expect(doc.opinions.map((o) => [o.id, o.key, o.number, o.revised, o.outcome])).toEqual([
      ['op-1-1', '1-1', null, false, 'unchanged'],
      ['op-1-2', '1-2', null, false, 'noted'],
      ['op-1-3', '1-3', null, false, 'unchanged'],
      ['op-2-1', '2-1', null, true, 'revised'],
      ['op-2-2', '2-2', null, true, 'revised'],
      ['op-3-1', '3-1', null, false, 'unchanged'],
      ['op-3-2', '3-2', null, false, 'unchanged'],
      ['op-4-1', '4-1', null, false, 'noted'],
    ]);
    expect(commentCount(doc)).toBe(11);
    expect(op('2-1').revisedRaw).toBe('有(一部)');
    expect(op('3-2').response?.refersTo).toEqual(['1-1']);
  });

  it('attributes comments to their submitters, on their lines', () => {
    expect(op('1-1').comments.map((c) => [c.submitter, c.source.startLine])).toEqual([
      ['一般社団法人小電力無線利用推進会議', 15],
      ['株式会社北辰テレメトリクス', 16],
    ]);
    expect(op('2-1').comments.map((c) => [c.submitter, c.source.startLine, c.source.endLine])).toEqual([
      ['株式会社エムケイ計装', 24, 24],
      ['個人B', 25, 27],
    ]);
    expect(submittersOf(op('3-1'))).toEqual(['全国テレメータ利用者連絡会', '個人C']);
    expect(op('1-1').source).toMatchObject({ startLine: 14, endLine: 16 });
  });

  it('joins the page split, keeps the footnote superscript and the non-submitter labels', () => {
    expect(op('2-1').comments[1]?.text).toContain('送信間隔を短くすることにより欠測を防ぐ運用が可能となるよう');
    expect(op('1-3').comments[0]?.text).toContain('ARIB STD-T108¹ に準拠');
    expect(op('2-2').comments[0]?.text).toMatch(/^【該当箇所】.*【意見】/);
  });

  it('normalises the refs', () => {
    const refs = (key: string) => op(key).comments.flatMap((c) => c.refs.map((r) => [r.kind, r.canonical]));
    expect(refs('1-1')).toEqual([['page', 'p.2']]);
    expect(refs('1-2')).toEqual([['page', 'p.3']]);
    expect(refs('2-1')).toEqual([['article', 'art.3.2']]);
    expect(refs('2-2')).toEqual([['other', '別表第三号']]);
  });
});

describe('fsa-kantoku-gfm (GFM pipe tables, No. column, topics, list of submitters)', async () => {
  const { doc } = await convertInput('fsa-kantoku-gfm.md');
  const op = byKey(doc);

  it('reads the notice', () => {
    expect(doc.notice).toMatchObject({
      title: '「主要行等向けの総合的な監督指針」及び「中小・地域金融機関向けの総合的な監督指針」の一部改正(案)に対するコメントの概要及びそれに対する金融庁の考え方',
      subject: '「主要行等向けの総合的な監督指針」及び「中小・地域金融機関向けの総合的な監督指針」の一部改正(案)',
      respondent: '金融庁',
      period: { start: '2024-09-20', end: '2024-10-21', raw: '令和6年9月20日(金曜)から同年10月21日(月曜)' },
      submitterCount: 9,
      // 延べ23件 (line 5) counts the comments before 集約, not the 10 rows.
      opinionCount: 23,
    });
    expect(doc.notice.submitters.map((s) => s.name)).toEqual([
      '一般社団法人地域金融システム研究会',
      '株式会社クラウドリンクス・ジャパン',
      '港北信用金庫',
      '株式会社セントラルITソリューションズ',
      '日本金融インフラ協議会',
      '弁護士法人みなと総合法律事務所',
    ]);
    // Line 44 is the list's remark; line 53, under the list, counts 個人3名 and is kept as the note it is.
    expect(doc.notice.notes).toEqual([
      { text: '※ 同趣旨のコメントは、適宜集約しています。', line: 7 },
      { text: '(順不同・敬称略)', line: 44 },
      { text: '※ 上記のほか、個人3名からコメントの提出がありました。', line: 53 },
    ]);
    expect(doc.sections.map((s) => [s.id, s.label, s.title, s.source.startLine])).toEqual([
      ['I', 'Ⅰ.', '主要行等監督指針の一部改正(案)について', 20],
      ['II', 'Ⅱ.', '中小・地域監督指針の一部改正(案)について', 33],
    ]);
  });

  it('keeps the 凡例 table (lines 13-18) as the glossary, as printed, and reports none of its rows', () => {
    expect(doc.notice.glossary).toEqual([
      { term: '主要行等監督指針', meaning: '主要行等向けの総合的な監督指針', line: 15 },
      { term: '中小・地域監督指針', meaning: '中小・地域金融機関向けの総合的な監督指針', line: 16 },
      { term: '施行規則', meaning: '銀行法施行規則', line: 17 },
      { term: 'CSP', meaning: 'クラウドサービス事業者', line: 18 },
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('has 10 opinions of one comment each, no flag, no summary, no submitter', () => {
    expect(doc.opinions.map((o) => [o.label, o.section, o.source.startLine])).toEqual([
      ['1', 'I', 25], ['2', 'I', 26], ['3', 'I', 28], ['4', 'I', 29], ['5', 'I', 30], ['6', 'I', 31],
      ['7', 'II', 37], ['8', 'II', 38], ['9', 'II', 39], ['10', 'II', 40],
    ]);
    for (const opinion of doc.opinions) {
      expect(opinion).toMatchObject({ revised: null, revisedRaw: null, summary: null });
      expect(opinion.comments.map((c) => c.submitter)).toEqual([null]);
    }
  });

  it('makes the ● rows topics, not opinions', () => {
    expect(doc.opinions.map((o) => o.topic)).toEqual([
      '●重要な外部委託先の特定', '●重要な外部委託先の特定',
      '●委託契約の終了・移行', '●委託契約の終了・移行', '●委託契約の終了・移行', '●委託契約の終了・移行',
      null, null, null, null,
    ]);
  });

  it('reads outcomes, the cross-reference and <br> line breaks', () => {
    expect(doc.opinions.map((o) => o.outcome)).toEqual([
      'revised', 'unchanged', 'unknown', 'noted', 'unchanged', 'unknown', 'revised', 'unchanged', 'unchanged', 'unchanged',
    ]);
    expect(op('8').response?.refersTo).toEqual(['2']);
    expect(op('1').comments[0]?.text).toContain('\n');
    expect(op('1').response?.text).toContain('\n');
    expect(op('1').comments[0]?.refs[0]).toMatchObject({ kind: 'section', canonical: 'III.3.7.1.2', raw: 'Ⅲ－３－７－１－２(4)①' });
  });
});

describe('caa-hyoji-html (HTML table, rowspan, colspan heading, trailing submitters)', async () => {
  const { doc } = await convertInput('caa-hyoji-html.html');
  const op = byKey(doc);

  it('reads the notice', () => {
    expect(doc.notice).toMatchObject({
      title: '「食品表示基準の一部を改正する内閣府令(案)」及び「食品表示基準Q&A改正案」に関する御意見の概要及び御意見に対する考え方',
      subject: '「食品表示基準の一部を改正する内閣府令(案)」及び「食品表示基準Q&A改正案」',
      respondent: '消費者庁',
      period: { start: '2022-06-10', end: '2022-07-11', raw: '令和4年6月10日(金)から7月11日(月)' },
      submitterCount: 11,
      submitterBreakdown: [
        { label: '団体', count: 5, unit: '件', partOf: null },
        { label: '事業者', count: 2, unit: '件', partOf: null },
        { label: '個人', count: 4, unit: '件', partOf: null },
      ],
    });
    expect(doc.sections.map((s) => [s.label, s.title])).toEqual([[null, '食品表示基準Q&A改正案に関する御意見']]);
  });

  it('has 9 opinions with one comment each, sections from the colspan row on', () => {
    expect(doc.opinions.map((o) => [o.label, o.section === null, o.source.startLine, o.source.endLine, o.revised, o.summary])).toEqual([
      ['1', true, 28, 33, null, null], ['2', true, 34, 39, null, null], ['3', true, 40, 44, null, null],
      ['4', true, 45, 49, null, null], ['5', true, 50, 55, null, null], ['6', true, 56, 61, null, null],
      ['7', true, 62, 67, null, null], ['8', false, 71, 76, null, null], ['9', false, 77, 82, null, null],
    ]);
    expect(commentCount(doc)).toBe(9);
  });

  it('takes submitters from trailing parentheses, not locations or dates', () => {
    expect(doc.opinions.map((o) => o.comments[0]?.submitter)).toEqual([
      '一般社団法人全国加工食品表示協議会', null, '株式会社東雲フーズ', null, '一般社団法人日本菓子原料流通協会', null, null, '株式会社丸八製菓', null,
    ]);
    expect(doc.notice.submitters.map((s) => s.kind)).toEqual(['organization', 'organization', 'organization', 'organization']);
    expect(op('2').comments[0]?.text.endsWith('(第3条第2項の表の改正規定)')).toBe(true);
    expect(op('5').comments[0]?.text).toContain('(令和7年3月31日まで)');
    expect(op('3').comments[0]?.text).not.toContain('株式会社東雲フーズ');
  });

  it('decodes entities and <br>, and shares the rowspan 該当箇所', () => {
    expect(op('3').comments[0]?.text).toContain('負担が大きい。\nウェブサイト等');
    expect(op('6').comments[0]?.text).toContain('①表示可能面積が30平方センチメートル以下のものは併記を不要とする、②国名の略称の使用を認める、');
    expect(op('8').comments[0]?.text).toContain('「<原料原産地名> 輸入(アメリカ)」');
    for (const key of ['2', '3', '4']) expect(op(key).comments[0]?.refs[0]).toMatchObject({ kind: 'article', canonical: 'art.3.2' });
    expect(op('5').comments[0]?.refs[0]).toMatchObject({ kind: 'other', canonical: '附則第2条' });
    expect(op('8').comments[0]?.refs[0]).toMatchObject({ kind: 'other', canonical: '原原-12' });
  });

  it('reads the outcomes', () => {
    expect(doc.opinions.map((o) => o.outcome)).toEqual(['noted', 'revised', 'unchanged', 'noted', 'unchanged', 'revised', 'noted', 'revised', 'unknown']);
  });
});

describe('soumu-saiiken-tsv (re-consultation: 意見 | 再意見 | 考え方)', async () => {
  const { doc } = await convertInput('soumu-saiiken-tsv.txt');
  const op = byKey(doc);

  it('reads both rounds', () => {
    expect(doc.notice).toMatchObject({
      title: '第一種指定電気通信設備接続料規則の一部を改正する省令案に対する意見及び再意見並びにそれらに対する総務省の考え方',
      subject: '第一種指定電気通信設備接続料規則の一部を改正する省令案',
      respondent: '総務省',
      period: { start: '2023-11-17', end: '2023-12-18', raw: '令和5年11月17日～同年12月18日' },
      rePeriod: { start: '2023-12-22', end: '2024-01-15', raw: '令和5年12月22日～令和6年1月15日' },
      submitterCount: 5,
      submitterCountUnit: '件',
      reSubmitterCount: 3,
    });
    expect(doc.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['株式会社ミライコネクト', 'organization'],
      ['一般社団法人地域通信事業者協会', 'organization'],
      ['関西ケーブル通信株式会社', 'organization'],
      ['東日本ファイバーネット株式会社', 'organization'],
      ['個人', 'individual'],
      ['ユニゾン・テレコム株式会社', 'organization'],
    ]);
    // The remark in each list's heading: 意見提出者一覧(受付順、敬称略), 再意見提出者一覧(受付順、敬称略).
    expect(doc.notice.notes).toEqual([
      { text: '(受付順、敬称略)', line: 8 },
      { text: '(受付順、敬称略)', line: 17 },
    ]);
    expect(doc.sections.map((s) => [s.id, s.title])).toEqual([['1', '算定期間及び需要予測について'], ['2', '激変緩和措置について'], ['3', 'その他']]);
  });

  it('has 8 opinions with 8 comments and 6 re-opinions, by submitter', () => {
    expect(doc.opinions.map((o) => [o.key, submittersOf(o), submittersOf(o, 're-opinion')])).toEqual([
      ['1', ['株式会社ミライコネクト'], ['東日本ファイバーネット株式会社', 'ユニゾン・テレコム株式会社']],
      ['2', ['一般社団法人地域通信事業者協会'], []],
      ['3', ['関西ケーブル通信株式会社'], ['東日本ファイバーネット株式会社']],
      ['4', ['株式会社ミライコネクト'], []],
      ['5', ['東日本ファイバーネット株式会社'], ['株式会社ミライコネクト', 'ユニゾン・テレコム株式会社']],
      ['6', ['個人'], []],
      ['7', ['一般社団法人地域通信事業者協会'], ['東日本ファイバーネット株式会社']],
      ['8', ['関西ケーブル通信株式会社'], []],
    ]);
    expect(commentCount(doc)).toBe(14);
    for (const opinion of doc.opinions) expect(opinion).toMatchObject({ summary: null, revised: null });
  });

  it('reads outcomes and the deferral', () => {
    expect(doc.opinions.map((o) => o.outcome)).toEqual(['revised', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'noted', 'noted', 'unchanged']);
    expect(op('4').response?.refersTo).toEqual(['2']);
  });

  it('joins the page splits of 意見5 and keeps rebuttal text that names another submitter', () => {
    const re = op('5').comments.filter((c) => c.kind === 're-opinion');
    expect(re[1]?.text).toContain('回収期間を長期化するなどの方策を検討すべきと考えます。');
    expect(re[1]?.source).toMatchObject({ startLine: 35, endLine: 37 });
    expect(op('5').response?.text).toContain('関係事業者の意見も聴きながら検討を行ってまいります。');
    expect(re[0]?.text).toContain('東日本ファイバーネット株式会社の意見に反対します');
    expect(op('1').comments[2]?.text).toContain('株式会社ミライコネクトの意見に賛同します');
  });
});
