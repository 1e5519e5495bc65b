import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRefs, foldWidth, parsePlace, romanToAscii, type FoundRef } from '../../src/normalize/refs.js';
import { Ref } from '../../src/schema/records.js';

/** The normalisers find refs; the pipeline adds where they are printed. Any span will do to check the rest of the record. */
const SPAN = { startLine: 1, endLine: 1, startColumn: 1, endColumn: 1, startOffset: 0, endOffset: 0 };
const isValidRef = (ref: object): boolean => Ref.safeParse({ ...ref, source: SPAN }).success;

/** The notices of input/: the real one and the corpus examples of other layouts. */
const CORPUS = fileURLToPath(new URL('../../input', import.meta.url));
const corpusTexts = [
  'soumu-cloud-security-guideline-2018.txt',
  'mic-denpa-tsv.txt',
  'fsa-kantoku-gfm.md',
  'caa-hyoji-html.html',
  'soumu-saiiken-tsv.txt',
].map((name) => ({ name, text: readFileSync(`${CORPUS}/${name}`, 'utf8') }));

/** What a test states about one ref: raw, kind, canonical and the kind's own fields; offsets are checked separately. */
type Expected = Record<string, unknown> & { kind: Ref['kind']; raw: string; canonical: string };

/** Checks the shared invariants of a findRefs result on `text`. */
function checkInvariants(text: string, refs: FoundRef[]): void {
  let lastEnd = 0;
  for (const ref of refs) {
    expect(text.slice(ref.start, ref.end)).toBe(ref.raw);
    expect(ref.start).toBeGreaterThanOrEqual(lastEnd);
    expect(ref.end).toBeGreaterThan(ref.start);
    lastEnd = ref.end;
    expect(isValidRef(ref)).toBe(true);
  }
}

const section = (raw: string, canonical: string, part: string, path: number[], qualifiers: string[] = []): Expected => ({
  kind: 'section', raw, canonical, part, path, qualifiers,
});
const page = (raw: string, n: number): Expected => ({ kind: 'page', raw, canonical: `p.${n}`, page: n });

