/** Column roles by header text: every header FORMATS.md §1.2 records, and the common wordings beside them. */
import { describe, expect, it } from 'vitest';
import { columnRole } from '../../src/normalize/columns.js';

describe('columnRole', () => {
  it.each([
    ['提出された意見', 'opinion'],
    ['コメントの概要', 'opinion'],
    ['意見要旨', 'opinion'],
    ['御意見概要', 'opinion'],
    ['コメント', 'opinion'],
    ['御意見の概要', 'opinion'],
    ['御 意 見 の 概 要', 'opinion'],
    ['寄せられた主な御意見', 'opinion'],
    ['意見の要旨', 'opinion'],
    ['意見・質問(抜粋)', 'opinion'],
    ['意見・再意見(要旨)', 'opinion'],
    ['お寄せいただいた意見', 'opinion'],
    ['御意見の内容', 'opinion'],
    // e-Gov's result template (行政手続法 43条) and the wordings of other ministries.
    ['提出意見', 'opinion'],
    ['提出意見の概要', 'opinion'],
    ['御意見等の概要', 'opinion'],
    ['意見の要約', 'opinion'],
    ['寄せられた意見', 'opinion'],
    ['いただいた御意見', 'opinion'],
    ['主な御意見', 'opinion'],
    ['提出意見を考慮した結果及びその理由', 'response'],
    ['提出意見を考慮した結果', 'response'],
    ['御意見に対する考え方(案)', 'response'],
    ['御意見を踏まえた対応', 'response'],
    ['考え方・対応', 'response'],
    ['対応方針', 'response'],
    ['反映の有無', 'flag'],
    // Other common wordings: of a number, an opinion, a response, a flag (or its category) and a place.
    ['通番', 'number'],
    ['意見内容', 'opinion'],
    ['意見の趣旨', 'opinion'],
    ['ご意見（要旨）', 'opinion'],
    ['対応', 'response'],
    ['市の対応', 'response'],
    ['今後の対応', 'response'],
    ['案の修正', 'flag'],
    ['修正', 'flag'],
    ['案への反映', 'flag'],
    ['計画への反映', 'flag'],
    ['反映状況', 'flag'],
    ['対応区分', 'flag'],
    ['該当項目', 'place'],
    // A footnote mark after a header.
    ['御意見に対する考え方（※）', 'response'],
    ['提出意見（注1）', 'opinion'],
    ['番号※', 'number'],
    ['考え方*', 'response'],
    // A draft's (案), and a response with its 対応.
    ['回答（案）', 'response'],
    ['対応方針（案）', 'response'],
    ['御意見に対する回答（案）', 'response'],
    ['考え方（回答）', 'response'],
    ['本市の考え方・対応', 'response'],
    ['当省の考え方及び対応', 'response'],
    ['該当条文', 'place'],
    ['総務省の考え方', 'response'],
    ['金融庁の考え方', 'response'],
    ['コメントに対する考え方', 'response'],
    ['御意見に対する考え方', 'response'],
    ['考え方', 'response'],
    ['[回答]', 'response'],
    ['回答', 'response'],
    ['御意見に対する回答', 'response'],
    ['市の検討結果と理由', 'response'],
    ['研究会の考え方', 'response'],
    ['提出意見を踏まえた案の修正の有無', 'flag'],
    ['No.', 'number'],
    ['番号', 'number'],
    ['意見番号', 'number'],
    ['該当箇所', 'place'],
    ['原案 該当箇所', 'place'],
    ['条文番号', 'place'],
    ['項目', 'place'],
    ['該当ページ', 'place'],
    ['再意見', 're-opinion'],
    ['再意見(抜粋)', 're-opinion'],
    ['NTT再意見(要旨)', 're-opinion'],
    ['意見提出者', 'submitter'],
    ['再意見提出者', 'submitter'],
    // Markdown bold that a converter left around a header cell of a TAB row.
    ['**番号**', 'number'],
    ['__提出された意見__', 'opinion'],
    ['**総務省の考え方**', 'response'],
  ])('%s -> %s', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });

  it.each(['意見募集期間', '備考', '提出意見数', '対応状況の詳細'])('names no column: %s', (header) => {
    expect(columnRole(header)).toBeNull();
  });
});
