/**
 * `pubcom diff`: the review report a pull request pastes. Built on the
 * committed notices of `output/` (deep copies, mutated the way a converter
 * change would), so the cases are real records and survive new fields.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runDiff } from '../src/review/diff-run.js';
import { codeSpan, compareNatural, diffNotices, inlineDiff, renderDiffReport, type DiffCounts } from '../src/review/diff.js';
import type { Comment, NoticeDocument, Opinion, Submitter } from '../src/schema/records.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputDir = path.join(root, 'output');
const BASE = 'soumu-cloud-security-guideline-2018';
const labels = { old: 'old', new: 'new' };

function readOutput(): Map<string, NoticeDocument> {
  const names = readdirSync(outputDir).filter((name) => name.endsWith('.json') && name !== 'pubcom-manifest.json').sort();
  return new Map(names.map((name) => [name.slice(0, -5), JSON.parse(readFileSync(path.join(outputDir, name), 'utf8')) as NoticeDocument]));
}

function copy(docs: Map<string, NoticeDocument>): Map<string, NoticeDocument> {
  return new Map([...docs].map(([id, doc]) => [id, structuredClone(doc)]));
}

function base(docs: Map<string, NoticeDocument>): NoticeDocument {
  const doc = docs.get(BASE);
  if (!doc) throw new Error(`output/${BASE}.json is missing`);
  return doc;
}

function find<T>(list: readonly T[], test: (item: T) => boolean, what: string): T {
  const hit = list.find(test);
  if (hit === undefined) throw new Error(`the base notice has no ${what}`);
  return hit;
}

function firstComment(opinion: Opinion): Comment {
  return find(opinion.comments, () => true, `comment in ${opinion.id}`);
}

/** Every key of every object in reverse order: the same values, other bytes. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
}

function counts(diff: ReturnType<typeof diffNotices>, expected: Partial<DiffCounts>): void {
  expect(Object.fromEntries(Object.keys(expected).map((key) => [key, diff.counts[key as keyof DiffCounts]]))).toEqual(expected);
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pubcom-diff-'));
  temporary.push(dir);
  return dir;
}

function capture(): { out: string[]; err: string[]; reporter: { out(line: string): void; err(line: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, reporter: { out: (line) => out.push(line), err: (line) => err.push(line) } };
}

describe('nothing changed', () => {
  it('says so in one line for identical inputs', () => {
    const docs = readOutput();
    const report = renderDiffReport(diffNotices(docs, copy(docs)), labels);
    expect(report.trimEnd().split('\n')).toHaveLength(1);
    expect(report).toMatch(/^No changes in meaning: `old` → `new` \(\d+ notices, \d+ opinions\)\.\n$/);
  });

  it('ignores key order, indentation, whitespace-only text edits and shifted line numbers', () => {
    const docs = readOutput();
    const reformatted = new Map([...docs].map(([id, doc]) => [id, JSON.parse(JSON.stringify(reverseKeys(doc), null, '\t')) as NoticeDocument]));
    const doc = base(reformatted);
    const opinion = find(doc.opinions, (o) => o.comments.length > 0 && o.response !== null, 'opinion with a response');
    const comment = firstComment(opinion);
    comment.text = `  ${comment.text.replace(/ /g, ' \n\u3000 ')}\t`;
    if (opinion.response) opinion.response.text = opinion.response.text.replace(/。/g, '。   ');
    for (const record of doc.opinions) record.source = { ...record.source, startLine: record.source.startLine + 3, endLine: record.source.endLine + 3 };
    for (const diagnostic of doc.diagnostics) if (diagnostic.line !== null) diagnostic.line += 3;
    const diff = diffNotices(docs, reformatted);
    expect(diff.notices).toEqual([]);
    expect(renderDiffReport(diff, labels)).toMatch(/^No changes in meaning/);
  });
});

describe('changes in meaning', () => {
  const old = readOutput();
  const changed = copy(old);
  const doc = base(changed);
  const flagged = find(doc.opinions, (o) => o.revised !== null, 'opinion with a revision flag');
  const other = find(doc.opinions, (o) => o !== flagged && o.outcome !== 'noted', 'second opinion');
  const withRef = find(doc.opinions, (o) => o.comments.some((c) => c.refs.length > 0), 'comment with a ref');
  const refComment = find(withRef.comments, (c) => c.refs.length > 0, 'comment with a ref');
  const lostRef = find(refComment.refs, () => true, 'ref');
  const removed = find(doc.opinions, (o) => ![flagged, other, withRef].includes(o), 'fourth opinion');
  const textOpinion = find(doc.opinions, (o) => ![flagged, other, withRef, removed].includes(o) && o.comments.length > 0, 'fifth opinion');
  const textComment = firstComment(textOpinion);
  const submitterComment = firstComment(flagged);
  const oldSubmitter = submitterComment.submitter;
  const oldOutcome = other.outcome;

  flagged.revised = !flagged.revised;
  flagged.revisedRaw = flagged.revised ? '有' : '無';
  other.outcome = 'noted';
  refComment.refs = refComment.refs.slice(1);
  doc.opinions = doc.opinions.filter((o) => o !== removed);
  doc.opinions.push({ ...structuredClone(textOpinion), id: 'op-999', key: '999', number: 999, label: '意見 999', summary: '新しく読めた意見。' });
  const oldText = textComment.text;
  textComment.text = `${oldText.slice(0, 20)}必ず${oldText.slice(20)}`;
  submitterComment.submitter = '株式会社テスト';
  doc.diagnostics.push({ severity: 'warning', code: 'missing-response', message: 'Missing response for op-999', line: 9999, column: 1 } as NoticeDocument['diagnostics'][number]);

  const diff = diffNotices(old, changed);
  const report = renderDiffReport(diff, labels);

  it('counts each change once', () => {
    counts(diff, {
      noticesChanged: 1, noticesAdded: 0, noticesRemoved: 0, opinionsAdded: 1, opinionsRemoved: 1, flagsFlipped: 1, outcomesChanged: 1,
      textsChanged: 1, submittersChanged: 1, refsGained: 0, refsLost: 1, diagnosticsAppeared: 1, diagnosticsDisappeared: 0,
    });
    expect(report).toContain('| notices changed | 1 |');
    expect(report).toContain('| opinions added | 1 |');
    expect(report).toContain('| opinions removed | 1 |');
    expect(report).toContain('| revised flags flipped | 1 |');
    expect(report).toContain('| outcomes changed | 1 |');
    expect(report).toContain('| texts changed | 1 |');
    expect(report).toContain('| comment submitters changed | 1 |');
    expect(report).toContain('| refs lost | 1 |');
    expect(report).toContain('| diagnostics appeared | 1 |');
  });

  it('lists them by notice and by opinion id', () => {
    expect(report).toContain(`### \`${BASE}\``);
    expect(report).toContain(`- **${flagged.id}**`);
    expect(report).toContain(`revised flag flipped: ${String(!flagged.revised)}`);
    expect(report).toContain(`  - outcome: ${oldOutcome} → noted`);
    expect(report).toMatch(new RegExp(`- \\*\\*${removed.id}\\*\\* .* removed \\(`));
    expect(report).toMatch(/- \*\*op-999\*\* `意見 999` added \(.*\): `新しく読めた意見。`/);
    expect(report).toContain(`  - comment ${submitterComment.id} submitter: ${oldSubmitter === null ? '(none)' : codeSpan(oldSubmitter)} → \`株式会社テスト\``);
    expect(report).toContain(`  - comment ${refComment.id} ref lost: ${lostRef.kind} \`${lostRef.canonical}\``);
    expect(report).toContain('- diagnostic appeared: warning `missing-response` at line 9999: `Missing response for op-999`');
  });

  it('shows a changed text as a short inline diff with context', () => {
    const entry = diff.notices[0]?.opinions.find((o) => o.id === textOpinion.id)?.changes[0];
    expect(entry?.type).toBe('text');
    const context = Array.from(oldText.slice(0, 20)).slice(-12).join('');
    expect(entry && 'inline' in entry ? entry.inline : '').toBe(`…${context}{+必ず+}${Array.from(oldText.slice(20)).slice(0, 12).join('')}…`);
    expect(report).toContain(`  - comment ${textComment.id} text: \`…${context}{+必ず+}`);
  });

  it('sorts notices by code units and opinions numerically, the same every run', () => {
    expect(renderDiffReport(diffNotices(old, changed), labels)).toBe(report);
    const ids = diff.notices[0]?.opinions.map((o) => o.id) ?? [];
    expect(ids).toEqual([...ids].sort(compareNatural));
    expect(['op-10', 'op-2', 'op-1-2', 'op-1-10'].sort(compareNatural)).toEqual(['op-1-2', 'op-1-10', 'op-2', 'op-10']);
  });
});

describe('other changes', () => {
  it('reports added and removed notices, comments, notice submitters and refs gained', () => {
    const old = readOutput();
    const changed = copy(old);
    const doc = base(changed);
    const opinion = find(doc.opinions, (o) => o.comments.length > 0, 'opinion');
    const comment = firstComment(opinion);
    opinion.comments.push({ ...structuredClone(comment), id: `${opinion.id}-c99`, submitter: null, text: '追加された意見。' });
    comment.refs.push({ ...structuredClone(find(doc.opinions.flatMap((o) => o.comments.flatMap((c) => c.refs)), () => true, 'ref')), kind: 'page', canonical: 'p.999', raw: 'p999', page: 999 } as Comment['refs'][number]);
    doc.notice.submitters.push({ id: 's-99', name: '新規提出者', kind: 'individual', representative: null, opinionCount: null, opinionCountRaw: null, received: null, receivedRaw: null, jointWith: [] });
    changed.set('zz-new', structuredClone(doc));
    const [first] = [...old.keys()].filter((id) => id !== BASE);
    if (first) changed.delete(first);
    const diff = diffNotices(old, changed);
    counts(diff, { noticesAdded: 1, noticesRemoved: first ? 1 : 0, commentsAdded: 1, refsGained: 1, noticeSubmittersAdded: 1 });
    const report = renderDiffReport(diff, labels);
    expect(report).toContain('### `zz-new` (added)');
    expect(report).toContain(`comment ${opinion.id}-c99 added ((none)): \`追加された意見。\``);
    expect(report).toContain(`comment ${comment.id} ref gained: page \`p.999\` (\`p999\`)`);
    expect(report).toContain('- submitter added: `新規提出者` (individual)');
  });

  it('shows a glossary entry read anew as a notice field change', () => {
    const old = readOutput();
    const changed = copy(old);
    base(changed).notice.glossary = [...base(changed).notice.glossary, { term: '金商法', meaning: '金融商品取引法', line: 9 }];
    const report = renderDiffReport(diffNotices(old, changed), labels);
    expect(report).toMatch(/- glossary: .* → .*金商法/);
  });

  it('shows a note read anew as a notice field change, and none for an output written before notes existed', () => {
    const old = readOutput();
    const changed = copy(old);
    base(changed).notice.notes = [...base(changed).notice.notes, { text: '※御意見は要約しています。', line: 90 }];
    expect(renderDiffReport(diffNotices(old, changed), labels)).toMatch(/- notes: .* → .*※御意見は要約しています。/);
    const emptied = copy(old);
    base(emptied).notice.notes = [];
    const older = copy(emptied);
    delete (base(older).notice as Partial<NoticeDocument['notice']>).notes;
    expect(diffNotices(older, emptied).notices).toEqual([]);
  });

  it('shows a count by type read anew as part of another, and no change for an output written before partOf existed', () => {
    const old = readOutput();
    const changed = copy(old);
    base(changed).notice.submitterBreakdown = [
      { label: '団体', count: 3, unit: '者', partOf: null },
      { label: '金融関係', count: 2, unit: '者', partOf: '団体' },
    ];
    expect(renderDiffReport(diffNotices(old, changed), labels)).toMatch(/- submitterBreakdown: .* → .*金融関係/);
    const older = copy(old);
    for (const { notice } of older.values()) for (const part of notice.submitterBreakdown) delete (part as Partial<typeof part>).partOf;
    expect([...older.values()].some(({ notice }) => notice.submitterBreakdown.length > 0)).toBe(true);
    expect(diffNotices(older, old).notices).toEqual([]);
  });

  it('shows what a notice says of its draft and its e-Gov case number, read anew, as notice field changes, and none for an output written before the field existed', () => {
    const old = readOutput();
    const changed = copy(old);
    base(changed).notice.draftChanges = { revised: true, changeCount: 4, changeCountRaw: '4箇所', annex: null, statements: [{ text: '修正箇所数 4箇所', line: 6 }] };
    base(changed).notice.caseNumber = '495230123';
    const report = renderDiffReport(diffNotices(old, changed), labels);
    expect(report).toMatch(/- draftChanges: `\(none\)` → .*修正箇所数 4箇所/);
    expect(report).toMatch(/- caseNumber: `\(none\)` → `495230123`/);
    const older = copy(old);
    delete (base(older).notice as Partial<NoticeDocument['notice']>).draftChanges;
    delete (base(older).notice as Partial<NoticeDocument['notice']>).caseNumber;
    delete (base(older).notice as Partial<NoticeDocument['notice']>).decided;
    delete (base(older).notice as Partial<NoticeDocument['notice']>).legalBasis;
    delete (base(older).notice as Partial<NoticeDocument['notice']>).unrelatedOpinionCount;
    expect(diffNotices(older, old).notices).toEqual([]);
  });

  it('shows a 件数 read anew as a field change of its opinion, and none for an output written before the field existed', () => {
    const old = readOutput();
    const changed = copy(old);
    const opinion = base(changed).opinions[0] as Opinion;
    Object.assign(opinion, { opinionCount: 3, opinionCountRaw: '3件' });
    const report = renderDiffReport(diffNotices(old, changed), labels);
    expect(report).toMatch(/opinionCount: `\(none\)` → `3`/);
    expect(report).toMatch(/opinionCountRaw: `\(none\)` → `3件`/);
    const older = copy(old);
    for (const each of base(older).opinions) delete (each as Partial<Opinion>).opinionCount;
    expect(diffNotices(older, old).notices).toEqual([]);
  });

  it('shows the opinions a notice counts read anew as a notice field change, and none for an output written before the field existed', () => {
    const old = readOutput();
    const changed = copy(old);
    base(changed).notice.opinionCount = 23;
    expect(renderDiffReport(diffNotices(old, changed), labels)).toContain('- opinionCount: `(none)` → `23`');
    const older = copy(old);
    for (const doc of older.values()) if (doc.notice.opinionCount === null) delete (doc.notice as Partial<NoticeDocument['notice']>).opinionCount;
    expect(diffNotices(older, old).notices).toEqual([]);
  });

  it("shows a submitter's representative, count, 受付日 and joint submitters read anew, and none for an output written before the fields existed", () => {
    const old = readOutput();
    const changed = copy(old);
    const [submitter, other] = base(changed).notice.submitters;
    if (!submitter || !other) throw new Error('expected two submitters');
    Object.assign(submitter, { representative: '山田太郎', opinionCount: 2, opinionCountRaw: '2件', received: '2018-06-20', receivedRaw: '6月20日', jointWith: [other.id] });
    const report = renderDiffReport(diffNotices(old, changed), labels);
    expect(report).toContain(`submitter ${submitter.name} representative: \`(none)\` → \`山田太郎\``);
    expect(report).toContain(`submitter ${submitter.name} opinionCount: \`(none)\` → \`2\``);
    expect(report).toContain(`submitter ${submitter.name} received: \`(none)\` → \`2018-06-20\``);
    expect(report).toContain(`submitter ${submitter.name} jointWith: \`(none)\` → \`${other.name}\``);
    const older = copy(old);
    for (const each of base(older).notice.submitters) delete (each as Partial<Submitter>).representative;
    for (const each of base(older).notice.submitters) delete (each as Partial<Submitter>).received;
    for (const each of base(older).notice.submitters) delete (each as Partial<Submitter>).jointWith;
    expect(diffNotices(older, old).notices).toEqual([]);
  });

  it('tolerates fields it does not know', () => {
    const old = readOutput();
    const changed = copy(old);
    const doc = base(changed) as NoticeDocument & { extra?: unknown };
    doc.extra = { anything: 1 };
    (doc.notice as Record<string, unknown>)['coverage2'] = { share: 0.5 };
    expect(diffNotices(old, changed).notices).toEqual([]);
  });

  it('keeps backticks in quoted text inside the code span', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(inlineDiff('同じ文です。', '同じ文でした。')).toBe('同じ文で[-す-]{+した+}。');
    expect(inlineDiff(null, 'new')).toBe('{+new+}');
  });
});

describe('runDiff', () => {
  function writeNotices(dir: string, docs: Map<string, NoticeDocument>, indent: number | string = 2): void {
    mkdirSync(dir, { recursive: true });
    for (const [id, doc] of docs) writeFileSync(path.join(dir, `${id}.json`), `${JSON.stringify(doc, null, indent)}\n`);
  }

  it('reads two folders, ignores reformatting, and notes files it skips', async () => {
    const dir = tempDir();
    const docs = readOutput();
    writeNotices(path.join(dir, 'a'), docs);
    writeNotices(path.join(dir, 'b'), new Map([...docs].map(([id, doc]) => [id, reverseKeys(doc) as NoticeDocument])), '\t');
    writeFileSync(path.join(dir, 'b', 'future.json'), '{"schemaVersion": 2}');
    writeFileSync(path.join(dir, 'b', 'broken.json'), '{');
    const { out, err, reporter } = capture();
    expect(await runDiff('a', 'b', reporter, { cwd: dir })).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^No changes in meaning: `a` → `b`/);
    expect(out).toContain('- b: skipped broken.json (not valid JSON)');
    expect(out).toContain('- b: skipped future.json (schemaVersion 2, not 1)');
  });

  it('exits 1 with a one-line message naming a side it cannot read', async () => {
    const dir = tempDir();
    writeNotices(path.join(dir, 'out'), new Map());
    const { out, err, reporter } = capture();
    expect(await runDiff('missing-folder', 'out', reporter, { cwd: dir })).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual(['pubcom diff: cannot read missing-folder: no such folder']);
  });

  describe('REV:DIR', () => {
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'pubcom test', GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'pubcom test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(tmpdir(), 'pubcom-diff-no-gitconfig'),
    };
    const repo = tempDir();
    const run = (...args: string[]): string => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env, encoding: 'utf8' });
    const docs = readOutput();
    const one = new Map([[BASE, base(docs)]]);
    const changed = copy(one);
    const opinion = find(base(changed).opinions, (o) => o.outcome !== 'unknown', 'opinion');
    opinion.outcome = 'unknown';
    run('init', '--quiet', '--initial-branch=main');
    writeNotices(path.join(repo, 'out'), one);
    writeFileSync(path.join(repo, 'out', 'notes.txt'), 'not a notice');
    run('add', '.');
    run('commit', '--quiet', '-m', 'first');
    writeNotices(path.join(repo, 'out'), changed, 4);
    run('commit', '--quiet', '-am', 'second');

    it('reads a folder at two revisions', async () => {
      const { out, err, reporter } = capture();
      expect(await runDiff('HEAD~1:out', 'main:out', reporter, { cwd: repo })).toBe(0);
      expect(err).toEqual([]);
      expect(out).toContain('## pubcom diff: `HEAD~1:out` → `main:out`');
      expect(out).toContain('| outcomes changed | 1 |');
      expect(out).toContain(`- **${opinion.id}** \`${opinion.label}\``);
    });

    it('compares a revision with the working tree, from a subfolder too', async () => {
      const { out, reporter } = capture();
      expect(await runDiff('main:out', 'out', reporter, { cwd: repo })).toBe(0);
      expect(out[0]).toMatch(/^No changes in meaning/);
      mkdirSync(path.join(repo, 'sub'), { recursive: true });
      const nested = capture();
      expect(await runDiff('HEAD~1:../out', '../out', nested.reporter, { cwd: path.join(repo, 'sub') })).toBe(0);
      expect(nested.err).toEqual([]);
      expect(nested.out).toContain('| outcomes changed | 1 |');
    });

    it('names an unknown revision or folder in one line', async () => {
      const { out, err, reporter } = capture();
      expect(await runDiff('nope:out', 'main:missing', reporter, { cwd: repo })).toBe(1);
      expect(out).toEqual([]);
      expect(err).toEqual(['pubcom diff: cannot read nope:out: unknown git revision nope (a shallow or single-branch clone? fetch it with: git fetch origin nope:nope)', 'pubcom diff: cannot read main:missing: no folder missing at main']);
      const relative = capture();
      expect(await runDiff('HEAD~99:out', 'out', relative.reporter, { cwd: repo })).toBe(1);
      expect(relative.err).toEqual(['pubcom diff: cannot read HEAD~99:out: unknown git revision HEAD~99']);
    });
  });
});
