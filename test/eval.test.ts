/**
 * The gold-set scorer (src/review/eval.ts, eval-run.ts): hand-made cases, the
 * gold files themselves, and the regression gate — the code of today,
 * converting input/ with the real pipeline, must score at least what
 * EVALUATION.md commits, field by field, exact and normalised.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEval } from '../src/review/eval-run.js';
import {
  disagreements,
  evaluate,
  extractNotes,
  FIELDS,
  GoldNotice,
  MODES,
  NOTES_END,
  NOTES_START,
  parseSummaryTable,
  PredictedDocument,
  renderReport,
  rounded,
  squash,
  type FieldName,
  type Mode,
} from '../src/review/eval.js';
import { Overrides } from '../src/schema/overrides.js';
import { convertBytes } from './helpers.js';

const ROOT = new URL('../', import.meta.url);
const GOLD_DIR = new URL('gold/', import.meta.url);

// ------------------------------------------------------------ hand-made cases

const GOLD: GoldNotice = GoldNotice.parse({
  notice: 'tiny',
  source: 'input/tiny.txt',
  period: { start: '2018-06-07', end: '2018-07-06' },
  rePeriod: null,
  submitterCount: 2,
  reSubmitterCount: null,
  submitters: ['個人A', 'マカフィー株式会社'],
  opinions: [
    {
      key: '1',
      section: 'I',
      revised: true,
      outcome: 'revised',
      refersTo: [],
      comments: [
        { submitter: '個人A', kind: 'comment', startLine: 10, endLine: 10, textStart: 'p4の記載を削除', textEnd: 'と考えます。', refs: ['p.4'] },
        { submitter: 'マカフィー株式会社', kind: 'comment', startLine: 11, endLine: 13, textStart: 'AWS の拡大に', textEnd: '(全体)', refs: ['whole', 'III.3.1.3'] },
      ],
    },
    {
      key: '2',
      section: 'I',
      revised: false,
      outcome: 'unchanged',
      refersTo: ['1'],
      comments: [{ submitter: '個人A', kind: 'comment', startLine: 14, endLine: 14, textStart: '同じく', textEnd: '反対する。', refs: [] }],
    },
  ],
});

/** The output a perfect converter would give for `gold`. */
function perfect(gold: GoldNotice): PredictedDocument {
  return {
    notice: {
      id: gold.notice,
      period: gold.period ? { ...gold.period } : null,
      rePeriod: gold.rePeriod ? { ...gold.rePeriod } : null,
      submitterCount: gold.submitterCount,
      reSubmitterCount: gold.reSubmitterCount,
      submitters: gold.submitters.map((name) => ({ name })),
    },
    opinions: gold.opinions.map((opinion) => ({
      key: opinion.key,
      section: opinion.section,
      revised: opinion.revised,
      outcome: opinion.outcome,
      response: { refersTo: [...opinion.refersTo] },
      comments: opinion.comments.map((comment) => ({
        kind: comment.kind,
        submitter: comment.submitter,
        text: `${comment.textStart}(中略)${comment.textEnd}`,
        refs: comment.refs.map((canonical) => ({ canonical })),
        source: { startLine: comment.startLine, endLine: comment.endLine },
      })),
    })),
  };
}

const total = (output: PredictedDocument, field: FieldName, mode: Mode = 'exact') => evaluate([{ gold: GOLD, output }]).total[field][mode];

