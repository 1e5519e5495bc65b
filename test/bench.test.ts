/**
 * `npm run bench` is the only measure of speed, so it must keep working: a
 * smoke run (`--quick`, small sets) checks that it converts every generated
 * notice with the real CLI and prints its tables, and leaves BENCHMARKS.md
 * alone. Nothing here is timed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchmarks = path.join(root, 'BENCHMARKS.md');

describe('npm run bench --quick', () => {
  it('converts every generated notice, prints the result and goal tables, and writes nothing', () => {
    const before = readFileSync(benchmarks);
    const run = spawnSync(process.execPath, [path.join(root, 'dist', 'bench', 'run.js'), '--quick', '--no-profile'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    for (const set of ['seed', 'mixed']) {
      const row = lines.find((line) => line.startsWith(`| ${set} | `) && line.includes('×'));
      expect(row, `${set} row of the results table`).toBeDefined();
    }
    const whole = lines.find((line) => line.startsWith('| Whole pipeline, all three formats written'));
    expect(whole).toMatch(/seed: (\d+)\/\1 complete, exit 0; mixed: (\d+)\/\2 complete, exit 0 \| PASS \|$/);
    expect(lines.some((line) => line.startsWith('| Seed layout: pubcom at most 4× the floor'))).toBe(true);
    expect(lines.some((line) => line.startsWith('| One notice end to end under 300 ms wall'))).toBe(true);
    expect(run.stderr).toContain('BENCHMARKS.md not written');
    expect(readFileSync(benchmarks).equals(before)).toBe(true);
  }, 150_000);
});