describe('findRefs: examples from the corpus and the contract', () => {
  const cases: [string, Expected[]][] = [
    // sections
    ['(Ⅱ. 2. 1. 1. 【基本】i)', [section('Ⅱ. 2. 1. 1. 【基本】i', 'II.2.1.1', 'II', [2, 1, 1], ['基本', 'i'])]],
    ['(Ⅱ. 2. 1. 1. 【基本】iii.) 【マカフィー株式会社】', [section('Ⅱ. 2. 1. 1. 【基本】iii.', 'II.2.1.1', 'II', [2, 1, 1], ['基本', 'iii'])]],
    ['(Ⅲ. 1. 1. 6. 【基本】ii)', [section('Ⅲ. 1. 1. 6. 【基本】ii', 'III.1.1.6', 'III', [1, 1, 6], ['基本', 'ii'])]],
    ['(Ⅲ. 2. 2. 1. 【基本】iv)', [section('Ⅲ. 2. 2. 1. 【基本】iv', 'III.2.2.1', 'III', [2, 2, 1], ['基本', 'iv'])]],
    ['(Ⅲ. 3. 1. 4. 【基本】)  【マカフィー株式会社】', [section('Ⅲ. 3. 1. 4. 【基本】', 'III.3.1.4', 'III', [3, 1, 4], ['基本'])]],
    ['( I . 6. 用語の定義)', [section('I . 6.', 'I.6', 'I', [6])]],
    ['特に I . 6. 17. クラウドには', [section('I . 6. 17.', 'I.6.17', 'I', [6, 17])]],
    ['Ⅲ. 3. 1. 3', [section('Ⅲ. 3. 1. 3', 'III.3.1.3', 'III', [3, 1, 3])]],
    ['Ⅲ.3.1.3', [section('Ⅲ.3.1.3', 'III.3.1.3', 'III', [3, 1, 3])]],
    ['III．３．１．３を参照', [section('III．３．１．３', 'III.3.1.3', 'III', [3, 1, 3])]],
    ['主要行等監督指針Ⅲ－３－７－１－２(4)①において', [section('Ⅲ－３－７－１－２(4)①', 'III.3.7.1.2', 'III', [3, 7, 1, 2], ['(4)', '①'])]],
    ['本案の「Ⅲ. 物理的・技術的対策編」では', [section('Ⅲ.', 'III', 'III', [])]],
    ['(Ⅲ. 物理的・技術的対策編)', [section('Ⅲ.', 'III', 'III', [])]],
    ['I.6', [section('I.6', 'I.6', 'I', [6])]],
    ['(Ⅲ. 1. 1. 6. 【基本】ⅱ)', [section('Ⅲ. 1. 1. 6. 【基本】ⅱ', 'III.1.1.6', 'III', [1, 1, 6], ['基本', 'ii'])]],
    ['Ⅲ. 1. 1. 運用管理に関する共通対策へ', [section('Ⅲ. 1. 1.', 'III.1.1', 'III', [1, 1])]],
    ['(IV. 5. リスク対応策 表中 A-5)', [
      section('IV. 5.', 'IV.5', 'IV', [5]),
      { kind: 'table-item', raw: '表中 A-5', canonical: 'A-5', item: 'A-5' },
    ]],
    ['(IV. 5. リスク対応策 表中 B-48)', [
      section('IV. 5.', 'IV.5', 'IV', [5]),
      { kind: 'table-item', raw: '表中 B-48', canonical: 'B-48', item: 'B-48' },
    ]],
    // pages
    ['p62: Ⅲ.3.1.3【ベストプラクティス】および【評価項目】', [page('p62', 62), section('Ⅲ.3.1.3', 'III.3.1.3', 'III', [3, 1, 3])]],
    ['P20「II. 2. 情報セキュリティのための組織」「II. 2. 1. 内部組織」', [
      page('P20', 20),
      section('II. 2.', 'II.2', 'II', [2]),
      section('II. 2. 1.', 'II.2.1', 'II', [2, 1]),
    ]],
    ['p29「Ⅱ. 4. 3. 情報セキュリティポリシーの遵守」', [page('p29', 29), section('Ⅱ. 4. 3.', 'II.4.3', 'II', [4, 3])]],
    ['p.12 を参照', [page('p.12', 12)]],
    ['ｐ２９', [page('ｐ２９', 29)]],
    ['p4の『1.大企業と比較して』', [page('p4', 4)]],
    ['の P44、P91、P92 にも', [page('P44', 44), page('P91', 91), page('P92', 92)]],
    ['御意見を踏まえ、20 ページのベストプラクティスに', [page('20 ページ', 20)]],
    ['29ページ', [page('29ページ', 29)]],
    ['(新旧対照表 2ページ)', [page('2ページ', 2)]],
    ['239 ページ及び 251 ページに', [page('239 ページ', 239), page('251 ページ', 251)]],
    // A range of pages: one ref of its first page; an end before the start is no range.
    ['p.12～13 の記載', [{ kind: 'page', raw: 'p.12～13', canonical: 'p.12-13', page: 12 }]],
    ['12～14ページ', [{ kind: 'page', raw: '12～14ページ', canonical: 'p.12-14', page: 12 }]],
    ['12ページ～14ページ', [{ kind: 'page', raw: '12ページ～14ページ', canonical: 'p.12-14', page: 12 }]],
    ['P12-P14', [{ kind: 'page', raw: 'P12-P14', canonical: 'p.12-14', page: 12 }]],
    ['本文は別添の p.1∼7 (S17)', [{ kind: 'page', raw: 'p.1∼7', canonical: 'p.1-7', page: 1 }]],
    ['p.12-3', [page('p.12', 12)]],
    // pages and figures
    ['3ページの図表1「主なクラウドサービス」', [page('3ページ', 3), { kind: 'figure', raw: '図表1', canonical: 'fig.1', figure: 1 }]],
    ['あわせて、図表 1 の表題を', [{ kind: 'figure', raw: '図表 1', canonical: 'fig.1', figure: 1 }]],
    ['図1 を参照', [{ kind: 'figure', raw: '図1', canonical: 'fig.1', figure: 1 }]],
    ['地図３及び図表 4', [{ kind: 'figure', raw: '図３', canonical: 'fig.3', figure: 3 }, { kind: 'figure', raw: '図表 4', canonical: 'fig.4', figure: 4 }]],
    // annexes
    ['(Annex 5 利用者接点と ICT サプライチェーンに着目した要求事項 12. 4. 1 イベントログ取得)', [{
      kind: 'annex', raw: 'Annex 5 利用者接点と ICT サプライチェーンに着目した要求事項 12. 4. 1',
      canonical: 'Annex5:12.4.1', annex: 5, path: [12, 4, 1],
    }]],
    ['(Annex 5 利用者接点と ICT サプライチェーンに着目した要求事項 12.6 技術的ぜい弱性管理)', [{
      kind: 'annex', raw: 'Annex 5 利用者接点と ICT サプライチェーンに着目した要求事項 12.6',
      canonical: 'Annex5:12.6', annex: 5, path: [12, 6],
    }]],
    ['Annex 5 を参照。12.4 は別の話', [{ kind: 'annex', raw: 'Annex 5', canonical: 'Annex5', annex: 5, path: [] }]],
    // articles
    ['(改正案第3条第2項) 【株式会社エムケイ計装】', [{ kind: 'article', raw: '第3条第2項', canonical: 'art.3.2', article: 3, branch: null, paragraph: 2, articleItem: null }]],
    ['第３条', [{ kind: 'article', raw: '第３条', canonical: 'art.3', article: 3, branch: null, paragraph: null, articleItem: null }]],
    ['第三条第二項', [{ kind: 'article', raw: '第三条第二項', canonical: 'art.3.2', article: 3, branch: null, paragraph: 2, articleItem: null }]],
    ['第3条2項', [{ kind: 'article', raw: '第3条2項', canonical: 'art.3.2', article: 3, branch: null, paragraph: 2, articleItem: null }]],
    ['第十二条', [{ kind: 'article', raw: '第十二条', canonical: 'art.12', article: 12, branch: null, paragraph: null, articleItem: null }]],
    // a branch article (枝番) and items (号)
    ['第3条の2', [{ kind: 'article', raw: '第3条の2', canonical: 'art.3-2', article: 3, branch: 2, paragraph: null, articleItem: null }]],
    ['第三条の二第一項', [{ kind: 'article', raw: '第三条の二第一項', canonical: 'art.3-2.1', article: 3, branch: 2, paragraph: 1, articleItem: null }]],
    ['第3条第2項第1号について', [{ kind: 'article', raw: '第3条第2項第1号', canonical: 'art.3.2(1)', article: 3, branch: null, paragraph: 2, articleItem: 1 }]],
    ['第2条第十号', [{ kind: 'article', raw: '第2条第十号', canonical: 'art.2(10)', article: 2, branch: null, paragraph: null, articleItem: 10 }]],
    // の before a word is no branch: `の一部を改正`, `の一環`.
    ['第3条の一部を改正する', [{ kind: 'article', raw: '第3条', canonical: 'art.3', article: 3, branch: null, paragraph: null, articleItem: null }]],
    ['第5条の一環として', [{ kind: 'article', raw: '第5条', canonical: 'art.5', article: 5, branch: null, paragraph: null, articleItem: null }]],
    ['(第3条第2項の表の改正規定)', [{ kind: 'article', raw: '第3条第2項', canonical: 'art.3.2', article: 3, branch: null, paragraph: 2, articleItem: null }]],
    // supplementary provisions are numbered apart from the articles: no art. ref
    ['第5条及び附則第2条', [{ kind: 'article', raw: '第5条', canonical: 'art.5', article: 5, branch: null, paragraph: null, articleItem: null }, { kind: 'other', raw: '附則第2条', canonical: '附則第2条' }]],
    ['附則第３条第１項の経過措置', [{ kind: 'other', raw: '附則第３条第１項', canonical: '附則第3条第1項' }]],
    ['附則第 2 項', [{ kind: 'other', raw: '附則第 2 項', canonical: '附則第2項' }]],
    // whole
    ['上記を前提にして開発されています。(全体)', [{ kind: 'whole', raw: '(全体)', canonical: 'whole' }]],
    ['（全体）', [{ kind: 'whole', raw: '（全体）', canonical: 'whole' }]],
  ];

  it.each(cases)('%s', (text, expected) => {
    const refs = findRefs(text);
    checkInvariants(text, refs);
    expect(refs.map(({ start: _s, end: _e, ...rest }) => rest)).toEqual(expected);
  });
});

