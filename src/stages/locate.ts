/**
 * Offsets in the decoded input -> source spans (line, column, offset), the
 * way unist and vfile-location count them, so every record can be traced back
 * to the exact text it came from.
 */
import { location } from 'vfile-location';
import type { SourceSpan } from '../schema/records.js';

export interface Range {
  start: number;
  end: number;
}

export interface Locator {
  /** The span of offsets [start, end). */
  span(range: Range): SourceSpan;
  /** The span of a whole physical line. */
  line(line: number): SourceSpan;
  /**
   * Where `raw` is first printed inside `within` at or after offset `from`,
   * with any run of spaces in it printed as one or more (text fields collapse
   * them: `Annex 5` may be printed `Annex  5`); null when markup or entities
   * keep it from appearing there.
   */
  find(raw: string, within: Range, from: number): SourceSpan | null;
}

export function locator(text: string): Locator {
  const place = location(text);
  const span = (range: Range): SourceSpan => {
    // parse5 can end an element its input leaves unclosed one past the end of the text: a span stays inside the input.
    const end = Math.min(Math.max(range.end, 0), text.length);
    const start = Math.min(Math.max(range.start, 0), end);
    const from = place.toPoint(start) ?? { line: 1, column: 1 };
    const to = place.toPoint(end) ?? from;
    return { startLine: from.line, endLine: to.line, startColumn: from.column, endColumn: to.column, startOffset: start, endOffset: end };
  };
  return {
    span,
    line(line) {
      const start = place.toOffset({ line, column: 1 }) ?? 0;
      const next = place.toOffset({ line: line + 1, column: 1 });
      const end = next === undefined ? text.length : text.slice(start, next).replace(/(?:\r\n|\n|\r)$/, '').length + start;
      return span({ start, end });
    },
    find(raw, within, from) {
      const index = text.indexOf(raw, from);
      if (index >= 0 && index + raw.length <= within.end) return span({ start: index, end: index + raw.length });
      if (!/\s/.test(raw)) return null;
      const spaced = new RegExp(raw.split(/\s+/).map(escapeRegExp).join('\\s+'), 'u');
      const match = spaced.exec(text.slice(from, within.end));
      return match ? span({ start: from + match.index, end: from + match.index + match[0].length }) : null;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
