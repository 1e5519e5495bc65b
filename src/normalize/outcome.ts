/**
 * What a response decided, read from its wording (CONTRACT.md `outcome`).
 * A stated change wins over a partial refusal in the same response
 * (…を追加いたします。…は原案のとおりといたします。 is a revision).
 */
import type { Outcome } from '../schema/records.js';

const REVISED =
  /(?:修正|追加|追記|削除|変更|改正|訂正|反映|明記|明確化|修文|記載|適正化)(?:を行い|いたし|し|させていただき)ま(?:す|した)|(?:修正|追加|追記|削除|変更|訂正|記載|明記|反映)することと(?:し|いたし)ま(?:す|した)|改めます|(?:盛り込み|加え|削り)ま(?:す|した)|見直し(?:を行い|いたし)?ました|(?:注記|注釈|脚注)を(?:付し|付け)ま(?:す|した)|[御ご]意見を踏まえ[^。]{0,80}?設け(?:ることと(?:し|いたし)|)ま(?:す|した)/;
/**
 * 原案のとおり, 原案どおり, 原案のままとします, 案のとおりとします (not 修正案のとおり), 原文のとおり, 現行どおり, 現行の基準を維持; a change refused: 修正は行いません,
 * 変更しません, 修正する予定はありません, 修正は行わないこととします, 追加は行わないこととします, 修正は不要, 修正することは考えておりません,
 * 対応いたしかねます, 反映は困難です; the draft already says it:
 * 既に盛り込まれています, 既に記載しています, 案に含まれています, 記載済み, 案の記載で対応可能, 原案で読み取れる;
 * the reading asked about is the draft's: 貴見のとおり(で差し支えありません), お見込みのとおりです.
 */
const UNCHANGED =
  /原案の?(?:とおり|どおり|通り|ままと)|(?:原案|現行)(?:の(?:記載|内容|表現|規定|基準|要件|水準|取扱い|取り扱い|制度|運用))?を維持|(?<!修正)案の?(?:とおり|どおり|通り)と(?:し|いたし|させていただき)ます|原文の?(?:とおり|どおり)と|現行の?(?:とおり|どおり|通り)と|(?:修正|変更)(?:は|を)?(?:行い|いたし|し)ません|(?:修正|変更)(?:は|の必要は|する(?:予定|必要)は)(?:ありません|ない)|既に[^。]{0,20}?(?:盛り込(?:まれ|ん)|記載(?:し|され)|含まれ|明記(?:し|され)|位置[付づ]けられ|規定(?:し|され)|反映され)て|(?:原案|案|素案)(?:に|の中に|中に)は?[^。]{0,10}?(?:含まれ|盛り込まれ|明記され)て(?:おり|い)ます|(?:記載|盛り込み|記述)済|(?:修正|変更|追加|追記|記載|反映)(?:は|を)?(?:行わ|し)ないこととし|(?:対応|修正|変更|反映)(?:いたし|し)かねます|(?:反映|修正|変更)(?:は|すること(?:は|が))?困難|(?:修正|変更)(?:は|の必要は)?不要|(?:修正|変更)(?:する)?(?:こと)?は考えて(?:おりません|いません)|(?:原案|(?<!修正)案|素案)の?(?:記載|規定|表現|内容)?(?:で|により)(?:対応(?:可能|でき)|読み取れ|読め|足り)|(?:貴見|(?:お|御)見込み)の?(?:とおり|どおり|通り)(?:で|です|と考え)/;
const NOTED = /承ります|承りました|参考(?:と|に)(?:させていただ|いた|し|、)|参考の御?意見|(?:御|ご)?意見として伺い|承知(?:いたし|し)ま|今後の?検討(?:して|させていただき|いたし)?(?:まいり|いき)?ます|検討(?:して|させていただき|いたし)(?:まいり|いき)ます|今後の検討課題と|必要に応じ(?:て)?検討(?:し|いたし)ます|(?:御|ご)?意見(?:として|と)受け止め|賛同(?:いただき|頂き)/;

