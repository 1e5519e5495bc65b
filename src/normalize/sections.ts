/**
 * Section headings: `【Ⅲ. 物理的・技術的対策編に対する意見】`, `**1. 電波法…**`,
 * `## Ⅰ. …`, `【その他】`. The printed number becomes the section id in the
 * same ASCII form refs use (`Ⅲ.` -> "III"), so a ref's `part` joins its section.
 */
import { foldWidth, romanToAscii } from './refs.js';

export interface SectionHeading {
  /** The number as printed, e.g. "Ⅲ." or "1.", or null for 【その他】. */
  label: string | null;
  /** "III", "1", or null when unnumbered. */
  number: string | null;
  title: string;
}

const NUMBERED = /^((?:[IVX]+|[Ⅰ-Ⅻ]|[0-9０-９]+)(?:\s*[.．、])?)(?:\s+|(?<=[.．、]))(?=\S)/;

export function parseSectionHeading(text: string): SectionHeading {
  const inner = text.trim().replace(/^【(.*)】$/s, '$1').trim();
  const match = NUMBERED.exec(inner);
  if (!match?.[1]) return { label: null, number: null, title: inner };
  const label = match[1].replace(/\s+/g, '');
  const digitsOrRoman = foldWidth(label.replace(/[.．、]$/, ''));
  return { label, number: /^[0-9]+$/.test(digitsOrRoman) ? String(Number(digitsOrRoman)) : romanToAscii(digitsOrRoman), title: inner.slice(match[0].length).trim() };
}