describe('findRefs: text that holds no reference', () => {
  const negatives = [
    'I think this is fine. I. think so too.',
    'https://www.nisc.go.jp/active/infra/pdf/shishin5.pdf',
    'see https://example.com/p/12 and http://example.jp/p12/III.3.1',
    'ISO/IEC 17788:2014 (ITU-T Rec. Y.3500) Information technology -- Cloud computing',
    'ISO/IEC 17789:2014 (ITU-T Rec. Y.3501)',
    'ITU-T Rec. X.509 certificates, X.800 security architecture',
    '情報処理学会 情報規格調査会 SC 38 専門委員会',
    'JIS Q 27017:2016 (ISO/IEC 27017:2015)',
    'JIS X 9401:2016 情報技術－クラウドコンピューティング－概要及び用語',
    'Service level agreement (SLA) framework -- Part 1: Overview and concepts',
    'ISO/IEC FDIS 19086-4 Part 4: Components of security',
    '平成30年6月7日～平成30年7月6日',
    '令和4年6月10日(金)から7月11日(月)',
    'SHA256p1',
    'CIO 、CISO 等',
    'HTTP/HTTPS の通信',
    'PCI DSS 等',
    'IV. IoT サービスリスクへの対応方針編',
    'iii. 高い機密性、完全性が求められるサービスでは',
    'take the I-5 north',
    'p2p networks and IPv6',
    '第2版',
    '(第3編第6章 調達)',
    // 図 ending a word, or a figure numbered within a chapter
    '意図1つ目',
    '構図 2',
    '図1-2 を参照',
    '図１－２',
    '附則において経過措置を設け',
    '別紙のとおり',
    '同ページの評価項目',
    'ホームページ等を通じて',
    '',
  ];

  it.each(negatives)('%j', (text) => {
    expect(findRefs(text)).toEqual([]);
  });
});