/** The outcome that the response text states, or `unknown` when it states none. */
export function outcomeOf(responseText: string): Outcome {
  // A phrase inside 「…」 quotes the opinion or the draft, not the decision.
  const text = withoutQuotes(responseText);
  if (REVISED.test(text)) return 'revised';
  if (UNCHANGED.test(text)) return 'unchanged';
  if (NOTED.test(text)) return 'noted';
  return 'unknown';
}

/**
 * The outcome a category of opinions states (family F: `意見の趣旨を踏まえて本報告書案に反映すべき意見`,
 * `既に本報告書案に盛り込まれていると考えられる意見`, `今後の検討課題とすべき意見`). A category that refuses
 * or says the draft already has it comes first: 反映しない holds 反映.
 */
export function categoryOutcome(category: string): Outcome {
  if (/既に|(?:反映|修正|変更)(?:すること(?:は|が)?)?(?:しない|できない|が困難|困難|せず)|原案(?:の)?(?:とおり|どおり)/.test(category)) return 'unchanged';
  if (/反映|修正|追加|削除|変更|盛り込(?:む|み)|改め/.test(category)) return 'revised';
  if (/検討|参考|承/.test(category)) return 'noted';
  return 'unknown';
}

function withoutQuotes(text: string): string {
  let previous = '';
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(/「[^「」]*」/g, '「」');
  }
  return current;
}

/** A qualifier after a flag: `有(一部)`, `○(一部)`. */
const QUALIFIER = '(?:[ \\u3000]*[(（][^()（）]*[)）])?';
/** Besides 無…: a flag that says no change: `なし`, `×`, `－` (FORMATS.md §4: a ○/－ column), `修正なし`, `反映なし`, `変更無`. */
const FLAG_NO = new RegExp(`^(?:なし|[×✕✖－―‐−-]|(?:修正|反映|変更|対応)(?:なし|無し?|せず|しない))${QUALIFIER}$`);
/** Besides 有…: a flag that says a change: `あり`, `○`, `修正あり`, `修正`, `反映`, `一部反映`. */
const FLAG_YES = new RegExp(`^(?:あり|[○〇◯]|(?:一部)?(?:修正|反映|変更)(?:あり|有り?|済み?)?)${QUALIFIER}$`);

/** The revision flag as printed -> revised true or false (a flag opening with 有 or 無 whatever follows); null for a value it does not know. */
export function revisedFromFlag(raw: string): boolean | null {
  const flag = raw.trim();
  if (flag.startsWith('有')) return true;
  if (flag.startsWith('無')) return false;
  if (FLAG_NO.test(flag)) return false;
  if (FLAG_YES.test(flag)) return true;
  return null;
}

/** A legend meaning that says the draft stayed as it was: `既に案に盛り込まれているもの`, `案に反映しないもの`, `今後の参考とするもの`. */
const LEGEND_NO = /(?:反映|修正|変更)(?:しない|できない|が困難|困難|せず|なし)|既に|盛り込み済|記載済|記述済|参考と|対象外|原案(?:の)?(?:とおり|どおり)/;
/** A legend meaning that says the draft was changed: `意見を反映し、案を修正したもの`. */
const LEGEND_YES = /修正|反映|追加|削除|変更|改め|盛り込/;

/**
 * A flag printed as a code (`A`, `Ｂ`, `◎`) that the notice's legend explains
 * (`A：意見を反映し、案を修正したもの`, municipal 対応区分): true or false from
 * the meaning's words, null when the legend does not define it or says neither.
 */
export function revisedFromLegend(raw: string, glossary: readonly { term: string; meaning: string }[]): boolean | null {
  const code = raw.trim().normalize('NFKC');
  const meaning = glossary.find((entry) => entry.term.normalize('NFKC') === code)?.meaning;
  if (meaning === undefined) return null;
  if (LEGEND_NO.test(meaning)) return false;
  return LEGEND_YES.test(meaning) ? true : null;
}

const NUMBER = '[0-9０-９]+(?:\\s*[-－‐−]\\s*[0-9０-９]+)*';
/**
 * `意見3`, `意見(3)`, `No.3`, `№3`, `番号3`, `前掲3`, `上記3`, a question's `Q3` or `問3` (not FAQ3's), and `3番の御意見` or `3番` (the
 * number before its word).
 */