describe('scorer on hand-made cases', () => {
  it('scores a perfect output 1.0 in every field and mode, with no disagreement', () => {
    const result = evaluate([{ gold: GOLD, output: perfect(GOLD) }]);
    for (const field of FIELDS) {
      for (const mode of MODES) {
        expect(result.total[field][mode], `${field} ${mode}`).toMatchObject({ precision: 1, recall: 1, f1: 1, fp: 0, fn: 0 });
      }
    }
    expect(disagreements(result)).toEqual([]);
  });

  it('tolerates extra fields in an output', () => {
    const output = perfect(GOLD) as unknown as { notice: Record<string, unknown>; opinions: Record<string, unknown>[] };
    output.notice.coverage = { ratio: 1 };
    const parsed = PredictedDocument.parse({ ...output, schemaVersion: 1, sections: [] });
    expect(evaluate([{ gold: GOLD, output: parsed }]).total.comments.exact.f1).toBe(1);
  });

  it('a missing opinion lowers recall, not precision', () => {
    const output = perfect(GOLD);
    output.opinions = output.opinions.filter((opinion) => opinion.key !== '2');
    expect(total(output, 'opinions')).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(total(output, 'comments')).toMatchObject({ precision: 1, recall: 2 / 3 });
    expect(total(output, 'refersTo')).toMatchObject({ recall: 0 });
    expect(disagreements(evaluate([{ gold: GOLD, output }]))).toContainEqual(expect.objectContaining({ field: 'opinions', type: 'missing', gold: '意見 2' }));
  });

  it('an extra ref lowers precision, not recall', () => {
    const output = perfect(GOLD);
    output.opinions[0]?.comments[0]?.refs.push({ canonical: 'p.44' });
    const refs = total(output, 'refs');
    expect(refs).toMatchObject({ tp: 3, fp: 1, fn: 0, recall: 1, precision: 0.75 });
    expect(refs.f1).toBeCloseTo((2 * 0.75) / 1.75, 10);
    expect(disagreements(evaluate([{ gold: GOLD, output }]))).toEqual([
      { notice: 'tiny', field: 'refs', type: 'extra', gold: null, output: '意見 1 c1: p.44', modes: ['exact', 'normalised'] },
    ]);
  });

  it('counts a repeated canonical once per comment', () => {
    const output = perfect(GOLD);
    output.opinions[0]?.comments[1]?.refs.push({ canonical: 'whole' });
    expect(total(output, 'refs').f1).toBe(1);
  });

  it('normalised matching forgives width and space differences that exact matching does not', () => {
    const output = perfect(GOLD);
    const [first, second] = output.opinions;
    if (!first || !second) throw new Error('fixture');
    output.notice.submitters = [{ name: '個人 Ａ' }, { name: 'マカフィー株式会社' }];
    const comment = first.comments[0];
    if (!comment) throw new Error('fixture');
    comment.submitter = '個人 A';
    comment.text = 'ｐ４の記載を 削除すべき。\nと考えます。';
    first.comments[1]?.refs.splice(0, 2, { canonical: 'WHOLE' }, { canonical: 'III．３．１．３' });
    second.key = '２';
    second.response = { refersTo: ['１'] };
    for (const [field, exactF1] of [
      ['submitters', 0.5],
      ['comments', 1 / 3],
      ['refs', 1 / 3],
      ['refersTo', 0],
    ] as const) {
      expect(total(output, field, 'exact').f1, field).toBeCloseTo(exactF1, 10);
      expect(total(output, field, 'normalised').f1, field).toBe(1);
    }
    expect(total(output, 'opinions', 'exact').f1).toBe(0.5);
    expect(total(output, 'opinions', 'normalised').f1).toBe(1);
    const list = disagreements(evaluate([{ gold: GOLD, output }]));
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((entry) => entry.modes.length === 1 && entry.modes[0] === 'exact')).toBe(true);
  });

  it('normalised comment matching compares text edges, exact also the line span', () => {
    const output = perfect(GOLD);
    const comment = output.opinions[0]?.comments[1];
    if (!comment) throw new Error('fixture');
    comment.source = { startLine: 11, endLine: 12 };
    expect(total(output, 'comments', 'exact')).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(total(output, 'comments', 'normalised').f1).toBe(1);
    const [entry] = disagreements(evaluate([{ gold: GOLD, output }]));
    expect(entry).toMatchObject({ field: 'comments', type: 'differs', modes: ['exact'] });
    expect(entry?.gold).toContain('lines 11–13');
    expect(entry?.output).toContain('lines 11–12');
  });

  it('a comment boundary in the wrong place fails both matchings', () => {
    const output = perfect(GOLD);
    const opinion = output.opinions[0];
    if (!opinion) throw new Error('fixture');
    // the two comments merged into one, under the second submitter
    opinion.comments = [{ kind: 'comment', submitter: 'マカフィー株式会社', text: 'p4の記載を削除…と考えます。 AWS の拡大に…(全体)', refs: [], source: { startLine: 10, endLine: 13 } }];
    for (const mode of MODES) expect(total(output, 'comments', mode)).toMatchObject({ tp: 1, fp: 1, fn: 2 });
  });

  it('a flag of the other value is one disagreement; a null flag is no item', () => {
    const output = perfect(GOLD);
    const [first, second] = output.opinions;
    if (!first || !second) throw new Error('fixture');
    first.revised = false;
    second.revised = null;
    expect(total(output, 'flags')).toMatchObject({ tp: 0, fp: 1, fn: 2 });
    const flags = disagreements(evaluate([{ gold: GOLD, output }])).filter((entry) => entry.field === 'flags');
    expect(flags).toEqual([
      { notice: 'tiny', field: 'flags', type: 'differs', gold: '意見 1: revised true', output: '意見 1: revised false', modes: ['exact', 'normalised'] },
      { notice: 'tiny', field: 'flags', type: 'missing', gold: '意見 2: revised false', output: null, modes: ['exact', 'normalised'] },
    ]);
  });

  it('scores periods by date, not by the raw text, and a missing rePeriod as a false positive only when output has one', () => {
    const output = perfect(GOLD);
    output.notice.period = { start: '2018-06-07', end: '2018-07-07' };
    output.notice.rePeriod = { start: '2018-08-01', end: '2018-08-31' };
    expect(total(output, 'periods')).toMatchObject({ tp: 1, fp: 3, fn: 1 });
  });

  it('gives 1.0 when there is nothing to find and nothing found, 0 when something is missed or invented', () => {
    const nothing = GoldNotice.parse({ ...GOLD, opinions: GOLD.opinions.map((o) => ({ ...o, refersTo: [] })) });
    const pair = (output: PredictedDocument) => evaluate([{ gold: nothing, output }]).total.refersTo.exact;
    const output = perfect(nothing);
    expect(pair(output)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    const first = output.opinions[0];
    if (first) first.response = { refersTo: ['2'] };
    expect(pair(output)).toMatchObject({ precision: 0, recall: 0, f1: 0, fp: 1 });
  });

  it('renders a deterministic report whose summary table parses back', () => {
    const output = perfect(GOLD);
    output.opinions[0]?.comments[0]?.refs.push({ canonical: 'p.44' });
    const result = evaluate([{ gold: GOLD, output }]);
    const markdown = renderReport(result, { goldDir: 'test/gold', outputDir: 'output', notes: 'pubcom is right.' });
    expect(renderReport(evaluate([{ gold: GOLD, output }]), { goldDir: 'test/gold', outputDir: 'output', notes: 'pubcom is right.' })).toBe(markdown);
    const table = parseSummaryTable(markdown);
    expect([...table.keys()]).toEqual([...FIELDS]);
    expect(table.get('refs')).toEqual({ exact: rounded(result.total.refs.exact.f1), normalised: rounded(result.total.refs.normalised.f1) });
    expect(markdown).toContain('- **refs** not in gold: 意見 1 c1: p.44');
    expect(extractNotes(markdown)).toBe('pubcom is right.');
    expect(parseSummaryTable('no table here').size).toBe(0);
  });

  it('rejects a gold file with an unknown field, a bad date, a reversed span or a repeated key', () => {
    const base = JSON.parse(JSON.stringify(GOLD)) as Record<string, unknown> & { opinions: Record<string, unknown>[] };
    expect(GoldNotice.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(GoldNotice.safeParse({ ...base, period: { start: '2018/06/07', end: '2018-07-06' } }).success).toBe(false);
    expect(GoldNotice.safeParse({ ...base, opinions: [...base.opinions, base.opinions[0]] }).success).toBe(false);
    const reversed = JSON.parse(JSON.stringify(base)) as { opinions: { comments: { startLine: number; endLine: number }[] }[] };
    const comment = reversed.opinions[0]?.comments[0];
    if (comment) comment.startLine = 20;
    expect(GoldNotice.safeParse(reversed).success).toBe(false);
  });
});

// ------------------------------------------------------------ the gold files

const goldNames = readdirSync(GOLD_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

function loadGold(name: string): GoldNotice {
  return GoldNotice.parse(JSON.parse(readFileSync(new URL(name, GOLD_DIR), 'utf8')));
}

/** A source line as plain text: tags removed, the few entities of the corpus decoded, no whitespace. */
function plainLine(line: string): string {
  const text = line
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&amp;/g, '&');
  return squash(text);
}

describe('gold files', () => {
  it('covers every notice of input/', () => {
    const inputs = readdirSync(new URL('input/', ROOT))
      .filter((name) => !name.endsWith('.pubcom.json'))
      .map((name) => `${name.replace(/\.[^.]+$/, '')}.json`)
      .sort();
    expect(goldNames).toEqual(inputs);
  });

  for (const name of goldNames) {
    describe(name, () => {
      const gold = loadGold(name);
      const lines = readFileSync(new URL(gold.source, ROOT), 'utf8').split(/\r\n|\r|\n/);

      it('validates with the gold schema and is named after its notice', () => {
        expect(`${gold.notice}.json`).toBe(name);
        expect(existsSync(new URL(gold.source, ROOT))).toBe(true);
      });

      it('has every comment edge on the lines it claims (checked against the source, not an output)', () => {
        for (const opinion of gold.opinions) {
          for (const [index, comment] of opinion.comments.entries()) {
            const where = `意見 ${opinion.key} c${index + 1}`;
            const first = plainLine(lines[comment.startLine - 1] ?? '');
            const last = plainLine(lines[comment.endLine - 1] ?? '');
            expect(first, `${where} textStart`).toContain(squash(comment.textStart));
            // the last characters: a page-split comment's end is joined across the blank line
            expect(last, `${where} textEnd`).toContain(squash(comment.textEnd).slice(-6));
            if (comment.submitter !== null) {
              const span = lines.slice(comment.startLine - 1, comment.endLine).map(plainLine).join('');
              expect(span, `${where} submitter`).toContain(squash(comment.submitter));
            }
          }
        }
      });
    });
  }

  it('agrees with the totals shared/corpus/README.md states', () => {
    const totals = (name: string) => {
      const gold = loadGold(`${name}.json`);
      const comments = gold.opinions.flatMap((opinion) => opinion.comments);
      return {
        opinions: gold.opinions.length,
        comments: comments.length,
        reOpinions: comments.filter((comment) => comment.kind === 're-opinion').length,
        flagsTrue: gold.opinions.filter((opinion) => opinion.revised === true).length,
        flagsFalse: gold.opinions.filter((opinion) => opinion.revised === false).length,
      };
    };
    expect(totals('soumu-cloud-security-guideline-2018')).toEqual({ opinions: 20, comments: 26, reOpinions: 0, flagsTrue: 11, flagsFalse: 9 });
    expect(totals('mic-denpa-tsv')).toEqual({ opinions: 8, comments: 11, reOpinions: 0, flagsTrue: 2, flagsFalse: 6 });
    expect(totals('fsa-kantoku-gfm')).toEqual({ opinions: 10, comments: 10, reOpinions: 0, flagsTrue: 0, flagsFalse: 0 });
    expect(totals('caa-hyoji-html')).toEqual({ opinions: 9, comments: 9, reOpinions: 0, flagsTrue: 0, flagsFalse: 0 });
    expect(totals('soumu-saiiken-tsv')).toEqual({ opinions: 8, comments: 14, reOpinions: 6, flagsTrue: 0, flagsFalse: 0 });
  });
});

// ------------------------------------------------------------ runEval (I/O)

describe('runEval', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'pubcom-eval-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const setUp = (name: string, gold: unknown, output: unknown): { goldDir: string; outputDir: string } => {
    const goldDir = path.join(scratch, name, 'gold');
    const outputDir = path.join(scratch, name, 'output');
    for (const dir of [goldDir, outputDir]) rmSync(dir, { recursive: true, force: true });
    writeJson(path.join(goldDir, 'tiny.json'), gold);
    if (output !== undefined) writeJson(path.join(outputDir, 'tiny.json'), output);
    return { goldDir, outputDir };
  };
  const writeJson = (file: string, value: unknown): void => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value));
  };

  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, reporter: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
  };

  it('prints the report and exits 0', async () => {
    const dirs = setUp('ok', GOLD, { schemaVersion: 1, ...perfect(GOLD), sections: [], diagnostics: [] });
    const { out, err, reporter } = capture();
    expect(await runEval(dirs, reporter)).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toContain('| opinions | 2 | 2 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |');
  });

  it('writes the report to a file and keeps its hand-written notes', async () => {
    const dirs = setUp('write', GOLD, perfect(GOLD));
    const report = path.join(scratch, 'write', 'EVAL.md');
    writeFileSync(report, `old\n${NOTES_START}\nmy reading\n${NOTES_END}\n`);
    const { out, reporter } = capture();
    expect(await runEval({ ...dirs, report }, reporter)).toBe(0);
    expect(out).toEqual([]);
    const written = readFileSync(report, 'utf8');
    expect(written).toContain('## Scores (all notices)');
    expect(extractNotes(written)).toBe('my reading');
  });

  it('exits 1 with one line when an output file is missing', async () => {
    const dirs = setUp('missing', GOLD, undefined);
    const { out, err, reporter } = capture();
    expect(await runEval(dirs, reporter)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/tiny\.json: cannot read output file: no such file$/);
  });

  it('exits 1 with one line on an invalid gold file or output file', async () => {
    for (const [gold, output, pattern] of [
      [{ ...GOLD, opinions: 'none' }, perfect(GOLD), /gold[/\\]tiny\.json: invalid gold file: opinions: /],
      [GOLD, { notice: {} }, /output[/\\]tiny\.json: invalid output file: /],
      [{ ...GOLD, notice: 'other' }, perfect(GOLD), /does not match the file name/],
    ] as const) {
      const dirs = setUp('invalid', gold, output);
      const { err, reporter } = capture();
      expect(await runEval(dirs, reporter)).toBe(1);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(pattern);
      expect(err[0]).not.toMatch(/\n|\s+at\s/);
    }
  });

  it('exits 1 when the gold folder does not exist', async () => {
    const { err, reporter } = capture();
    expect(await runEval({ goldDir: path.join(scratch, 'nowhere'), outputDir: scratch }, reporter)).toBe(1);
    expect(err[0]).toMatch(/cannot read the gold folder/);
  });
});

