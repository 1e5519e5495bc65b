/**
 * What a response decided, read from its wording (CONTRACT.md `outcome`).
 * A stated change wins over a partial refusal in the same response
 * (…を追加いたします。…は原案のとおりといたします。 is a revision).
 */
import type { Outcome } from '../schema/records.js';

const REVISED = /(?:修正|追加|追記|削除|変更|改正|訂正|反映|明記|明確化)(?:を行い|いたし|し|させていただき)ま(?:す|した)|(?:修正|追加|追記|削除|変更|訂正)することとします|改めます/;
const UNCHANGED = /原案の?とおり|原案を維持|原案通り/;
const NOTED = /承ります|承りました|参考(?:と|に)(?:させていただ|いた|し|、)|参考の御?意見/;

/** The outcome that the response text states, or `unknown` when it states none. */
export function outcomeOf(responseText: string): Outcome {
  // A phrase inside 「…」 quotes the opinion or the draft, not the decision.
  const text = withoutQuotes(responseText);
  if (REVISED.test(text)) return 'revised';
  if (UNCHANGED.test(text)) return 'unchanged';
  if (NOTED.test(text)) return 'noted';
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

const NUMBER = '[0-9０-９]+(?:\\s*[-－‐−]\\s*[0-9０-９]+)*';
const LABELLED = `(?:意見|No\\.?|NO\\.?|番号)\\s*${NUMBER}`;
/** One or more labels (意見3、意見5 / 意見3及び5) followed by …に対する考え方, …の考え方 or と同じ. */
const DEFERRAL = new RegExp(
  `${LABELLED}(?:\\s*(?:、|,|及び|および|と|・)\\s*(?:${LABELLED}|${NUMBER}))*\\s*(?:(?:に対する|への|の)(?:考え方|回答)|と同(?:じ|様))`,
  'g',
);
const KEY_IN_DEFERRAL = new RegExp(NUMBER, 'g');

/** Keys of the opinions a response defers to: `意見 11 に対する考え方のとおり。` -> ["11"]. */
export function refersToOf(responseText: string): string[] {
  const keys: string[] = [];
  for (const match of responseText.matchAll(DEFERRAL)) {
    for (const number of match[0].matchAll(KEY_IN_DEFERRAL)) {
      const key = opinionKey(number[0]);
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

/** `１２` -> "12", `1 - 1` -> "1-1": the key of an opinion label's number (CONTRACT.md). */
export function opinionKey(number: string): string {
  return number
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/\s*[-－‐−]\s*/g, '-')
    .replace(/\s+/g, '');
}