describe('parsePlace: 該当箇所 cells', () => {
  const cases: [string, Expected[]][] = [
    ['全般', [{ kind: 'whole', raw: '全般', canonical: 'whole' }]],
    ['全体', [{ kind: 'whole', raw: '全体', canonical: 'whole' }]],
    ['(全体)', [{ kind: 'whole', raw: '(全体)', canonical: 'whole' }]],
    ['第3条第2項の表 原料原産地名の項', [{ kind: 'article', raw: '第3条第2項', canonical: 'art.3.2', article: 3, branch: null, paragraph: 2, articleItem: null }]],
    ['附則第2条', [{ kind: 'other', raw: '附則第2条', canonical: '附則第2条' }]],
    ['別表第三号', [{ kind: 'other', raw: '別表第三号', canonical: '別表第三号' }]],
    ['別記様式一', [{ kind: 'other', raw: '別記様式一', canonical: '別記様式一' }]],
    ['(原原-12)', [{ kind: 'other', raw: '(原原-12)', canonical: '原原-12' }]],
    ['（原原－１２）', [{ kind: 'other', raw: '（原原－１２）', canonical: '原原-12' }]],
    ['  その他\n', [{ kind: 'other', raw: 'その他', canonical: 'その他' }]],
    ['(a)と(b)', [{ kind: 'other', raw: '(a)と(b)', canonical: '(a)と(b)' }]],
    ['新旧対照表 2ページ', [{ kind: 'page', raw: '2ページ', canonical: 'p.2', page: 2 }]],
    ['Ⅲ. 3. 1. 3', [section('Ⅲ. 3. 1. 3', 'III.3.1.3', 'III', [3, 1, 3])]],
    ['', []],
    [' \u3000 ', []],
  ];

  it.each(cases)('%j', (text, expected) => {
    const refs = parsePlace(text);
    expect(refs).toEqual(expected);
    for (const ref of refs) {
      expect(isValidRef(ref)).toBe(true);
      expect(text).toContain(ref.raw);
      expect(ref).not.toHaveProperty('start');
    }
  });
});

