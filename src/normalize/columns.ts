/**
 * Column roles by header text, not by position: every ministry words and
 * orders its columns differently (see FORMATS.md). The header cell may hold
 * HTML (`原案<br>該当箇所`), so markup and spaces are ignored when matching.
 */
export type ColumnRole = 'opinion' | 'response' | 'flag' | 'number' | 'place' | 'submitter' | 're-opinion' | 'count';

/** Tried in order: 修正の有無 also contains 提出意見, 再意見 also contains 意見. */
const ROLE_PATTERNS: readonly (readonly [ColumnRole, RegExp])[] = [
  // 修正(等)の有無; 案の修正, 案への反映, 反映状況, 反映結果, 対応区分: columns of a flag or of its category (A/B/C by a legend).
  ['flag', /修正(?:等)?の有無|修正有無|反映の有無|^(?:原?案|素案|計画案?)?(?:への|の)?(?:修正|反映)(?:状況|区分|結果)?$|^対応区分$/],
  // 再意見, 再意見(抜粋) (S11), NTT再意見(要旨) (S10: one party's own column); not 意見・再意見, which merges both rounds.
  ['re-opinion', /^[A-Za-zＡ-Ｚ]*再意見(?:[(（][^)）]*[)）])?$/],
  // e-Gov's own column (行政手続法 43条): 提出意見を考慮した結果(及びその理由).
  // 修正内容: how the draft was changed, printed beside the answer.
  // A body's 回答 (`原子力規制委員会の回答`); not a party's (`NTTの回答`), whose column an interconnection table may print beside the answer.
  ['response', /考え方(?:[(（]案[)）])?$|^修正内容$|^[[［【]?回答[\]］】]?$|^[^、。]{0,20}(?:委員会|省|庁|府|局|本部|市|区|町|村|都|道|県)の回答$|^御?回答内容$|に対する(?:回答|対応)$|を踏まえた対応(?:方針)?$|(?:考え方|回答)(?:・|及び|並びに)対応$|^対応方針$|検討結果(?:と理由)?$|考慮した結果|^(?:[^、。]{1,10}の)?対応(?:内容)?$/],
  ['number', /^(?:No\.?|NO\.?|№|番号|意見番号|意見No\.?|通し番号|通番|連番|項番|整理番号|受付番号|受付No\.?)$/],
  // 分類 names the part of the draft or the theme an opinion is about; a bare 区分 may also be a category of the answer (A/B/C), so it names nothing.
  ['place', /該当箇所|(?:該当|対象)する箇所|^(?:意見)?対象箇所$|^箇所$|^条文番号$|^(?:該当)?項目名?$|^該当部分$|^(?:該当)?(?:頁|ページ)(?:番号)?$|^(?:該当)?(?:条文|条項|章)$|^関係箇所$|^分類$/],
  // 氏名, 団体名, 氏名・団体名, 氏名又は団体名: who sent the row's opinion.
  ['submitter', /^(?:再?意見)?提出者(?:名)?$|^(?:氏名|団体名|法人名|会社名|事業者名)(?:(?:・|又は|または|[/／])(?:氏名|団体名|法人名|会社名|事業者名))*(?:等)?$/],
  // How many opinions a summary stands for (`件数`, `意見数`, `同旨の意見数`).
  ['count', /^(?:件数|(?:[御ご]?意見|提出)(?:の)?件数|[御ご]?意見(?:の)?数|同(?:旨|様)(?:の)?(?:[御ご]?意見)?(?:の)?(?:件)?数)$/],
  // 質問, ご質問の概要: a notice of questions and their answers (回答).
  ['opinion', /^[御ご]?質問(?:内容|事項|の?(?:概要|要旨))?$|提出された(?:主な)?(?:御)?意見|^[御ご]?意見(?:及び|・|並びに)(?:その)?理由$|^提出意見(?:[(（](?:概要|要旨|要約|抜粋)[)）])?$|[御ご]?意見(?:等)?の?(?:概要|要旨|要約|内容|趣旨)|^[御ご]?意見(?:等)?(?:内容|[(（](?:概要|要旨|要約)[)）])$|コメントの概要|(?:寄せられた|お寄せいただいた|いただいた|頂いた)(?:主な)?[御ご]?意見|^意見・(?:質問|再意見)|^(?:主な)?[御ご]?意見(?:等)?$|^コメント$/],
];

/** A whole cell in markdown bold (`**総務省の考え方**`): the words inside are `$2`. */
export const MARKDOWN_BOLD = /^[ \u3000]*(\*\*|__)(.+)\1[ \u3000]*$/;

/** The role a header cell's plain text names, or null when it is no known header. */
export function columnRole(headerText: string): ColumnRole | null {
  // A footnote mark after the header (`考え方(※)`, `番号※`, `提出意見(注1)`, `考え方*`) names nothing, nor does a draft's `(案)`,
  // nor the markdown bold a converter may leave around a header cell of a TAB row (`**番号**`).
  const text = headerText
    .replace(/[\s\u3000]+/g, '')
    .replace(MARKDOWN_BOLD, '$2')
    .replace(/．/g, '.')
    .replace(/(?:[(（](?:※|注)[0-9０-９]*[)）]|※[0-9０-９]*|\*+)$/, '')
    .replace(/[(（](?:案|回答)[)）]$/, '');
  if (text === '') return null;
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(text)) return role;
  return null;
}

/** The role a header cell names: the overrides' `columns` first (spaces ignored on both sides), then {@link columnRole}. */
export function headerRole(text: string, columns: Readonly<Record<string, ColumnRole | 'ignore'>> = {}): ColumnRole | 'ignore' | null {
  const key = text.replace(/[\s\u3000]+/g, '');
  for (const [header, role] of Object.entries(columns)) if (header.replace(/[\s\u3000]+/g, '') === key) return role;
  return columnRole(text);
}

/**
 * The body that answers, from a response header (`総務省の考え方`, `市の検討結果と理由`)
 * or a title (`…並びにそれらに対する総務省の考え方`): the words just before の考え方.
 */
export function respondentFrom(text: string): string | null {
  const before = /^(.*)の(?:考え方|回答|検討結果(?:と理由)?)\s*$/.exec(text.replace(MARKDOWN_BOLD, '$2').trim())?.[1];
  const name = before?.split(/に対する|における|及び|並びに|、|\s/).at(-1) ?? '';
  // `御意見への回答` answers the opinions: its words before の name no body.
  return name === '' || /^(?:当庁|当省|本庁)$|意見|へ$/.test(name) ? null : name;
}
