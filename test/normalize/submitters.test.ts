import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  asciiDigits,
  expandRange,
  guessKind,
  isSubmitterMark,
  normalizeSubmitterName,
  parseSubmitterGroup,
  splitTopLevel,
  submitterKey,
  type SubmitterGroup,
} from '../../src/normalize/submitters.js';
import { SubmitterKind } from '../../src/schema/records.js';

/** The notices of input/: the real one and the corpus examples of other layouts. */
const CORPUS = fileURLToPath(new URL('../../input', import.meta.url));
const ORACLE = '日本オラクル株式会社(情報処理学会 情報規格調査会 SC 38 専門委員会)';
const REAL_ORGANIZATIONS = `法人:3者(${ORACLE}、マカフィー株式会社、パスロジ株式会社)`;
const REAL_INDIVIDUALS = '個人:3者(個人A～個人C)';

describe('parseSubmitterGroup', () => {
  it.each<[string, string, SubmitterGroup]>([
    [
      'the real organisation line (nested parentheses kept in the first name)',
      REAL_ORGANIZATIONS,
      { label: '法人', count: 3, unit: '者', names: [ORACLE, 'マカフィー株式会社', 'パスロジ株式会社'], kind: 'organization' },
    ],
    [
      'the real individual line (a lettered range)',
      REAL_INDIVIDUALS,
      { label: '個人', count: 3, unit: '者', names: ['個人A', '個人B', '個人C'], kind: 'individual' },
    ],
    [
      'full-width colon, digit, letters and parentheses',
      '個人：３者（個人Ａ～個人Ｃ）',
      { label: '個人', count: 3, unit: '者', names: ['個人A', '個人B', '個人C'], kind: 'individual' },
    ],
    [
      'full-width colon and digit, ASCII parentheses',
      '個人：３者(個人Ａ～個人Ｃ)',
      { label: '個人', count: 3, unit: '者', names: ['個人A', '個人B', '個人C'], kind: 'individual' },
    ],
    [
      'a wave-dash range 〜 (U+301C)',
      '個人:2者(個人A〜個人B)',
      { label: '個人', count: 2, unit: '者', names: ['個人A', '個人B'], kind: 'individual' },
    ],
    [
      'an ASCII tilde range',
      '個人:4者(個人A~個人D)',
      { label: '個人', count: 4, unit: '者', names: ['個人A', '個人B', '個人C', '個人D'], kind: 'individual' },
    ],
    [
      'a numeric range',
      '個人:3者(個人1～個人3)',
      { label: '個人', count: 3, unit: '者', names: ['個人1', '個人2', '個人3'], kind: 'individual' },
    ],
    [
      'a numeric range crossing a digit boundary',
      '個人:3名(個人9～個人11)',
      { label: '個人', count: 3, unit: '名', names: ['個人9', '個人10', '個人11'], kind: 'individual' },
    ],
    [
      'unit 件',
      '団体:2件(一般社団法人日本菓子原料流通協会、日本金融インフラ協議会)',
      { label: '団体', count: 2, unit: '件', names: ['一般社団法人日本菓子原料流通協会', '日本金融インフラ協議会'], kind: 'organization' },
    ],
    [
      'unit 通',
      '事業者:1通(株式会社丸八製菓)',
      { label: '事業者', count: 1, unit: '通', names: ['株式会社丸八製菓'], kind: 'organization' },
    ],
    [
      'unit 名, a range mixed with a plain name',
      '個人:3名(個人A～個人B、個人C)',
      { label: '個人', count: 3, unit: '名', names: ['個人A', '個人B', '個人C'], kind: 'individual' },
    ],
    [
      'a count without a list',
      '団体:5件',
      { label: '団体', count: 5, unit: '件', names: [], kind: 'organization' },
    ],
    [
      'その他 is of unknown kind',
      'その他:1件',
      { label: 'その他', count: 1, unit: '件', names: [], kind: 'unknown' },
    ],
    [
      'spaces around colon and unit, surrounding whitespace',
      '  法人 : 12 者 ( パスロジ株式会社 )  ',
      { label: '法人', count: 12, unit: '者', names: ['パスロジ株式会社'], kind: 'organization' },
    ],
    [
      'full-width parentheses nested inside the list, a full-width count of two digits',
      '法人：１２者（Ａ株式会社（Ｂ部、Ｃ課）、Ｄ株式会社）',
      { label: '法人', count: 12, unit: '者', names: ['Ａ株式会社（Ｂ部、Ｃ課）', 'Ｄ株式会社'], kind: 'organization' },
    ],
    [
      'organisation names keep their wording, space runs collapse to one space',
      '法人:1者(日本  オラクル　　株式会社)',
      { label: '法人', count: 1, unit: '者', names: ['日本 オラクル 株式会社'], kind: 'organization' },
    ],
  ])('%s', (_name, line, expected) => {
    expect(parseSubmitterGroup(line)).toEqual(expected);
  });

  it.each([
    ['the total line', '提出意見数:6者 ※提出意見数は、意見提出者数としています。'],
    ['a bare total', '提出意見数:6者'],
    ['a total in 件', '意見提出件数:5件 再意見提出件数:3件'],
    ['prose mentioning individuals', '※ 上記のほか、個人3名からコメントの提出がありました。'],
    ['prose with a colon', '個人の意見:特になし'],
    ['a title', 'クラウドサービス提供における情報セキュリティ対策ガイドライン(第2版)(案)に対して提出された意見及びその意見に対する総務省の考え方'],
    ['a period line', '(意見募集期間:平成30年6月7日～平成30年7月6日)'],
    ['a label without a count', '法人:(マカフィー株式会社)'],
    ['an unknown unit', '法人:3社(マカフィー株式会社)'],
    ['text after the list', '個人:3者(個人A～個人C) ※敬称略'],
    ['an empty line', ''],
  ])('%s is no group', (_name, line) => {
    expect(parseSubmitterGroup(line)).toBeNull();
  });

  it('reads the real notice: two groups naming the six submitters of the README', () => {
    const text = readFileSync(`${CORPUS}/soumu-cloud-security-guideline-2018.txt`, 'utf8');
    const groups = text.split('\n').flatMap((line) => parseSubmitterGroup(line) ?? []);
    expect(groups.map((group) => [group.label, group.count, group.unit, group.kind])).toEqual([
      ['法人', 3, '者', 'organization'],
      ['個人', 3, '者', 'individual'],
    ]);
    expect(groups.flatMap((group) => group.names)).toEqual([
      ORACLE,
      'マカフィー株式会社',
      'パスロジ株式会社',
      '個人A',
      '個人B',
      '個人C',
    ]);
    for (const group of groups) {
      expect(group.names).toHaveLength(group.count);
      expect(SubmitterKind.safeParse(group.kind).success).toBe(true);
    }
  });
});

