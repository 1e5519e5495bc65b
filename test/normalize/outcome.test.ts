import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { opinionKey, outcomeOf, refersToOf, revisedFromFlag } from '../../src/normalize/outcome.js';
import { Outcome } from '../../src/schema/records.js';

/** The notices of input/: the real one and the corpus examples of other layouts. */
const CORPUS = fileURLToPath(new URL('../../input', import.meta.url));

/** The real notice's response to 意見4 (soumu-cloud-security-guideline-2018.txt line 28, cell 2, paragraphs joined by "\n"). */
const REAL_OPINION_4 =
  '御意見を踏まえ、20 ページのベストプラクティスに、「iv. 経営陣は、情報セキュリティに関する取組にあたり、情報セキュリティ人材の育成を行うことが望ましい。」を追加いたします。\n' +
  '企業において確保すべきサイバーセキュリティ人材の具体的な数値基準等はクラウド事業者の規模によって異なるため、本ガイドラインにおいて具体的な数値基準等は求めないこととし、原案のとおりといたします。';

describe('outcomeOf', () => {
  it.each<[string, string, Outcome]>([
    // revised: a stated change
    ['追加いたします', '御意見を踏まえ、ベストプラクティスに「v. 定期的に見直すことが望ましい。」を追加いたします。', 'revised'],
    ['に修正いたします', '御意見を踏まえ、「事業者」を「クラウド事業者」に修正いたします。', 'revised'],
    ['修正します', '御意見を踏まえ、該当箇所を修正します。', 'revised'],
    ['追加します', '御指摘の観点を注記として追加します。', 'revised'],
    ['削除いたします', '御意見を踏まえ、当該記載を削除いたします。', 'revised'],
    ['御意見を踏まえ…設けることとします', '御意見を踏まえ、施行日から6月間の経過措置を設けることとします。', 'revised'],
    ['設けます without 御意見を踏まえ (a measure, not the draft) is no decision', '相談窓口を設けます。', 'unknown'],
    ['明記します', '対象となる事業者の範囲を明記します。', 'revised'],
    ['修正することとします', '御意見を踏まえ、別記様式一を修正することとします。', 'revised'],
    ['改めます', '御指摘を踏まえ、「努める」を「行う」に改めます。', 'revised'],
    ['盛り込みます', '御指摘の点を盛り込みます。', 'revised'],
    ['加えます', '以下の文言を加えます。', 'revised'],
    ['見直しました (done)', '御意見の趣旨を踏まえ、文言を見直しました。', 'revised'],
    ['見直します (a plan) is no decision', '本指針は今後見直します。', 'unknown'],
    ['原案の記載を維持', '原案の記載を維持します。', 'unchanged'],
    ['現行の規定を維持', '現行の規定を維持することとします。', 'unchanged'],
    ['現行の基準を維持', '現行の基準を維持します。', 'unchanged'],
    ['現行の取扱いを維持', '現行の取扱いを維持することが適当と考えます。', 'unchanged'],
    ['今後検討してまいります', '御指摘の点については、今後検討してまいります。', 'noted'],
    ['今後の検討課題と', '今後の検討課題とさせていただきます。', 'noted'],
    ['記載します', '注記として記載します。', 'revised'],
    ['修文します', '御指摘を踏まえて修文します。', 'revised'],
    ['削ります', '該当部分を削ります。', 'revised'],
    ['適正化します', '文言を適正化します。', 'revised'],
    ['the real 意見4: an addition wins over a partial 原案のとおり', REAL_OPINION_4, 'revised'],
    ['a change after a partial refusal', '前段は原案のとおりとしますが、後段については御意見を踏まえ修正いたします。', 'revised'],
    // unchanged
    ['原案のとおりといたします', '原案のとおりといたします。', 'unchanged'],
    ['原案を維持します', '御意見の趣旨は理解しますが、原案を維持します。', 'unchanged'],
    ['原案どおり without の', '本件については原案とおりとします。', 'unchanged'],
    ['原案通り', '原案通りとさせていただきます。', 'unchanged'],
    ['an explanation, then 原案のとおり', '技術基準は国際規格と整合しているため、原案のとおりとします。', 'unchanged'],
    ['原案のとおり wins over 参考', '原案のとおりとしますが、今後の参考とさせていただきます。', 'unchanged'],
    ['原案どおり', '原案どおりとします。', 'unchanged'],
    ['原案のまま', '原案のままとさせていただきます。', 'unchanged'],
    ['記載することとします', '御意見を踏まえ、ガイドラインに記載することとします。', 'revised'],
    ['追加することとしました (past)', '注記を追加することとしました。', 'revised'],
    ['追加は行わないこととします', '規定の追加は行わないこととします。', 'unchanged'],
    ['対応いたしかねます', '御要望には対応いたしかねます。', 'unchanged'],
    ['反映は困難', '御意見の反映は困難です。', 'unchanged'],
    ['困難 before a stated change', '全面的な見直しは困難ですが、注記を追加します。', 'revised'],
    ['必要に応じ検討します', '必要に応じ検討します。', 'noted'],
    ['原案のままでは (no decision)', '原案のままでは趣旨が伝わりにくいとの御意見です。', 'unknown'],
    ['案のとおり', '本件は案のとおりとします。', 'unchanged'],
    ['原文のとおり', '原文のとおりとします。', 'unchanged'],
    // A change refused is no change.
    ['a refusal to revise', '現時点で修正する予定はありません。', 'unchanged'],
    ['a negated change', '当該記載は変更しません。', 'unchanged'],
    ['修正は行いません', '御意見を踏まえ、修正は行いませんが、運用で対応します。', 'unchanged'],
    ['修正の必要はない', '修正の必要はないと考えます。', 'unchanged'],
    ['修正は行わないこととします', '原案の修正は行わないこととします。', 'unchanged'],
    ['修正は不要', '以上のことから、修正は不要と考えます。', 'unchanged'],
    ['修正することは考えておりません', '現時点で案を修正することは考えておりません。', 'unchanged'],
    ['案の記載で対応可能', '御指摘の点は、案の記載で対応可能と考えます。', 'unchanged'],
    ['原案で読み取れる', '御意見の趣旨は原案で読み取れるものと考えます。', 'unchanged'],
    ['貴見のとおりで差し支えありません (S5)', '貴見のとおりで差し支えありません。', 'unchanged'],
    ['お見込みのとおりです', 'お見込みのとおりです。なお、個別の事案については実態に即して判断されます。', 'unchanged'],
    ['御見込みのとおりと考えます', '御見込みのとおりと考えます。', 'unchanged'],
    ['貴見のとおり then a change is a revision', '貴見のとおり、注記を付しました。', 'revised'],
    ['貴見 alone states no decision', '貴見については今後の議論の参考とします。', 'noted'],
    ['a 修正案 that answers is no draft kept', '別添の修正案で対応します。', 'unknown'],
    ['注記を付しました', '御意見を踏まえ、注記を付しました。', 'revised'],
    ['検討してまいります, without 今後', '施行状況を踏まえ、必要に応じて検討してまいります。', 'noted'],
    ['賛同いただき', '御賛同いただきありがとうございます。', 'noted'],
    // The draft already says it, or stays as it is in force.
    ['既に盛り込まれている', '御意見の趣旨は既に盛り込まれていると考えます。', 'unchanged'],
    ['既に記載しています', '御指摘の点は、第3章に既に記載しています。', 'unchanged'],
    ['案に含まれています', 'ご意見の内容は案に含まれています。', 'unchanged'],
    ['記載済み', 'ご指摘の点については、原案に記載済みです。', 'unchanged'],
    ['現行どおり', '現行どおりとします。', 'unchanged'],
    ['already said, yet added to', '既に記載されていますが、御意見を踏まえ追記します。', 'revised'],
    // noted
    ['ご意見と受け止めます', '本案に対するご賛同のご意見と受け止めます。', 'noted'],
    ['参考の御意見として承ります', '参考の御意見として承ります。', 'noted'],
    ['参考とさせていただきます', '今後のガイドライン改定の際に、参考とさせていただきます。', 'noted'],
    ['御意見として承ります', '本案に賛同する御意見として承ります。', 'noted'],
    ['承りました', '御意見は承りました。', 'noted'],
    ['参考にいたします', '今後の施策の検討に当たって参考にいたします。', 'noted'],
    ['御意見として伺います', '御意見として伺います。', 'noted'],
    ['承知しました', '御意見として承知しました。', 'noted'],
    // unknown: no decisive phrase
    ['ご理解のとおりです', 'ご理解のとおりです。', 'unknown'],
    ['御理解のとおり', '御理解のとおり、経過措置期間中は従前の例によります。', 'unknown'],
    ['a description of the draft', '案では〜と記載しています。', 'unknown'],
    ['what the draft prints, explained', '案に記載されている内容について説明します。', 'unknown'],
    ['something done already, not by the draft', '既に実施しています。', 'unknown'],
    ['修正案のとおり (the revised draft, not the original)', '修正案のとおりとします。', 'unknown'],
    ['a bare deferral', '意見 11 に対する考え方のとおり。', 'unknown'],
    ['a deferral by No.', 'No.2の考え方をご参照ください。', 'unknown'],
    ['an empty response', '', 'unknown'],
  ])('%s -> %s', (_name, text, expected) => {
    expect(outcomeOf(text)).toBe(expected);
  });

  it('reads the real notice\'s 意見4 response from the corpus as revised', () => {
    const text = readFileSync(`${CORPUS}/soumu-cloud-security-guideline-2018.txt`, 'utf8');
    const row = text.split('\n').find((line) => line.startsWith('<p>意見4 '));
    expect(row).toBeDefined();
    const response = (row ?? '').split('\t')[1] ?? '';
    const plain = response.replace(/<[^>]+>/g, '').trim();
    expect(plain).toContain('を追加いたします。');
    expect(plain).toContain('原案のとおりといたします。');
    expect(outcomeOf(plain)).toBe('revised');
  });
});