const LABELLED = `(?:(?:意見|No\\.?|NO\\.?|№|番号|前掲|上記|(?<![A-Za-zＡ-Ｚａ-ｚ])[QＱ]|問)\\s*(?:${NUMBER}|[(（]${NUMBER}[)）])|${NUMBER}\\s*番(?:の[御ご]?意見)?)`;
/** `～` between two numbers (`意見1～3`, `No.1〜No.3`): the range of opinions from one to the other. */
const RANGE_MARK = /[～〜~∼]/;
/** One or more labels (意見3、意見5 / 意見3及び5 / 意見3～5), maybe with の御意見, followed by …に対する考え方, …の考え方, と同じ, 参照 or (の)再掲. */
const DEFERRAL = new RegExp(
  `${LABELLED}(?:\\s*(?:、|,|及び|および|と|・|${RANGE_MARK.source})\\s*(?:${LABELLED}|${NUMBER}|[(（]${NUMBER}[)）]))*\\s*(?:の[御ご]?意見)?(?:(?:に対する|への|の)(?:考え方|回答)|と同(?:じ|様|旨)|に同じ|を?(?:御|ご)?参照|の?再掲)`,
  'g',
);
const KEY_IN_DEFERRAL = new RegExp(NUMBER, 'g');
/** The most opinions one range names: a wider one (`1～5000`) is read as its two ends. */
const MAX_RANGE = 100;
/**
 * A whole response that is a bare number and `に同じ` (`１に同じ。`, `上記1と同じ`, `3の回答を参照`, `1-1の考え方をご覧ください`,
 * `３と同様の考え方です`, `１に対する考え方を再掲します。`): in a response, the number can only be an opinion's.
 */
const BARE_DEFERRAL = new RegExp(
  `^\\s*(?:上記)?\\s*(${NUMBER}(?:\\s*${RANGE_MARK.source}\\s*${NUMBER})?)\\s*番?(?:に同じ|と同じ|と同様(?:の考え方)?|と同旨|(?:の|に対する)(?:考え方|回答)(?:と同じ|と同様|(?:を|に)?(?:御|ご)?(?:参照|覧)(?:ください|してください)?|のとおり|を再掲(?:します|いたします)?))(?:です)?[。.]?\\s*$`,
);

/** Keys of the opinions a response defers to: `意見 11 に対する考え方のとおり。` -> ["11"]. */
export function refersToOf(responseText: string): string[] {
  const bare = BARE_DEFERRAL.exec(responseText);
  const deferrals = bare?.[1] ? [bare[1]] : [...responseText.matchAll(DEFERRAL)].map((match) => match[0]);
  return [...new Set(deferrals.flatMap(keysIn))];
}

/** The keys a deferral names, in order: each number, and those a range (`1～3`) spans between its ends. */
function keysIn(deferral: string): string[] {
  const keys: string[] = [];
  let previousEnd = 0;
  for (const number of deferral.matchAll(KEY_IN_DEFERRAL)) {
    const key = opinionKey(number[0]);
    const from = keys.at(-1);
    if (from !== undefined && RANGE_MARK.test(deferral.slice(previousEnd, number.index))) keys.push(...keysBetween(from, key));
    keys.push(key);
    previousEnd = number.index + number[0].length;
  }
  return keys;
}

/** The integer keys strictly between `from` and `to` (`1`, `4` -> 2, 3); none for keys that are no integers, or a range wider than MAX_RANGE. */
function keysBetween(from: string, to: string): string[] {
  const [first, last] = [Number(from), Number(to)];
  if (!/^[0-9]+$/.test(from) || !/^[0-9]+$/.test(to) || last <= first || last - first > MAX_RANGE) return [];
  return Array.from({ length: last - first - 1 }, (_, index) => String(first + index + 1));
}

/** `１２` -> "12", `1 - 1` -> "1-1": the key of an opinion label's number (CONTRACT.md). */
export function opinionKey(number: string): string {
  return number
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/\s*[-－‐−]\s*/g, '-')
    .replace(/\s+/g, '');
}