describe('splitTopLevel', () => {
  it.each<[string, string, string[]]>([
    ['a plain list', 'マカフィー株式会社、パスロジ株式会社', ['マカフィー株式会社', 'パスロジ株式会社']],
    ['the real list, 、 inside parentheses kept', `${ORACLE}、マカフィー株式会社、パスロジ株式会社`, [ORACLE, 'マカフィー株式会社', 'パスロジ株式会社']],
    ['ASCII parentheses', 'A(B、C)、D', ['A(B、C)', 'D']],
    ['full-width parentheses', 'Ａ（Ｂ、Ｃ）、Ｄ', ['Ａ（Ｂ、Ｃ）', 'Ｄ']],
    ['mixed opening and closing widths', 'A(B、C）、D（E、F)', ['A(B、C）', 'D（E、F)']],
    ['two levels of nesting', 'A(B(C、D)、E)、F', ['A(B(C、D)、E)', 'F']],
    ['ASCII and full-width commas', 'A,B，C、D', ['A', 'B', 'C', 'D']],
    ['commas inside parentheses', 'A(B,C，D)、E', ['A(B,C，D)', 'E']],
    ['parts trimmed, empty parts dropped', ' A 、、 B 、', ['A', 'B']],
    ['one name', 'パスロジ株式会社', ['パスロジ株式会社']],
    ['nothing', '', []],
    ['a stray closing parenthesis does not go negative', 'A)、B', ['A)', 'B']],
  ])('%s', (_name, text, expected) => {
    expect(splitTopLevel(text)).toEqual(expected);
  });
});