// ------------------------------------------------------------ regression gate

describe('regression gate: the pipeline scores at least what EVALUATION.md commits', async () => {
  // Converts input/ with the code under test (not output/, which may be stale).
  const pairs = await Promise.all(
    goldNames.map(async (name) => {
      const gold = loadGold(name);
      const inputUrl = new URL(gold.source, ROOT);
      const fileName = path.basename(gold.source);
      const overridesUrl = new URL(gold.source.replace(/\.[^.]+$/, '.pubcom.json'), ROOT);
      const overrides = existsSync(overridesUrl) ? Overrides.parse(JSON.parse(readFileSync(overridesUrl, 'utf8'))) : {};
      const { document } = await convertBytes(gold.notice, fileName, readFileSync(inputUrl), overrides);
      if (!document) throw new Error(`${gold.source} did not convert`);
      return { gold, output: PredictedDocument.parse(document) };
    }),
  );
  const result = evaluate(pairs);
  const reportUrl = new URL('EVALUATION.md', ROOT);
  const committed = parseSummaryTable(existsSync(reportUrl) ? readFileSync(reportUrl, 'utf8') : '');

  it('EVALUATION.md has a summary row for every field', () => {
    expect(FIELDS.filter((field) => !committed.has(field))).toEqual([]);
  });

  for (const field of FIELDS) {
    for (const mode of MODES) {
      it(`${field} F1 (${mode}) >= committed`, () => {
        const floor = committed.get(field)?.[mode];
        expect(floor, `EVALUATION.md has no ${field} row`).toBeDefined();
        const now = rounded(result.total[field][mode].f1);
        const lost = disagreements(result)
          .filter((entry) => entry.field === field && entry.modes.includes(mode))
          .map((entry) => `${entry.notice}: ${entry.type} ${entry.gold ?? ''} ${entry.output ?? ''}`);
        expect(now, `${field} ${mode} F1 ${now} < committed ${floor}\n${lost.join('\n')}`).toBeGreaterThanOrEqual(floor ?? Infinity);
      });
    }
  }
});
