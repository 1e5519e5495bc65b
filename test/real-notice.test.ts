/**
 * The real notice (総務省, クラウドサービス提供における情報セキュリティ対策
 * ガイドライン(第2版)(案), 2018): the facts read from the source and listed in
 * shared/corpus/README.md, checked one by one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoticeDocument, Opinion } from '../src/schema/records.js';
import { convertFixture } from './helpers.js';

let doc: NoticeDocument;
const op = (key: string): Opinion => {
  const found = doc.opinions.find((opinion) => opinion.key === key);
  if (!found) throw new Error(`no opinion ${key}`);
  return found;
};

beforeAll(async () => {
  const { document } = await convertFixture('soumu-cloud-security-guideline-2018');
  if (!document) throw new Error('conversion failed');
  doc = document;
});

describe('notice', () => {
  it('has the title, subject, respondent and period of lines 3-4', () => {
    expect(doc.notice.title).toBe(
      'クラウドサービス提供における情報セキュリティ対策ガイドライン(第2版)(案)に対して提出された意見及びその意見に対する総務省の考え方',
    );
    expect(doc.notice.subject).toBe('クラウドサービス提供における情報セキュリティ対策ガイドライン(第2版)(案)');
    expect(doc.notice.respondent).toBe('総務省');
    expect(doc.notice.period).toEqual({ start: '2018-06-07', end: '2018-07-06', raw: '平成30年6月7日～平成30年7月6日' });
  });

  it('states 6 submitters and lists the six of lines 8 and 10', () => {
    expect(doc.notice.submitterCount).toBe(6);
    expect(doc.notice.submitterBreakdown).toEqual([
      { label: '法人', count: 3, unit: '者', partOf: null },
      { label: '個人', count: 3, unit: '者', partOf: null },
    ]);
    expect(doc.notice.submitters.map((s) => [s.name, s.kind])).toEqual([
      ['日本オラクル株式会社(情報処理学会 情報規格調査会 SC 38 専門委員会)', 'organization'],
      ['マカフィー株式会社', 'organization'],
      ['パスロジ株式会社', 'organization'],
      ['個人A', 'individual'],
      ['個人B', 'individual'],
      ['個人C', 'individual'],
    ]);
    expect(doc.notice.source.encoding).toBe('utf-8');
  });

  it('has six sections with their printed labels', () => {
    expect(doc.sections.map((s) => [s.id, s.label, s.title, s.source.startLine])).toEqual([
      ['I', 'I.', '序編に対する意見', 12],
      ['II', 'Ⅱ.', '組織・運用編に対する意見', 25],
      ['III', 'Ⅲ.', '物理的・技術的対策編に対する意見', 39],
      ['IV', 'IV.', 'IoT サービスリスクへの対応方針編に対する意見', 55],
      ['V', 'V.', '参考資料に対する意見', 63],
      ['sec-6', null, 'その他', 69],
    ]);
  });
});

describe('opinions', () => {
  it('has 意見1-20 with 26 comments, 11 flags 有 and 9 無', () => {
    expect(doc.opinions.map((o) => o.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(doc.opinions.flatMap((o) => o.comments)).toHaveLength(26);
    expect(doc.opinions.filter((o) => o.revised === true).map((o) => o.key)).toEqual(
      ['1', '3', '4', '5', '6', '7', '10', '12', '13', '14', '15'],
    );
    expect(doc.opinions.filter((o) => o.revised === false)).toHaveLength(9);
  });

  it('puts each opinion in its section', () => {
    const sections = Object.fromEntries(doc.opinions.map((o) => [o.key, o.section]));
    expect(sections).toMatchObject({ '1': 'I', '3': 'I', '4': 'II', '7': 'II', '8': 'III', '16': 'III', '17': 'IV', '18': 'V', '19': 'V', '20': 'sec-6' });
  });

  it('keeps the label as printed: 意見9 but 意見 10', () => {
    expect(op('9').label).toBe('意見9');
    expect(op('10').label).toBe('意見 10');
    expect(op('10').id).toBe('op-10');
  });

  it('spans the multi-row opinions over their lines', () => {
    const spans = ['3', '5', '6', '7', '14', '17'].map((key) => [key, op(key).source.startLine, op(key).source.endLine]);
    expect(spans).toEqual([['3', 18, 22], ['5', 30, 32], ['6', 33, 35], ['7', 36, 37], ['14', 49, 51], ['17', 58, 61]]);
  });

  it('reads 意見3: flag on its summary row, response on row 19, two comments', () => {
    expect(op('3').revised).toBe(true);
    expect(op('3').response?.source).toMatchObject({ startLine: 19, endLine: 19 });
    expect(op('3').comments.map((c) => [c.submitter, c.source.startLine, c.source.endLine])).toEqual([
      ['日本オラクル株式会社(情報処理学会 情報規格調査会 SC 38 専門委員会)', 19, 19],
      ['日本オラクル株式会社(情報処理学会 情報規格調査会 SC 38 専門委員会)', 20, 22],
    ]);
  });

  it('joins the page splits with nothing inserted', () => {
    expect(op('3').comments[1]?.text).toContain('Cloud computing -- Overview and vocabulary');
    expect(op('14').comments[0]?.text).toContain('特定の認証方式が、その認証方式の性質');
    expect(op('14').response?.text).toContain('同ページの評価項目の内容も修正いたします。');
  });

  it('splits a summary sharing its paragraph with the comment (意見15, 意見16)', () => {
    expect(op('15').summary).toBe('リバースプロキシを使用し、外部からサーバへの直接アクセスを制御すべき旨を記載すべき。');
    expect(op('15').comments[0]?.text.startsWith('『【ベストプラクティス】』にはファイアウォールの記載のみで')).toBe(true);
    expect(op('16').summary).toBe('標準で https プロトコルの利用等を行えるようにすべき。');
    expect(op('16').comments[0]?.text.startsWith('通信の暗号化について常に意識すべきである。')).toBe(true);
  });

  it('gives two comments of マカフィー for the two marks of line 66', () => {
    expect(op('18').comments.map((c) => [c.submitter, c.source.startLine])).toEqual([
      ['マカフィー株式会社', 66],
      ['マカフィー株式会社', 66],
    ]);
  });

  it('reads submitter marks in all three forms and normalises 【個人 A】', () => {
    expect(op('1').comments[0]).toMatchObject({ submitter: '個人A', submitterRaw: '【個人 A】' });
    expect(op('8').comments[0]?.submitter).toBe('日本オラクル株式会社(情報処理学会 情報規格調査会 SC 38 専門委員会)');
    expect(op('6').comments.map((c) => c.submitter)).toEqual(['マカフィー株式会社', '個人A']);
    expect(op('16').comments[0]?.submitter).toBe('個人B');
    expect(op('20').comments[0]?.submitter).toBe('個人C');
    const allText = doc.opinions.flatMap((o) => o.comments.map((c) => c.text)).join('\n');
    expect(allText).not.toMatch(/【(?:個人 ?[A-C]|マカフィー株式会社|パスロジ株式会社)】/);
  });

  it('keeps non-submitter 【…】 labels in the text', () => {
    expect(op('3').comments[1]?.text).toContain('【注記】用語定義の国際規格です。');
    expect(op('5').comments[0]?.text).toContain('(Ⅱ. 2. 1. 1. 【基本】i)');
    expect(op('14').comments[0]?.text).toMatch(/^【意見箇所】.*【評価項目】 【意見内容】/);
  });

  it('turns <sup> footnote markers into superscripts', () => {
    expect(op('5').comments[0]?.text).toContain('(CIO⁷ 、CISO⁸ 等)');
  });

  it('reads 有 both bare and in <p>', () => {
    expect([op('5').revisedRaw, op('4').revisedRaw, op('8').revisedRaw]).toEqual(['有', '有', '無']);
  });

  it('links 意見17 and 意見18 to 意見11 and inherits its outcome', () => {
    expect(op('17').response?.refersTo).toEqual(['11']);
    expect(op('18').response?.refersTo).toEqual(['11']);
    expect(op('11').outcome).toBe('unchanged');
    expect([op('17').outcome, op('18').outcome]).toEqual(['unchanged', 'unchanged']);
  });

  it('reads outcomes from the response wording', () => {
    expect(op('1').outcome).toBe('revised');
    expect(op('4').outcome).toBe('revised');
    expect(op('2').outcome).toBe('unchanged');
    expect(op('8').outcome).toBe('noted');
    expect(op('20').outcome).toBe('noted');
    expect(op('19').outcome).toBe('unknown');
  });

  it('normalises the places comments refer to', () => {
    const canon = (key: string, index = 0): string[] => op(key).comments[index]?.refs.map((r) => r.canonical) ?? [];
    expect(canon('3', 1)).toEqual(['whole']);
    expect(op('5').comments[0]?.refs[0]).toMatchObject({ kind: 'section', canonical: 'II.2.1.1', part: 'II', path: [2, 1, 1], qualifiers: ['基本', 'i'] });
    expect(canon('14')).toEqual(['p.62', 'III.3.1.3']);
    expect(canon('17', 0)).toEqual(['IV.5', 'A-5']);
    expect(canon('18', 0)).toEqual(['Annex5:12.4.1']);
    expect(canon('2')).toEqual(['p.4']);
    // Pages of other documents the comment quotes (重要インフラガイドラインでは p17, 「…」の P44、P91、P92, 「…」の p8) are no refs.
    expect(canon('4')).toEqual(['p.20', 'II.2', 'II.2.1']);
    expect(canon('6', 1)).toEqual(['p.29', 'II.4.3']);
    expect(op('1').response?.refs.map((r) => r.canonical)).toEqual(['p.3', 'fig.1']);
  });
});