describe('expandRange', () => {
  it.each<[string, string[]]>([
    ['個人A～個人C', ['個人A', '個人B', '個人C']],
    ['個人A〜個人C', ['個人A', '個人B', '個人C']],
    ['個人A~個人C', ['個人A', '個人B', '個人C']],
    ['個人A-個人B', ['個人A', '個人B']],
    ['個人A－個人B', ['個人A', '個人B']],
    ['個人A ～ 個人C', ['個人A', '個人B', '個人C']],
    ['個人Ａ～個人Ｃ', ['個人A', '個人B', '個人C']],
    ['個人a～個人c', ['個人a', '個人b', '個人c']],
    ['個人1～個人3', ['個人1', '個人2', '個人3']],
    ['個人８～個人１０', ['個人8', '個人9', '個人10']],
    ['個人A～個人A', ['個人A']],
    ['1～3', ['1', '2', '3']],
    ['個人AA～個人AC', ['個人AA', '個人AB', '個人AC']],
  ])('%s is a range', (text, expected) => {
    expect(expandRange(text)).toEqual(expected);
  });

  it.each([
    ['reversed letters', '個人C～個人A'],
    ['reversed numbers', '個人3～個人1'],
    ['reversed, lower case before upper case', '個人c～個人A'],
    ['huge (1000 names)', '個人1～個人1000'],
    ['just over the limit (502 names)', '個人1～個人502'],
    ['different prefixes', '個人A～法人C'],
    ['a second name without its prefix', '個人A～C'],
    ['an organisation', 'マカフィー株式会社'],
    ['an organisation with a hyphen', 'パスロジ株式会社-東京'],
    ['a single individual', '個人A'],
    ['nothing', ''],
  ])('%s is kept as one name', (_name, text) => {
    expect(expandRange(text)).toEqual([text]);
  });

  it('accepts a range of exactly 501 names (the limit is a difference of 500)', () => {
    const names = expandRange('個人1～個人501');
    expect(names).toHaveLength(501);
    expect(names[0]).toBe('個人1');
    expect(names.at(-1)).toBe('個人501');
  });
});

describe('normalizeSubmitterName', () => {
  it.each([
    ['【個人 A】', '個人A'],
    ['【個人A】', '個人A'],
    ['【個人】', '個人'],
    ['個人 Ａ', '個人A'],
    ['個人\u3000Ａ', '個人A'],
    ['【個人 Ｃ】', '個人C'],
    ['個人 １２', '個人12'],
    ['  【個人 B】  ', '個人B'],
    ['【 個人 A 】', '個人A'],
    ['個人a', '個人a'],
    ['【マカフィー株式会社】', 'マカフィー株式会社'],
    ['マカフィー株式会社', 'マカフィー株式会社'],
    [`【${ORACLE}】`, ORACLE],
    [ORACLE, ORACLE],
    ['【ユニゾン・テレコム株式会社】', 'ユニゾン・テレコム株式会社'],
    ['日本  オラクル株式会社', '日本 オラクル株式会社'],
    ['日本\u3000\u3000オラクル株式会社', '日本 オラクル株式会社'],
    ['  一般社団法人地域通信事業者協会  ', '一般社団法人地域通信事業者協会'],
    ['Ａ株式会社（Ｂ部）', 'Ａ株式会社（Ｂ部）'],
    ['個人情報保護委員会', '個人情報保護委員会'],
    // Marks in 〔…〕 or ［…］, as some notices print them.
    ['〔個人〕', '個人'],
    ['［株式会社テスト］', '株式会社テスト'],
  ])('%s -> %s', (text, expected) => {
    expect(normalizeSubmitterName(text)).toBe(expected);
  });
});

describe('submitterKey', () => {
  it.each([
    ['【個人 A】', '個人A'],
    ['日本オラクル株式会社（情報処理学会　情報規格調査会　ＳＣ　３８　専門委員会）', '日本オラクル株式会社(情報処理学会情報規格調査会SC38専門委員会)'],
    [ORACLE, '日本オラクル株式会社(情報処理学会情報規格調査会SC38専門委員会)'],
    ['マカフィー株式会社', 'マカフィー株式会社'],
  ])('%s -> %s', (name, key) => {
    expect(submitterKey(name)).toBe(key);
  });
});

describe('asciiDigits', () => {
  it.each([
    ['３者', '3者'],
    ['１２', '12'],
    ['12', '12'],
    ['個人Ａ', '個人Ａ'],
  ])('%s -> %s', (text, expected) => {
    expect(asciiDigits(text)).toBe(expected);
  });
});