describe('revisedFromFlag', () => {
  it.each<[string, boolean | null]>([
    ['有', true],
    ['有(一部)', true],
    ['有り', true],
    ['無', false],
    ['無し', false],
    // FORMATS.md §4: a ○/－ column, and 修正あり or 反映 as values.
    ['○', true],
    ['〇', true],
    ['－', false],
    ['-', false],
    ['×', false],
    ['あり', true],
    ['なし', false],
    ['修正あり', true],
    ['修正', true],
    ['修正なし', false],
    ['反映', true],
    ['一部反映', true],
    ['反映済み', true],
    ['反映なし', false],
    ['反映せず', false],
    ['変更無', false],
    ['○(一部)', true],
    ['検討中', null],
    ['修正について', null],
    ['', null],
  ])('%s -> %s', (flag, revised) => {
    expect(revisedFromFlag(flag)).toBe(revised);
  });
});

describe('refersToOf', () => {
  it.each<[string, string, string[]]>([
    ['the real deferral', '意見 11 に対する考え方のとおり。', ['11']],
    ['a sub-numbered key', '意見1-1 に対する考え方のとおり。', ['1-1']],
    ['a sub-numbered key with spaces', '意見 1 - 1 に対する考え方のとおり。', ['1-1']],
    ['a full-width dash', '意見１－２に対する考え方のとおり。', ['1-2']],
    ['a key in parentheses', '意見(3)に対する考え方のとおりです。', ['3']],
    ['keys in full-width parentheses, two of them', '意見（１）及び（２）と同旨。', ['1', '2']],
    ['full-width digits', '意見１２に対する考え方のとおりです。', ['12']],
    ['No. with the 考え方', 'No.2の考え方をご参照ください。', ['2']],
    ['No without a dot', 'No 7の考え方をご参照ください。', ['7']],
    ['番号 and への回答', '番号3への回答を御参照ください。', ['3']],
    ['意見…の回答', '意見5の回答のとおりです。', ['5']],
    ['the number before 番の御意見', '２番の御意見に対する考え方を参照。', ['2']],
    ['the number before 番', '1番に対する考え方と同じです。', ['1']],
    ['前掲 and a number', '前掲1の考え方のとおりです。', ['1']],
    ['上記 and a number, inside a longer response', 'なお、上記3の考え方もご参照ください。', ['3']],
    ['an order is no opinion', '3番目の論点については原案のとおりとします。', []],
    ['上記 and a count is no opinion', '上記2つの考え方のとおりです。', []],
    ['a whole response of a bare number and に同じ', '１に同じ。', ['1']],
    ['a bare number and と同様', '3番と同様です。', ['3']],
    ['a bare number inside a longer response', '第１に同じく、原案のとおりとします。', []],
    ['No. and 参照', 'No.3参照', ['3']],
    ['No. in parentheses and 参照', '（No.7参照）', ['7']],
    ['と同旨', '番号1と同旨です。', ['1']],
    ['に同じ', 'No.5に同じ。', ['5']],
    ['№ and と同じ', '№7と同じ。', ['7']],
    ['a bare number and の回答と同じ', '2の回答と同じ', ['2']],
    ['a bare number and の考え方と同様', '2の考え方と同様です。', ['2']],
    ['a whole response: 上記 and a bare number', '上記1と同じ', ['1']],
    ['a whole response: a bare key and の回答を参照', '1-2の回答を参照してください。', ['1-2']],
    ['a whole response: a bare number and に対する考え方を再掲', '１に対する考え方を再掲します。', ['1']],
    ['a whole response: a bare number and に対する考え方のとおり', '3に対する考え方のとおりです。', ['3']],
    ['a labelled number and の考え方を再掲', 'No.2の考え方を再掲します。', ['2']],
    ['an article is no opinion', '第3条の考え方を参照', []],
    ['a question of a Q/A notice', 'Q1の回答を御参照ください。', ['1']],
    ['a full-width question and と同じ', 'Ｑ２と同じです。', ['2']],
    ['問 and its 回答', '問3に対する回答のとおりです。', ['3']],
    ['a Q inside a word (FAQ3) is no question', 'FAQ3の回答と同じく、検討します。', []],
    ['no reference', '原案のとおりといたします。', []],
    ['a number that is no opinion', '20 ページのベストプラクティスに追加いたします。', []],
    ['意見 without a number', '御意見に対する考え方は以下のとおりです。', []],
    ['an empty text', '', []],
    ['a whole response: a bare number and と同様の考え方', '３と同様の考え方です。', ['3']],
    ['a whole response: a bare key and の考え方をご覧ください', '1-1の考え方をご覧ください。', ['1-1']],
    ['a label, の御意見 and its 考え方', '番号5の御意見に対する考え方と同じです。', ['5']],
    ['a label and 再掲, in parentheses', '（No.5再掲）', ['5']],
    ['a label and の再掲', 'No.5の再掲です。', ['5']],
    ['再掲 after no label is no reference', '上記の考え方を再掲します。', []],
    ['a range of numbers, full-width', '番号１～２に対する考え方をご参照ください。', ['1', '2']],
    ['a range spanning keys between its ends', 'No.3〜No.6の考え方のとおりです。', ['3', '4', '5', '6']],
    ['a range and one more number', '意見1~3及び5に対する考え方のとおり。', ['1', '2', '3', '5']],
    ['a whole response: a bare range and と同じ', '7∼9と同じ', ['7', '8', '9']],
    ['a range of sub-numbered keys: its ends alone', '意見1-1～1-3に対する考え方のとおり。', ['1-1', '1-3']],
    ['a range wider than a hundred opinions: its ends alone', '意見1～500に対する考え方のとおり。', ['1', '500']],
    ['a range that runs backwards: its ends alone', '意見5～2に対する考え方のとおり。', ['5', '2']],
    ['two references, in order', '意見 5 に対する考え方及び意見 3 に対する考え方のとおり。', ['5', '3']],
    [
      'two references, a repeat dropped',
      '意見 3 に対する考え方のとおり。なお、No.7の考え方もご参照ください。意見３に対する考え方で述べたとおりです。',
      ['3', '7'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(refersToOf(text)).toEqual(expected);
  });

  it('finds the real notice\'s deferrals to 意見 11 (意見17 and 意見18)', () => {
    const text = readFileSync(`${CORPUS}/soumu-cloud-security-guideline-2018.txt`, 'utf8');
    const deferring = text
      .split('\n')
      .filter((line) => refersToOf((line.split('\t')[1] ?? '').replace(/<[^>]+>/g, '')).length > 0)
      .map((line) => /^<p>(意見\s*\d+)/.exec(line)?.[1]);
    expect(deferring).toEqual(['意見 17', '意見 18']);
  });

  it('is called repeatedly without leaking regex state', () => {
    expect(refersToOf('意見 11 に対する考え方のとおり。')).toEqual(['11']);
    expect(refersToOf('意見 11 に対する考え方のとおり。')).toEqual(['11']);
  });
});

describe('opinionKey', () => {
  it.each([
    ['１２', '12'],
    ['12', '12'],
    ['1 - 1', '1-1'],
    ['1-1', '1-1'],
    ['１－１', '1-1'],
    ['1‐2', '1-2'],
    [' 11 ', '11'],
    ['2 - 1 - 3', '2-1-3'],
  ])('%s -> %s', (number, key) => {
    expect(opinionKey(number)).toBe(key);
  });
});

describe('fixes found in review', () => {
  it.each([
    ['「〇〇を削除します」との御意見ですが、原案のとおりとします。', 'unchanged'],
    ['以下のとおり修正しました。', 'revised'],
    ['修正させていただきます。', 'revised'],
  ] as const)('outcomeOf(%s) is %s', (text, outcome) => {
    expect(outcomeOf(text)).toBe(outcome);
  });

  it.each([
    ['意見3、意見5に対する考え方をご参照ください。', ['3', '5']],
    ['意見1−1に対する考え方のとおり。', ['1-1']],
  ])('refersToOf(%s) is %j', (text, keys) => {
    expect(refersToOf(text)).toEqual(keys);
  });
});
