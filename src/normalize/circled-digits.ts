/**
 * Circled digits (①②③) that a conversion lost (FORMATS.md hard case 13):
 * - mojibake: a Shift_JIS font whose circled digits come out as the low byte of
 *   their code (0x8740 ① -> `@`, 0x8741 ② -> `A`, … 0x8753 ⑳ -> `S`), as in
 *   `@郵政民営化実施後の問題点・課題 A郵政改革の方向性 Bその他` (S25);
 * - spelled out: `マル5` for ⑤ (S3: `1-(3)-マル5`).
 * A mojibake letter is restored only in a run that starts at `@` and goes on
 * in order (`@`, `A`, `B`, …), each letter opening Japanese words: a lone `@`
 * or `A社` is left as printed, and an e-mail address is never touched.
 */
import { digitsValue } from './submitters.js';

const MOJIBAKE = '@ABCDEFGHIJKLMNOPQRS';
/** A letter that may stand for a circled digit: not inside a word, an address or a number, and before Japanese text. */
const MOJIBAKE_CANDIDATE = /(?<![A-Za-z0-9@._%+\-/:=&?#])[@A-S](?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}「『（(【])/gu;
/** `マル5`, `マル１２`: not the end of a katakana word (`デシマル5`). */
const SPELLED = /(?<![\p{Script=Katakana}ー])マル([0-9０-９]{1,2})(?![0-9０-９])/gu;

/** The circled form of 1–50, or null. */
export function circled(value: number): string | null {
  if (value >= 1 && value <= 20) return String.fromCodePoint(0x2460 + value - 1);
  if (value >= 21 && value <= 35) return String.fromCodePoint(0x3251 + value - 21);
  if (value >= 36 && value <= 50) return String.fromCodePoint(0x32b1 + value - 36);
  return null;
}

/** The value of a circled digit (`①` -> 1, `㊿` -> 50); null for any other text. */
export function circledValue(text: string): number | null {
  const code = text.length === 1 ? text.charCodeAt(0) : 0;
  if (code >= 0x2460 && code <= 0x2473) return code - 0x2460 + 1;
  if (code >= 0x3251 && code <= 0x325f) return code - 0x3251 + 21;
  if (code >= 0x32b1 && code <= 0x32bf) return code - 0x32b1 + 36;
  return null;
}

export interface Restored {
  texts: string[];
  /** Each circled digit restored, in order: as printed (`@`, `A`, `マル5`) and as read (`①`, `②`, `⑤`). */
  restored: [printed: string, digit: string][];
}

/**
 * The texts (the paragraphs of one cell, in order: a run may go on from one
 * to the next) with lost circled digits restored.
 */
export function restoreCircledDigits(texts: readonly string[]): Restored {
  const restored: Restored['restored'] = [];
  if (!texts.some((text) => text.includes('@') || text.includes('マル'))) return { texts: [...texts], restored };
  const runs = mojibakeRuns(texts);
  const restoredTexts = texts.map((text, index) => {
    const units = text.split('');
    for (const offset of runs.get(index) ?? []) {
      const digit = circled(MOJIBAKE.indexOf(units[offset] as string) + 1) as string;
      restored.push([units[offset] as string, digit]);
      units[offset] = digit;
    }
    return units.join('').replace(SPELLED, (whole, digits: string) => {
      const digit = circled(digitsValue(digits) ?? 0);
      if (digit !== null) restored.push([whole, digit]);
      return digit ?? whole;
    });
  });
  return { texts: restoredTexts, restored };
}

/** Offsets (by text index) of the mojibake letters of every run of two or more in order from `@`. */
function mojibakeRuns(texts: readonly string[]): Map<number, number[]> {
  const found = new Map<number, number[]>();
  let run: [text: number, offset: number][] = [];
  const close = (): void => {
    if (run.length >= 2) for (const [text, offset] of run) found.set(text, [...(found.get(text) ?? []), offset]);
    run = [];
  };
  texts.forEach((text, index) => {
    for (const match of text.matchAll(MOJIBAKE_CANDIDATE)) {
      const letter = MOJIBAKE.indexOf(match[0]);
      if (letter === 0) close();
      if (letter === run.length) run.push([index, match.index]);
    }
  });
  close();
  return found;
}
