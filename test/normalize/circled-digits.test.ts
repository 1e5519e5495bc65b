/** Circled digits that a conversion lost (FORMATS.md hard case 13): restored where the context allows, never in an address or a word. */
import { describe, expect, it } from 'vitest';
import { circled, circledValue, restoreCircledDigits } from '../../src/normalize/circled-digits.js';

describe('restoreCircledDigits', () => {
  it.each([
    // S25: a Shift_JIS font's ①②③ printed as the low bytes of their codes.
    ['@郵政民営化実施後の問題点・課題 A郵政改革の方向性 Bその他', '①郵政民営化実施後の問題点・課題 ②郵政改革の方向性 ③その他', [['@', '①'], ['A', '②'], ['B', '③']]],
    // S3: the spelled-out form in a place.
    ['1-(3)-マル5', '1-(3)-⑤', [['マル5', '⑤']]],
    ['マル１２の記載を見直すべき。', '⑫の記載を見直すべき。', [['マル１２', '⑫']]],
    ['マル21とマル36', '㉑と㊱', [['マル21', '㉑'], ['マル36', '㊱']]],
  ])('%s -> %s', (text, expected, restored) => {
    expect(restoreCircledDigits([text])).toEqual({ texts: [expected], restored });
  });

  it('follows a run from one paragraph of a cell to the next', () => {
    expect(restoreCircledDigits(['次の点を修正すべき。', '@様式の簡素化', 'A提出期限の延長']).texts).toEqual(['次の点を修正すべき。', '①様式の簡素化', '②提出期限の延長']);
  });

  it.each([
    ['an e-mail address', 'info@例.jp 宛にA社から', 'info@例.jp 宛にA社から'],
    ['a lone @ before Japanese', '@事務局 まで', '@事務局 まで'],
    ['letters that do not start at @', 'A社とB社の意見', 'A社とB社の意見'],
    ['letters out of order', '@様式 C提出期限', '@様式 C提出期限'],
    ['a letter inside a word', '@様式 GA社', '@様式 GA社'],
    ['マル inside a katakana word', 'デシマル5桁', 'デシマル5桁'],
    ['マル before a number beyond 50', 'マル51', 'マル51'],
  ])('leaves %s as printed', (_, text, expected) => {
    expect(restoreCircledDigits([text])).toEqual({ texts: [expected], restored: [] });
  });

  it('maps 1-50 to their circled forms and back, and nothing else', () => {
    expect([1, 20, 21, 35, 36, 50].map(circled)).toEqual(['①', '⑳', '㉑', '㉟', '㊱', '㊿']);
    expect([0, 51].map(circled)).toEqual([null, null]);
    expect(['①', '⑳', '㉑', '㉟', '㊱', '㊿'].map(circledValue)).toEqual([1, 20, 21, 35, 36, 50]);
    expect(['1', '①②', '', '⓪'].map(circledValue)).toEqual([null, null, null, null]);
  });
});