describe('guessKind', () => {
  it.each<[string, SubmitterKind]>([
    ['個人A', 'individual'],
    ['個人', 'individual'],
    ['マカフィー株式会社', 'organization'],
    ['一般社団法人小電力無線利用推進会議', 'organization'],
    ['港北信用金庫', 'organization'],
    ['弁護士法人みなと総合法律事務所', 'organization'],
    ['日本金融インフラ協議会', 'organization'],
    ['Example Inc.', 'organization'],
    ['事業者', 'organization'],
    ['企業A', 'organization'],
    ['A社', 'organization'],
    ['ＸＹ社', 'organization'],
    ['事業者の負担', 'unknown'],
    ['A社の製品', 'unknown'],
    ['本社', 'unknown'],
    ['山田太郎', 'unknown'],
    ['基本', 'unknown'],
  ])('%s -> %s', (name, kind) => {
    expect(guessKind(name)).toBe(kind);
  });
});

describe('isSubmitterMark', () => {
  const empty: ReadonlySet<string> = new Set();
  const listed: ReadonlySet<string> = new Set(
    [ORACLE, 'マカフィー株式会社', 'パスロジ株式会社', '個人A', '個人B', '個人C', '山田太郎', 'Foo Bar'].map(submitterKey),
  );

  it.each([
    ['【個人 A】', listed],
    ['【個人 C】', listed],
    ['【マカフィー株式会社】', listed],
    [`【${ORACLE}】`, listed],
    ['【日本オラクル株式会社（情報処理学会　情報規格調査会　ＳＣ　３８　専門委員会）】', listed],
    ['【山田太郎】', listed],
    ['【Foo  Bar】', listed],
    ['【FooBar】', listed],
  ])('listed: %s', (mark, known) => {
    expect(isSubmitterMark(mark, known)).toBe(true);
  });

  it.each([
    '【株式会社エムケイ計装】',
    '【東邦センサネット株式会社】',
    '【一般社団法人地域通信事業者協会】',
    '【公益財団法人日本データ協会】',
    '【日本金融インフラ協議会】',
    '【全国テレメータ利用者連絡会】',
    '【港北信用金庫】',
    '【情報処理学会】',
    '【個人 A】',
    '【個人 Ｚ】',
    '【個人3】',
    '【個人】',
  ])('unlisted but reads as a submitter: %s', (mark) => {
    expect(isSubmitterMark(mark, empty)).toBe(true);
  });

  const labels = ['【基本】', '【注記】', '【意見箇所】', '【評価項目】', '【意見内容】', '【ベストプラクティス】', '【該当箇所】', '【意見】', '【理由】', '【修正案】', '【その他】'];
  it.each(labels)('structuring label %s, empty known set', (mark) => {
    expect(isSubmitterMark(mark, empty)).toBe(false);
  });
  it.each(labels)('structuring label %s, with the notice\'s list', (mark) => {
    expect(isSubmitterMark(mark, listed)).toBe(false);
  });

  it.each(['【山田太郎】', '【Foo Bar】', '【I. 序編に対する意見】'])('unlisted and not reading as a submitter: %s', (mark) => {
    expect(isSubmitterMark(mark, empty)).toBe(false);
  });
});

describe('fixes found in review', () => {
  it('reads a combined type label 法人・団体 (mic-denpa line 7)', () => {
    const group = parseSubmitterGroup('法人・団体:5者(一般社団法人小電力無線利用推進会議、株式会社北辰テレメトリクス、東邦センサネット株式会社、全国テレメータ利用者連絡会、株式会社エムケイ計装)');
    expect(group).toMatchObject({ label: '法人・団体', count: 5, unit: '者', kind: 'organization' });
    expect(group?.names).toHaveLength(5);
  });

  it.each([['個人1～個人C'], ['個人A～個人c']])('keeps the mixed range %s as one name', (text) => {
    expect(expandRange(text)).toEqual([text]);
  });

  it('keeps zero padding in numeric ranges', () => {
    expect(expandRange('個人01～個人03')).toEqual(['個人01', '個人02', '個人03']);
  });

  it('does not read 個人情報… as an individual', () => {
    expect(guessKind('個人情報保護委員会')).toBe('organization');
    expect(isSubmitterMark('個人情報', new Set())).toBe(false);
  });
});
