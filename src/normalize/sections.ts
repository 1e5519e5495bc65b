/**
 * Section headings: `【Ⅲ. 物理的・技術的対策編に対する意見】`, `**1. 電波法…**`,
 * `## Ⅰ. …`, `（３）その他`, `第2章 各論`, `【その他】`. The printed number becomes the section id in the
 * same ASCII form refs use (`Ⅲ.` -> "III"), so a ref's `part` joins its section.
 */
import { foldWidth, parseNumber, romanToAscii } from './refs.js';

export interface SectionHeading {
  /** The number as printed, e.g. "Ⅲ." or "1.", or null for 【その他】. */
  label: string | null;
  /** "III", "1", or null when unnumbered. */
  number: string | null;
  title: string;
}

/**
 * `Ⅲ.`, `1.`, `1 `; `(3)`, `（３）`; `第2章`, `第二章`, `第1部`, `第3節`, `第1編`, and `第１　総則` (a space after it): the number, then
 * the title. A heading may print only a number that ends in a mark (`## 第2章`, `【Ⅲ.】`); a bare `1` is no number.
 */
const NUMBERED = /^((?:[IVX]+|[Ⅰ-Ⅻ]|[0-9０-９]+)(?:\s*[.．、])?|[(（][0-9０-９]{1,2}[)）]|第[0-9０-９〇一二三四五六七八九十]{1,3}[章節部編]?)(?:(?:\s+|(?<=[.．、)）章節部編]))(?=\S)|(?<=[.．、)）章節部編])$)/;

export function parseSectionHeading(text: string): SectionHeading {
  const inner = text.trim().replace(/^【(.*)】$/s, '$1').trim();
  const match = NUMBERED.exec(inner);
  if (!match?.[1]) return { label: null, number: null, title: inner };
  const label = match[1].replace(/\s+/g, '');
  const folded = foldWidth(label.replace(/[.．、]$/, '').replace(/^[(（](.*)[)）]$|^第(.*?)[章節部編]?$/, '$1$2'));
  const roman = romanToAscii(folded);
  const number = /^[IVX]+$/.test(roman) ? roman : parseNumber(folded);
  return { label, number: number === null ? null : String(number), title: inner.slice(match[0].length).trim() };
}
