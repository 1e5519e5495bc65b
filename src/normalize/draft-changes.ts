/**
 * What a notice says of its draft as a whole after the consultation
 * (FORMATS.md §1.7, "document-level outcome" and "changes in a separate
 * annex"): `意見を踏まえた修正箇所数 4箇所` (S21), `原案からの変更点 別添2のとおり。`
 * (S22), `主な修正点は別紙2` (S18), `原案を維持し…` (S27). Read from the
 * sentences outside the opinion tables; the opinions' own outcomes come from
 * their responses (outcome.ts).
 */
import type { DraftChanges } from '../schema/records.js';
import { COUNT_DIGITS, digitsValue } from './submitters.js';

/** A sentence's reading: whether it says the draft changed, and the count and annex it names. */
interface DraftChangeStatement {
  revised: boolean;
  count: { value: number; raw: string } | null;
  annex: string | null;
}

const PLACES = '(?:箇所|個所|か所|カ所|ヶ所|ケ所|ヵ所)';
/** The places changed, counted: `修正箇所数 4箇所`, `修正は全部で181カ所`, `変更箇所は3か所`. */
const COUNT_AFTER = new RegExp(`(?:修正|変更)(?:を行った|した)?${PLACES}?(?:の?数)?[ \\u3000]*[:：は]?[ \\u3000]*(?:全部で|合計|計|全)?[ \\u3000]*((${COUNT_DIGITS})[ \\u3000]*${PLACES})`);
/** `4箇所を修正しました`, `3か所の変更を行いました`. */
const COUNT_BEFORE = new RegExp(`(?<![0-9０-９,，])((${COUNT_DIGITS})[ \\u3000]*${PLACES})(?:を|の|について)?(?:修正|変更)`);
/** Where the changes are listed: `原案からの変更点 別添2のとおり`, `修正内容は、別添2に示しています`, `修正後の案は別紙のとおり`. */
const ANNEX = /(?:修正|変更)(?:内容|点|箇所|個所|部分|後|事項)[^。]{0,30}?((?:別添|別紙|別冊)[ \u3000]*[0-9０-９]*)/;
/** The draft kept as it was: `原案を維持し`, `原案のとおり決定しました`, `原案からの変更点 なし`, `修正した箇所はありません`, `修正は行っていません`. */
const KEPT = /原案を維持|原案(?:の|ど)?(?:とおり|通り)(?:決定|制定|公布|施行|定め|策定|改正|とし|とする|とします)|(?:修正|変更)(?:した|を行った)?(?:点|箇所|個所|部分)?(?:数)?[ \u3000]*[:：は]?[ \u3000]*(?:なし|無し|ありません|ございません)|(?:修正|変更)(?:は|を)?(?:行っていません|行いませんでした|しませんでした|いたしませんでした)/;
/** The draft changed, with neither count nor annex: `御意見を踏まえ、一部修正を行った上で`, `意見に基づき所要の修正を加え`. */
const CHANGED = /(?:踏まえ|基づき)[^。]{0,30}?(?:修正|変更)(?:を(?:行|加え|し)|し(?:まし|た)|いたしまし|の上)/;

/** The reading of one sentence, or null when it says nothing of the draft as a whole. */
export function draftChangeIn(sentence: string): DraftChangeStatement | null {
  const counted = COUNT_AFTER.exec(sentence) ?? COUNT_BEFORE.exec(sentence);
  const value = counted?.[2] === undefined ? null : digitsValue(counted[2]);
  const count = counted?.[1] !== undefined && value !== null ? { value, raw: counted[1] } : null;
  const annex = ANNEX.exec(sentence)?.[1]?.trim() ?? null;
  if (count !== null) return { revised: count.value > 0, count, annex };
  if (annex !== null) return { revised: true, count: null, annex };
  if (KEPT.test(sentence)) return { revised: false, count: null, annex: null };
  if (CHANGED.test(sentence)) return { revised: true, count: null, annex: null };
  return null;
}

/** Whether a line says anything of the draft as a whole. */
export function statesDraftChanges(text: string): boolean {
  return sentencesOf(text).some((sentence) => draftChangeIn(sentence) !== null);
}

/**
 * What the lines outside the opinion tables say of the draft, or null when none does. A sentence printed twice (a
 * 提出者一覧's remark is also a title-block line) is read once. The draft changed when any sentence says so.
 */
export function draftChangesOf(lines: readonly { line: number; text: string }[]): DraftChanges | null {
  const seen = new Set<string>();
  const readings: (DraftChangeStatement & { text: string; line: number })[] = [];
  for (const { line, text } of [...lines].sort((a, b) => a.line - b.line)) {
    for (const sentence of sentencesOf(text)) {
      const reading = seen.has(`${line}\n${sentence}`) ? null : draftChangeIn(sentence);
      seen.add(`${line}\n${sentence}`);
      if (reading) readings.push({ ...reading, text: sentence, line });
    }
  }
  if (readings.length === 0) return null;
  const counted = readings.find((reading) => reading.count !== null)?.count ?? null;
  return {
    revised: readings.some((reading) => reading.revised),
    changeCount: counted?.value ?? null,
    changeCountRaw: counted?.raw ?? null,
    annex: readings.find((reading) => reading.annex !== null)?.annex ?? null,
    statements: readings.map(({ text, line }) => ({ text, line })),
  };
}

/** A line's sentences, each trimmed, the `。` kept. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=。)|\n/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}
