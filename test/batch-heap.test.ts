/**
 * The heap of a batch's own thread, in a node process of its own: V8's flags
 * are the process's. What is measured is the size V8 gives the young
 * generation while a thread keeps what it allocates, as the list of a
 * batch's inputs and its manifest entries do (src/young-generation.ts), and
 * the full collection a batch runs once it is planned (src/collect-garbage.ts).
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const notices = readdirSync(path.join(root, 'input'));
const COPIES = 10;

const dist = (name: string): string => pathToFileURL(path.join(root, 'dist', name)).href;

afterAll(removeTemporaryDirs);

/** Runs `body` (an ES module's code, with `youngGeneration()` and `keep()` defined) in node from the repository's root, and parses what it prints. */
function probe(body: string, nodeOptions: readonly string[] = []): unknown {
  const preamble = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { runInNewContext } from 'node:vm';
    const youngGeneration = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    const kept = [];
    // About 40 MB that survive, as a batch's list of inputs does: enough to grow a young generation left to grow to its largest.
    const keep = () => { for (let i = 0; i < 1_000_000; i++) kept.push({ i, name: 'notice-' + i }); };
  `;
  const result = spawnSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', preamble + body], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe("the young generation of a batch's own thread", () => {
  it('stops growing while it is stopped, and grows again once let', () => {
    const sizes = probe(`
      const { stopYoungGenerationGrowth } = await import(${JSON.stringify(dist('young-generation.js'))});
      const start = youngGeneration();
      stopYoungGenerationGrowth(true);
      keep();
      const stopped = youngGeneration();
      stopYoungGenerationGrowth(false);
      keep();
      process.stdout.write(JSON.stringify({ start, stopped, let: youngGeneration() }));
    `) as { start: number; stopped: number; let: number };
    // Stopped, it still took one step here (1 to 2 MB); left to grow, it reaches 16 to 32 times its start.
    expect(sizes.stopped).toBeLessThanOrEqual(2 * sizes.start);
    expect(sizes.let).toBeGreaterThanOrEqual(8 * sizes.start);
  });

  it('grows again once a batch on workers has ended, for whatever the process does next', () => {
    const inputs = temporaryDir('pubcom-young-');
    // Enough notices for two workers to warm up (20 each), so that the growth is stopped midway.
    for (let copy = 0; copy < COPIES; copy++) {
      for (const name of notices) copyFileSync(path.join(root, 'input', name), path.join(inputs, `${copy}-${name}`));
    }
    const after = probe(`
      // Stopped from the start, so that loading pubcom's modules leaves the young generation small, as the CLI's is.
      (await import(${JSON.stringify(dist('young-generation.js'))})).stopYoungGenerationGrowth(true);
      const { run } = await import(${JSON.stringify(dist('index.js'))});
      const summary = await run({ paths: [${JSON.stringify(inputs)}], outDir: ${JSON.stringify(temporaryDir('pubcom-young-out-'))}, formats: ['json'], bom: false, check: false, verbose: false, jobs: 2 }, { out() {}, err() {} });
      const start = youngGeneration();
      keep();
      process.stdout.write(JSON.stringify({ converted: summary.converted, start, grown: youngGeneration() }));
    `) as { converted: number; start: number; grown: number };
    expect(after.converted).toBe(COPIES * notices.length);
    expect(after.grown).toBeGreaterThanOrEqual(4 * after.start);
  });
});

describe("a full collection of a batch's own thread", () => {
  /** How many full collections V8 ran during a call of collectGarbage(), and whether a context made afterwards has `gc`. */
  const collected = (nodeOptions: readonly string[]): { full: number; gc: string } =>
    probe(
      `
      const { constants, performance, PerformanceObserver } = await import('node:perf_hooks');
      const { collectGarbage } = await import(${JSON.stringify(dist('collect-garbage.js'))});
      const starts = [];
      const observer = new PerformanceObserver((list) => starts.push(...list.getEntries().filter((entry) => entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR).map((entry) => entry.startTime)));
      observer.observe({ entryTypes: ['gc'] });
      const from = performance.now();
      collectGarbage();
      const to = performance.now();
      // The observer is told of a collection after the fact.
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
      process.stdout.write(JSON.stringify({ full: starts.filter((start) => start >= from && start <= to).length, gc: runInNewContext('typeof gc') }));
    `,
      nodeOptions,
    ) as { full: number; gc: string };

  it('runs one at once, and leaves --expose-gc off, as node started', () => {
    expect(collected([])).toEqual({ full: 1, gc: 'undefined' });
  });

  it('where node was started with --expose-gc, runs one with its gc and leaves the flag on', () => {
    expect(collected(['--expose-gc'])).toEqual({ full: 1, gc: 'function' });
  });
});
