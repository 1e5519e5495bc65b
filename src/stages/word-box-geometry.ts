/**
 * The geometry of pdftotext's word boxes (word-boxes.ts): words and their
 * boxes, lines of words side by side, bands of lines close together, and the
 * measures the readers of rows and blocks share.
 */
import type { Text } from 'hast';
import type { Point } from 'unist';

/** One word and its box on its page, in points from the page's top left. */
export interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The word's text node, its position in the input. */
  node: Text;
}

/** Words side by side on one page, each centred within the first one's height. */
export interface WordLine {
  page: number;
  words: Word[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Words grouped into lines per page: a word whose middle lies within a line's first word's height is on that line. */
export function wordLines(words: readonly Word[]): WordLine[] {
  const sorted = [...words].sort((a, b) => a.page - b.page || middle(a) - middle(b) || a.x0 - b.x0);
  const lines: (WordLine & { top: number; bottom: number })[] = [];
  for (const word of sorted) {
    const line = lines.at(-1);
    if (line && line.page === word.page && middle(word) >= line.top && middle(word) <= line.bottom) {
      line.words.push(word);
      line.x0 = Math.min(line.x0, word.x0);
      line.x1 = Math.max(line.x1, word.x1);
      line.y0 = Math.min(line.y0, word.y0);
      line.y1 = Math.max(line.y1, word.y1);
    } else {
      lines.push({ page: word.page, words: [word], x0: word.x0, y0: word.y0, x1: word.x1, y1: word.y1, top: word.y0, bottom: word.y1 });
    }
  }
  for (const line of lines) line.words.sort((a, b) => a.x0 - b.x0);
  return lines;
}

/** How many of the sorted `values` are below `x` (or at it, `orAt`). */
export function countBelow(values: readonly number[], x: number, orAt: boolean): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    const value = values[mid] as number;
    if (value < x || (orAt && value === x)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A run of lines on one page with no gap between them wider than a given one (half a line's height): the lines of one row, or of part of one. */
export interface Band {
  page: number;
  y0: number;
  y1: number;
  words: Word[];
}

/** The lines as bands, a gap wider than `gap` starting the next. */
export function bands(lines: readonly WordLine[], gap: number): Band[] {
  const sorted = [...lines].sort((a, b) => a.page - b.page || a.y0 - b.y0);
  const found: Band[] = [];
  for (const line of sorted) {
    const band = found.at(-1);
    if (band && band.page === line.page && line.y0 <= band.y1 + gap) {
      band.y1 = Math.max(band.y1, line.y1);
      for (const word of line.words) band.words.push(word);
    } else {
      found.push({ page: line.page, y0: line.y0, y1: line.y1, words: [...line.words] });
    }
  }
  return found;
}

export function lineText(line: WordLine): string {
  return line.words.map((word) => word.node.value).join(' ');
}

export function startOf(word: Word): Point {
  return word.node.position?.start ?? { line: 1, column: 1, offset: 0 };
}

export function endOf(word: Word): Point {
  return word.node.position?.end ?? startOf(word);
}

export function byPosition(a: Word, b: Word): number {
  return (startOf(a).offset ?? 0) - (startOf(b).offset ?? 0);
}

export function middle(box: { y0: number; y1: number }): number {
  return (box.y0 + box.y1) / 2;
}

/** The largest of `values`, however many (a spread into Math.max overflows the stack past some 100,000). */
export function largest(values: readonly number[]): number {
  return values.reduce((most, value) => Math.max(most, value), -Infinity);
}

export function smallest(values: readonly number[]): number {
  return values.reduce((least, value) => Math.min(least, value), Infinity);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
