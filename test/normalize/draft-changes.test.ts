import { describe, expect, it } from 'vitest';
import { draftChangeIn, draftChangesOf } from '../../src/normalize/draft-changes.js';

describe('draftChangeIn', () => {
  it.each<[string, string, { revised: boolean; count: number | null; countRaw: string | null; annex: string | null }]>([
    // FORMATS.md §1.7: counts of the places changed
    ['S21: a count of places', '意見を踏まえた修正箇所数 4箇所', { revised: true, count: 4, countRaw: '4箇所', annex: null }],
    ['the 2008 MEXT count', '修正は全部で181カ所', { revised: true, count: 181, countRaw: '181カ所', annex: null }],
    ['a count after は, in full-width digits', '変更箇所は３か所です。', { revised: true, count: 3, countRaw: '３か所', annex: null }],
    ['a count before the verb', '御意見を踏まえ、2ヶ所を修正しました。', { revised: true, count: 2, countRaw: '2ヶ所', annex: null }],
    ['no place changed', '修正箇所数：0箇所', { revised: false, count: 0, countRaw: '0箇所', annex: null }],
    // the annex that lists the changes
    ['S22', 'ウ 原案からの変更点 別添2のとおり。', { revised: true, count: null, countRaw: null, annex: '別添2' }],
    ['S18 (H25)', '主な修正点は別紙2', { revised: true, count: null, countRaw: null, annex: '別紙2' }],
    ['the caa notice', '※ 御意見を踏まえた原案からの修正内容は、別添2に示しています。', { revised: true, count: null, countRaw: null, annex: '別添2' }],
    ['the revised text in an annex', '修正後の規則は別紙のとおりです。', { revised: true, count: null, countRaw: null, annex: '別紙' }],
    ['a count and an annex', '修正箇所数 4箇所(修正内容は別添3のとおり)', { revised: true, count: 4, countRaw: '4箇所', annex: '別添3' }],
    // the draft kept
    ['S27', '原案を維持し、公布することとしました。', { revised: false, count: null, countRaw: null, annex: null }],
    ['原案のとおり決定', '御意見を踏まえ検討した結果、原案のとおり決定しました。', { revised: false, count: null, countRaw: null, annex: null }],
    ['変更点 なし', '原案からの変更点 なし', { revised: false, count: null, countRaw: null, annex: null }],
    ['修正はありません', '御意見を踏まえた修正はありません。', { revised: false, count: null, countRaw: null, annex: null }],
    ['修正した箇所はありません', '御意見を踏まえて修正した箇所はありません。', { revised: false, count: null, countRaw: null, annex: null }],
    ['修正は行っていません', '御意見を踏まえた検討の結果、修正は行っていません。', { revised: false, count: null, countRaw: null, annex: null }],
    // changed, with neither count nor annex
    ['一部修正を行った上で', '御意見を踏まえ、一部修正を行った上で、本日公布しました。', { revised: true, count: null, countRaw: null, annex: null }],
    ['所要の修正を加え', '意見に基づき所要の修正を加え、公布しました。', { revised: true, count: null, countRaw: null, annex: null }],
  ])('%s: %s', (_, sentence, expected) => {
    const reading = draftChangeIn(sentence);
    expect(reading && { revised: reading.revised, count: reading.count?.value ?? null, countRaw: reading.count?.raw ?? null, annex: reading.annex }).toEqual(expected);
  });

  it.each([
    ['a title that amends a rule', '「電波法施行規則の一部を変更する省令案」に関する意見募集の結果について'],
    ['the opinions in an annex (family G), no change', '主な意見と対応については別添のとおり。'],
    ['opinions that ask for changes', '修正意見は別紙のとおりです。'],
    ['a count of opinions', '提出意見数 4件'],
    ['a plan to revise later', '本指針は、今後、必要に応じて見直します。'],
  ])('says nothing of the draft: %s', (_, sentence) => {
    expect(draftChangeIn(sentence)).toBeNull();
  });
});

describe('draftChangesOf', () => {
  it('reads every sentence that says something, in line order, once each, and keeps the first count and annex', () => {
    const changes = draftChangesOf([
      { line: 9, text: '修正内容は別添2のとおり。修正箇所数 4箇所' },
      { line: 3, text: '提出意見数 3件' },
      { line: 5, text: '原案を維持し、…' },
      { line: 9, text: '修正内容は別添2のとおり。' },
    ]);
    expect(changes).toEqual({
      revised: true,
      changeCount: 4,
      changeCountRaw: '4箇所',
      annex: '別添2',
      statements: [
        { text: '原案を維持し、…', line: 5 },
        { text: '修正内容は別添2のとおり。', line: 9 },
        { text: '修正箇所数 4箇所', line: 9 },
      ],
    });
  });

  it('gives revised false when every sentence says the draft was kept, and null when none says anything', () => {
    expect(draftChangesOf([{ line: 4, text: '原案のとおり決定しました。' }])?.revised).toBe(false);
    expect(draftChangesOf([{ line: 4, text: '御意見ありがとうございました。' }])).toBeNull();
  });
});