describe('findRefs on the whole corpus', () => {
  it.each(corpusTexts)('$name: raw is text.slice(start, end), in order, non-overlapping, schema-valid', ({ text }) => {
    checkInvariants(text, findRefs(text));
  });

  it('finds the refs of the real notice by kind', () => {
    const text = corpusTexts[0]?.text ?? '';
    const counts: Record<string, number> = {};
    for (const ref of findRefs(text)) counts[ref.kind] = (counts[ref.kind] ?? 0) + 1;
    expect(counts).toEqual({ section: 31, page: 23, figure: 2, whole: 1, 'table-item': 3, annex: 2 });
  });

  const reparsable = corpusTexts
    .flatMap(({ text }) => findRefs(text))
    .filter((r) => r.kind === 'page' || r.kind === 'annex' || (r.kind === 'section' && r.path.length > 0));

  it.each(reparsable.map((r) => [r.raw, r.canonical] as const))('canonical of %j (%s) is idempotent', (_raw, canonical) => {
    const again = findRefs(canonical);
    expect(again).toHaveLength(1);
    expect(again[0]?.canonical).toBe(canonical);
    expect(again[0]?.raw).toBe(canonical);
  });
});

describe('helpers shared with other normalisers', () => {
  it('foldWidth maps full-width forms to ASCII and keeps the length', () => {
    const text = 'Ⅲ－３－７\u3000ＡＢＣ．１２（４）';
    expect(foldWidth(text)).toBe('Ⅲ-3-7 ABC.12(4)');
    expect(foldWidth(text)).toHaveLength(text.length);
    expect(foldWidth('😀テスト')).toBe('😀テスト');
  });

  it.each([
    ['Ⅰ', 'I'], ['Ⅱ', 'II'], ['Ⅲ', 'III'], ['Ⅳ', 'IV'], ['Ⅻ', 'XII'], ['IV', 'IV'], ['1', '1'],
  ])('romanToAscii(%s) is %s', (input, expected) => {
    expect(romanToAscii(input)).toBe(expected);
  });
});

describe('appended tables, forms and papers in free text', () => {
  it.each([
    ['無線設備規則の一部を改正する省令案 別表第三号の改正規定', '別表第三号', '別表第三号'],
    ['別記様式第 1 号を改める', '別記様式第 1 号', '別記様式第1号'],
    ['別紙1の様式', '別紙1', '別紙1'],
    ['修正内容は別添 2 に示しています。', '別添 2', '別添2'],
    ['別添資料４参照', '別添資料４', '別添資料4'],
    ['参考資料3について', '参考資料3', '参考資料3'],
  ])('%s gives an other ref %s', (text, raw, canonical) => {
    expect(findRefs(text).map(({ kind, raw, canonical }) => ({ kind, raw, canonical }))).toEqual([{ kind: 'other', raw, canonical }]);
  });
});
