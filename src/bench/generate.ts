/**
 * Benchmark corpus generator. Deterministic: the same seeds, count and seed
 * number give the same notices, byte for byte (a seeded mulberry32, never
 * Math.random). A notice is one of the seed notices with the opinion rows of
 * each table repeated or trimmed (varied lengths), every opinion renumbered
 * (`意見N`, `意見N-M`, the `No.`/番号 column) and every cross-reference
 * (`意見 11 に対する…`, `No.2の考え方…`) rewritten to the new key of the
 * opinion it named, or, when that opinion was trimmed away, to a key that the
 * notice does contain. Pure: writes nothing (run.ts writes under os.tmpdir()).
 */

export interface SeedNotice {
  /** File name with its extension (the extension decides how pubcom reads it). */
  name: string;
  text: string;
}

export type Layout = 'tsv' | 'gfm' | 'html';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function layoutOf(name: string, text: string): Layout {
  if (/\.html?$/i.test(name) || /^\s*(?:<!doctype html|<html[\s>])/i.test(text)) return 'html';
  if (/^\s*\|.*\|\s*$/m.test(text) && !/\t/.test(text)) return 'gfm';
  return 'tsv';
}

// ---------------------------------------------------------------------------
// Template: a seed notice cut into fixed text and runs of opinion units.

interface Part {
  text: string;
  /** The opinion key this part's label carries (ASCII digits), or null for a continuation. */
  key: string | null;
}

interface Unit {
  /** A labelled part first, then its continuations (and, for rowspan groups, further labelled parts). */
  parts: Part[];
  /** The unit defers to another opinion (`意見 11 に対する考え方のとおり`). */
  defers: boolean;
}

type Item = { kind: 'fixed'; text: string } | { kind: 'run'; units: Unit[] };

interface Template {
  layout: Layout;
  items: Item[];
  /** The seed's last line had no line break: one was added so that its row can repeat; render drops it again at the end. */
  addedFinalBreak: string | null;
}

type TokenKind = 'start' | 'cont' | 'blank' | 'fixed';

interface Token {
  kind: TokenKind;
  text: string;
  key: string | null;
  /** HTML rows: how many following rows a rowspan in this row covers. */
  absorbs: number;
}

const LABEL: Record<Layout, RegExp> = {
  // `<p>意見 10 …`, `意見1-1 …` at the start of the first TAB cell.
  tsv: /^(\s*(?:<p\b[^>]*>\s*)?意見[ \u3000]*)([0-9０-９]+(?:[-－‐][0-9０-９]+)?)(?![0-9０-９])/,
  // `| 12 | …`
  gfm: /^(\s*\|\s*)(\d+(?:-\d+)?)(?=\s*\|)/,
  // `<tr>\n<td>3</td>`
  html: /^(<tr\b[^>]*>\s*<td\b[^>]*>\s*)(\d+(?:-\d+)?)(?=\s*<\/td>)/i,
};

/** Cross-references a response makes to another opinion's key. */
const XREFS: RegExp[] = [/(意見[ \u3000]*)([0-9０-９]+(?:[-－‐][0-9０-９]+)?)([ \u3000]*に対する)/g, /((?:No|NO|no|№)\.?[ \u3000]*)(\d+(?:-\d+)?)([ \u3000]*(?:の考え方|と同じ|に対する|を参照|をご参照))/g];

function asciiKey(raw: string): string {
  return raw.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).replace(/[－‐]/g, '-');
}

function defers(text: string): boolean {
  return XREFS.some((pattern) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  });
}

