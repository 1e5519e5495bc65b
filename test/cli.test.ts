/** The command line as a user runs it: `node dist/cli.js` (built by `npm test` before vitest runs). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELP } from '../src/help.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'cli.js');
const realNotice = path.join(root, 'input', 'soumu-cloud-security-guideline-2018.txt');

function pubcom(args: string[], env: Record<string, string> = {}, cwd = root): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'pubcom-test-'));
}

describe('usage', () => {
  it('prints its help, which the README shows verbatim', () => {
    const { status, stdout } = pubcom(['--help']);
    expect(status).toBe(0);
    expect(stdout).toBe(`${HELP}\n`);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(HELP);
  });

  it.each([[[]], [['convert', 'input']], [['convert', '--out', 'x']], [['frobnicate', 'input', '--out', 'x']], [['convert', 'input', '--out', 'x', '--format', 'xml']], [['convert', 'input', '--out', 'x', '--nope']]])(
    'exits 2 on the usage error %j',
    (args) => {
      const { status, stderr } = pubcom(args);
      expect(status).toBe(2);
      expect(stderr).toMatch(/^pubcom: /);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );
});

describe('convert', () => {
  it('converts the good files of a batch, reports the bad ones and exits 1', () => {
    const inputs = tempDir();
    const out = path.join(tempDir(), 'out');
    copyFileSync(realNotice, path.join(inputs, 'good.txt'));
    writeFileSync(path.join(inputs, 'empty.txt'), '');
    writeFileSync(path.join(inputs, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${path.join(inputs, 'image.txt')}:1:1: error: Unexpected bytes that are not text`);
    expect(stderr).toMatch(/empty\.txt:1:1: error: .*\[no-opinion-table\]/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out).sort()).toEqual([
      'good.comments.csv', 'good.json', 'good.jsonld', 'good.opinions.csv', 'good.refs.csv',
    ]);
    const good = JSON.parse(readFileSync(path.join(out, 'good.json'), 'utf8')) as { opinions: unknown[] };
    expect(good.opinions).toHaveLength(20);
  });

  it('writes only the formats asked for, and a BOM with --bom', () => {
    const out = tempDir();
    expect(pubcom(['convert', realNotice, '--out', out, '--format', 'csv', '--bom']).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'soumu-cloud-security-guideline-2018.comments.csv',
      'soumu-cloud-security-guideline-2018.opinions.csv',
      'soumu-cloud-security-guideline-2018.refs.csv',
    ]);
    const csv = readFileSync(path.join(out, 'soumu-cloud-security-guideline-2018.opinions.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('gives the same bytes whatever the time zone, locale and working directory', () => {
    const first = tempDir();
    const second = tempDir();
    expect(pubcom(['convert', realNotice, '--out', first], { TZ: 'Asia/Tokyo', LANG: 'ja_JP.UTF-8' }).status).toBe(0);
    expect(pubcom(['convert', realNotice, '--out', second], { TZ: 'America/Los_Angeles', LANG: 'C' }, tmpdir()).status).toBe(0);
    for (const name of readdirSync(first)) {
      expect(readFileSync(path.join(second, name)).equals(readFileSync(path.join(first, name)))).toBe(true);
    }
  });
});

describe('--check', () => {
  it('finds the committed output/ up to date with the code', () => {
    const { status, stdout } = pubcom(['convert', 'input', '--out', 'output', '--check']);
    expect(stdout).toBe('');
    expect(status).toBe(0);
  });

  it('writes nothing, lists the outputs that differ and exits 1', () => {
    const out = tempDir();
    const inputs = tempDir();
    copyFileSync(realNotice, path.join(inputs, 'a.txt'));
    expect(pubcom(['convert', inputs, '--check', '--out', out]).status).toBe(1);
    expect(readdirSync(out)).toEqual([]);
    expect(pubcom(['convert', inputs, '--out', out]).status).toBe(0);
    expect(pubcom(['convert', inputs, '--check', '--out', out]).status).toBe(0);
    writeFileSync(path.join(out, 'a.refs.csv'), 'stale\n');
    mkdirSync(path.join(out, 'sub'));
    writeFileSync(path.join(out, 'removed.json'), '{}\n');
    const { status, stdout } = pubcom(['convert', inputs, '--check', '--out', out]);
    expect(status).toBe(1);
    expect(stdout).toBe(`differs: ${path.join(out, 'a.refs.csv')}\ndiffers: ${path.join(out, 'removed.json')}\n`);
  });
});

describe('README', () => {
  it('documents every diagnostic rule id', async () => {
    const { RULES } = await import('../src/diagnostics.js');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const rule of Object.keys(RULES)) expect(readme).toContain(`| \`${rule}\` |`);
  });
});

describe('overrides file', () => {
  it('refuses an invalid NAME.pubcom.json with a diagnostic, converting the rest of the batch', () => {
    const inputs = tempDir();
    const out = tempDir();
    copyFileSync(realNotice, path.join(inputs, 'a.txt'));
    copyFileSync(realNotice, path.join(inputs, 'b.txt'));
    writeFileSync(path.join(inputs, 'a.pubcom.json'), '{"respondant": "総務省"}');
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${path.join(inputs, 'a.txt')}:1:1: error: Unexpected a.pubcom.json field`);
    expect(stderr).toContain('[overrides-invalid]');
    expect(readdirSync(out).filter((name) => name.startsWith('a.'))).toEqual([]);
    expect(readdirSync(out).filter((name) => name.startsWith('b.'))).toHaveLength(5);
  });
});