/** Lines with their terminators, so CRLF files stay CRLF. */
function linesOf(text: string): string[] {
  const lines: string[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    lines.push(text.slice(start, match.index + match[0].length));
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function bare(line: string): string {
  return line.replace(/\r?\n$|\r$/, '');
}

function tokenize(layout: Layout, text: string): Token[] {
  if (layout === 'html') return tokenizeHtml(text);
  return linesOf(text).map((line): Token => {
    const content = bare(line);
    if (content.trim() === '') return { kind: 'blank', text: line, key: null, absorbs: 0 };
    if (layout === 'tsv') {
      if (!content.includes('\t')) return { kind: 'fixed', text: line, key: null, absorbs: 0 };
      const label = LABEL.tsv.exec(content.split('\t')[0] ?? '');
      if (label?.[2] !== undefined) return { kind: 'start', text: line, key: asciiKey(label[2]), absorbs: 0 };
      if (/^[\s\t-]*$/.test(content)) return { kind: 'fixed', text: line, key: null, absorbs: 0 };
      return { kind: 'cont', text: line, key: null, absorbs: 0 };
    }
    const label = LABEL.gfm.exec(content);
    if (label?.[2] !== undefined) return { kind: 'start', text: line, key: label[2], absorbs: 0 };
    // A row with an empty number cell continues the opinion above, unless it is a bold topic row (●…).
    if (/^\s*\|\s*\|/.test(content) && !/^\s*\|\s*\|\s*\*\*[^|]*\*\*\s*\|/.test(content)) return { kind: 'cont', text: line, key: null, absorbs: 0 };
    return { kind: 'fixed', text: line, key: null, absorbs: 0 };
  });
}

/** HTML: each `<tr>…</tr>` (with the white space after it) is a token; everything between rows is fixed. */
function tokenizeHtml(text: string): Token[] {
  const tokens: Token[] = [];
  const rows = /<tr\b[^>]*>[\s\S]*?<\/tr>\s*/gi;
  let last = 0;
  for (let match = rows.exec(text); match; match = rows.exec(text)) {
    if (match.index > last) tokens.push({ kind: 'fixed', text: text.slice(last, match.index), key: null, absorbs: 0 });
    const row = match[0];
    const label = LABEL.html.exec(row);
    const spans = [...row.matchAll(/rowspan\s*=\s*["']?(\d+)/gi)].map((span) => Number(span[1]));
    const absorbs = Math.max(1, ...spans) - 1;
    if (label?.[2] !== undefined) tokens.push({ kind: 'start', text: row, key: label[2], absorbs });
    else tokens.push({ kind: 'fixed', text: row, key: null, absorbs: 0 });
    last = match.index + row.length;
  }
  if (last < text.length) tokens.push({ kind: 'fixed', text: text.slice(last), key: null, absorbs: 0 });
  return tokens;
}

export function buildTemplate(seed: SeedNotice): Template {
  const layout = layoutOf(seed.name, seed.text);
  let addedFinalBreak: string | null = null;
  let text = seed.text;
  if (layout !== 'html' && text !== '' && !/[\r\n]$/.test(text)) {
    addedFinalBreak = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
    text += addedFinalBreak;
  }
  const tokens = tokenize(layout, text);
  const items: Item[] = [];
  let run: Unit[] | null = null;
  let absorbing = 0;
  const pushFixed = (text: string): void => {
    const last = items.at(-1);
    if (last?.kind === 'fixed') last.text += text;
    else items.push({ kind: 'fixed', text });
  };
  /** Close the run: blank lines at its end are the gap before what follows, not part of the last opinion. */
  const closeRun = (): void => {
    if (!run) return;
    const lastUnit = run.at(-1);
    const trailing: string[] = [];
    while (lastUnit && lastUnit.parts.length > 1 && (lastUnit.parts.at(-1)?.text.trim() ?? '') === '') trailing.unshift((lastUnit.parts.pop() as Part).text);
    items.push({ kind: 'run', units: run });
    run = null;
    if (trailing.length > 0) pushFixed(trailing.join(''));
  };
  for (const token of tokens) {
    const unit = run?.at(-1);
    if (token.kind === 'start' && absorbing > 0 && unit) {
      unit.parts.push({ text: token.text, key: token.key });
      absorbing--;
    } else if (token.kind === 'start') {
      run ??= [];
      run.push({ parts: [{ text: token.text, key: token.key }], defers: false });
      absorbing = token.absorbs;
    } else if ((token.kind === 'cont' || token.kind === 'blank') && unit) {
      unit.parts.push({ text: token.text, key: null });
    } else {
      closeRun();
      absorbing = 0;
      pushFixed(token.text);
    }
  }
  closeRun();
  for (const item of items) {
    if (item.kind === 'run') for (const unit of item.units) unit.defers = defers(unit.parts.map((part) => part.text).join(''));
  }
  return { layout, items, addedFinalBreak };
}

/** Opinion units in the template (each may hold several opinions, e.g. a rowspan group). */
export function unitCount(template: Template): number {
  return template.items.reduce((sum, item) => sum + (item.kind === 'run' ? item.units.length : 0), 0);
}

// ---------------------------------------------------------------------------
// Rendering: choose units per run, renumber, rewrite cross-references.

interface Choice {
  unit: Unit;
}

function render(template: Template, selections: Choice[][]): string {
  // 1. new keys, in document order; the first copy of an old key is what references to it now name.
  const hyphenated = template.items.some((item) => item.kind === 'run' && item.units.some((unit) => unit.parts.some((part) => part.key?.includes('-'))));
  const firstCopy = new Map<string, string>();
  let fallback: string | null = null;
  let counter = 0;
  let runNumber = 0;
  const keyed: { choice: Choice; keys: string[] }[][] = selections.map((selection) => {
    runNumber++;
    let within = 0;
    return selection.map((choice) => {
      const keys = choice.unit.parts.filter((part) => part.key !== null).map((part) => {
        const key = hyphenated ? `${runNumber}-${++within}` : String(++counter);
        if (part.key !== null && !firstCopy.has(part.key)) firstCopy.set(part.key, key);
        if (fallback === null && !choice.unit.defers) fallback = key;
        return key;
      });
      return { choice, keys };
    });
  });
  // 2. text.
  const labelPattern = LABEL[template.layout];
  const out: string[] = [];
  let runIndex = 0;
  for (const item of template.items) {
    if (item.kind === 'fixed') {
      out.push(item.text);
      continue;
    }
    for (const { choice, keys } of keyed[runIndex++] ?? []) {
      let next = 0;
      for (const part of choice.unit.parts) {
        let text = part.text;
        if (part.key !== null) {
          const key = keys[next++] ?? part.key;
          text = relabel(template.layout, text, labelPattern, key);
        }
        if (choice.unit.defers) {
          for (const pattern of XREFS) {
            text = text.replace(pattern, (_all, before: string, old: string, after: string) => `${before}${firstCopy.get(asciiKey(old)) ?? fallback ?? asciiKey(old)}${after}`);
          }
        }
        out.push(text);
      }
    }
  }
  const joined = out.join('');
  return template.addedFinalBreak !== null && joined.endsWith(template.addedFinalBreak) ? joined.slice(0, joined.length - template.addedFinalBreak.length) : joined;
}

function relabel(layout: Layout, text: string, pattern: RegExp, key: string): string {
  if (layout !== 'tsv') return text.replace(pattern, (_all, before: string) => `${before}${key}`);
  const tab = text.indexOf('\t');
  const first = tab < 0 ? text : text.slice(0, tab);
  return first.replace(pattern, (_all, before: string) => `${before}${key}`) + (tab < 0 ? '' : text.slice(tab));
}

/** Pick `count` units of a run: a cyclic window from `start`, so short notices trim and long ones repeat. */
function pick(units: Unit[], count: number, start: number): Choice[] {
  const chosen: Choice[] = [];
  for (let index = 0; index < count; index++) {
    const unit = units[(start + index) % units.length];
    if (unit) chosen.push({ unit });
  }
  return chosen;
}

/** Every deferral needs a target that does not defer; swap one in if a notice came out all deferrals. */
function ensureTarget(template: Template, selections: Choice[][]): void {
  if (selections.some((selection) => selection.some((choice) => !choice.unit.defers))) return;
  template.items.forEach((item, index) => {
    if (item.kind !== 'run') return;
    const plain = item.units.find((unit) => !unit.defers);
    const runIndex = template.items.slice(0, index).filter((other) => other.kind === 'run').length;
    const selection = selections[runIndex];
    if (plain && selection && selection.length > 0 && selection.every((choice) => choice.unit.defers)) selection[0] = { unit: plain };
  });
}

function runsOf(template: Template): Unit[][] {
  return template.items.flatMap((item) => (item.kind === 'run' ? [item.units] : []));
}

/** One notice of `seed`: each table's opinion rows scaled by `factor` (jittered per table by `random`). */
export function varyNotice(template: Template, factor: number, random: () => number): string {
  const selections = runsOf(template).map((units) => {
    const jitter = 0.75 + 0.5 * random();
    const count = Math.max(1, Math.round(units.length * factor * jitter));
    return pick(units, count, Math.floor(random() * units.length));
  });
  ensureTarget(template, selections);
  return render(template, selections);
}

const EXTENSION = /\.[^.]+$/;

/**
 * `count` notices from `seeds`, round-robin over the seeds (so each layout is
 * represented once count >= seeds.length), lengths log-uniform between a
 * quarter and four times the seed's opinion rows.
 */
export function generateCorpus(seeds: readonly SeedNotice[], count: number, seed: number): SeedNotice[] {
  if (seeds.length === 0) throw new Error('generateCorpus: no seed notices');
  const templates = seeds.map((notice) => ({ notice, template: buildTemplate(notice) }));
  const random = mulberry32(seed);
  const width = String(Math.max(count - 1, 0)).length;
  const notices: SeedNotice[] = [];
  for (let index = 0; index < count; index++) {
    const entry = templates[index % templates.length];
    if (!entry) continue;
    const factor = Math.exp(Math.log(0.25) + random() * Math.log(16));
    const extension = EXTENSION.exec(entry.notice.name)?.[0] ?? '.txt';
    const stem = entry.notice.name.slice(0, entry.notice.name.length - extension.length);
    notices.push({ name: `${String(index).padStart(width, '0')}-${stem}${extension}`, text: varyNotice(entry.template, factor, random) });
  }
  return notices;
}

/**
 * One notice of at least `targetBytes` UTF-8 bytes: the seed's own sections and
 * title block, with the opinion rows of every table repeated (in order, cycling)
 * and renumbered until the size is reached.
 */
export function generateLargeNotice(seedText: string, targetBytes: number, name = 'large-notice.txt'): string {
  const template = buildTemplate({ name, text: seedText });
  const runs = runsOf(template);
  if (runs.length === 0) throw new Error('generateLargeNotice: the seed has no opinion rows');
  const fixedBytes = template.items.reduce((sum, item) => sum + (item.kind === 'fixed' ? Buffer.byteLength(item.text) : 0), 0);
  const unitBytes = runs.flat().reduce((sum, unit) => sum + unit.parts.reduce((bytes, part) => bytes + Buffer.byteLength(part.text), 0), 0);
  let factor = Math.max(1, (targetBytes - fixedBytes) / Math.max(unitBytes, 1));
  for (;;) {
    const selections = runs.map((units) => pick(units, Math.max(1, Math.ceil(units.length * factor)), 0));
    ensureTarget(template, selections);
    const text = render(template, selections);
    const bytes = Buffer.byteLength(text);
    if (bytes >= targetBytes) return text;
    factor *= (1.01 * targetBytes) / bytes;
  }
}

/** A kind of text that a PDF converter or a hostile file may put in one cell, built to a length in UTF-16 units. */
export interface LongRun {
  name: string;
  label: string;
  text: (length: number) => string;
}

/**
 * Plain text first (the reference), then shapes whose conversion time once
 * grew with the square of their length: trimming that a regex retried at
 * every blank, a ref searched again from the start for each repeat, each
 * ref checked against each web address, and arguments spread onto the stack.
 */
export const LONG_RUNS: readonly LongRun[] = [
  { name: 'plain', label: 'plain Japanese text (the reference)', text: (length) => 'あ'.repeat(length) },
  { name: 'ideographic-spaces', label: 'U+3000 between two words', text: (length) => `前${'\u3000'.repeat(Math.max(0, length - 2))}後` },
  { name: 'spaces-before-sup', label: 'spaces before a footnote marker', text: (length) => `CIO${' '.repeat(Math.max(0, length - 18))}x <sup>7</sup>` },
  { name: 'repeated-ref', label: 'one section ref again and again (`Ⅲ.あ`)', text: (length) => 'Ⅲ.あ'.repeat(Math.ceil(length / 3)) },
  { name: 'addresses', label: 'web addresses', text: (length) => 'https://example.jp/p1 '.repeat(Math.ceil(length / 22)) },
  { name: 'siblings', label: 'sibling elements (`あ<br>`)', text: (length) => 'あ<br>'.repeat(Math.ceil(length / 5)) },
];

/** `seedText` with `run` as one more paragraph after the summary of its first opinion row (so the comment keeps its submitter mark). */
export function withLongRun(seedText: string, run: string): string {
  const lines = seedText.split('\n');
  const index = lines.findIndex((line) => line.includes('\t') && /^<p>意見\s*[0-9][^\t]*<\/p>/.test(line));
  const line = lines[index];
  if (line === undefined) throw new Error('withLongRun: the seed has no opinion row');
  lines[index] = line.replace('</p>', `</p><p>${run}</p>`);
  return lines.join('\n');
}
