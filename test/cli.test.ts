/** The command line as a user runs it: `node dist/cli.js` (built by `npm test` before vitest runs). */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';
import { HELP } from '../src/help.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'cli.js');
const realNotice = path.join(root, 'input', 'soumu-cloud-security-guideline-2018.txt');

function pubcom(args: string[], env: Record<string, string> = {}, cwd = root): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(removeTemporaryDirs);

const contents = (dir: string): Map<string, string> => new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));

function tempDir(): string {
  return temporaryDir('pubcom-test-');
}

describe('usage', () => {
  it('prints its help, which the README shows verbatim', () => {
    const { status, stdout } = pubcom(['--help']);
    expect(status).toBe(0);
    expect(stdout).toBe(`${HELP}\n`);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(HELP);
  });

  it('runs as the package bin: dist/cli.js is executable with its shebang', () => {
    const result = spawnSync(cli, ['--version'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it.each([[[]], [['convert', 'input']], [['convert', '--out', 'x']], [['frobnicate', 'input', '--out', 'x']], [['convert', 'input', '--out', 'x', '--format', 'xml']], [['convert', 'input', '--out', 'x', '--nope']], [['convert', 'input', '--out', '']], [['view', 'x', '--out', '']], [['convert', 'input', '--out', 'package.json']]])(
    'exits 2 on the usage error %j',
    (args) => {
      const { status, stderr } = pubcom(args);
      expect(status).toBe(2);
      expect(stderr).toMatch(/^pubcom: /);
      expect(stderr).not.toMatch(/\n\s+at /);
      // The mistake, then the usage lines and where the options are: short enough that the mistake stays on the screen.
      expect(stderr).toMatch(/\n\nUsage: pubcom convert PATH\.\.\. --out DIR \[options\]\n(?: {7}pubcom .*\n){3}Run pubcom --help for the options\.\n$/);
      expect(stderr.split('\n').length).toBeLessThan(12);
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
      'good.comments.csv', 'good.json', 'good.jsonld', 'good.notice.csv', 'good.opinions.csv', 'good.refs.csv', 'good.submitters.csv', 'pubcom-manifest.json',
    ]);
    const good = JSON.parse(readFileSync(path.join(out, 'good.json'), 'utf8')) as { opinions: unknown[] };
    expect(good.opinions).toHaveLength(20);
  });

  it('names the documents of a folder it does not read (PDF, Word), and refuses a PDF given by name with what it is', () => {
    const inputs = tempDir();
    const out = path.join(tempDir(), 'out');
    copyFileSync(realNotice, path.join(inputs, 'good.txt'));
    writeFileSync(path.join(inputs, 'notice.pdf'), '%PDF-1.7\n');
    writeFileSync(path.join(inputs, 'annex.docx'), Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    writeFileSync(path.join(inputs, 'data.json'), '{}');
    const batch = pubcom(['convert', inputs, '--out', out, '--quiet']);
    expect(batch.status).toBe(0);
    expect(batch.stderr).toContain(`pubcom: not read: 2 document(s) in the folders given (${path.join(inputs, 'annex.docx')}, ${path.join(inputs, 'notice.pdf')})`);
    expect(batch.stderr).not.toContain('data.json');
    const single = pubcom(['convert', path.join(inputs, 'notice.pdf'), '--out', out, '--quiet']);
    expect(single.status).toBe(1);
    expect(single.stderr).toContain(`${path.join(inputs, 'notice.pdf')}:1:1: error: Unexpected PDF file, expected the text a converter leaves of it`);
  });

  it('reads a folder\'s TAB exports saved as .tsv and CSV exports (.csv) too', () => {
    const inputs = tempDir();
    const out = path.join(tempDir(), 'out');
    copyFileSync(realNotice, path.join(inputs, 'rows.tsv'));
    writeFileSync(path.join(inputs, 'sheet.csv'), 'テスト規則案に対する意見募集の結果,,\r\n番号,御意見の概要,御意見に対する考え方\r\n1,"延期すべき。\r\n理由は「A, B」です。",原案のとおりとします。\r\n');
    const batch = pubcom(['convert', inputs, '--out', out, '--quiet']);
    expect(batch.status).toBe(0);
    expect(readdirSync(out).filter((name) => name.endsWith('.json') && name !== 'pubcom-manifest.json').sort()).toEqual(['rows.json', 'sheet.json']);
    const sheet = JSON.parse(readFileSync(path.join(out, 'sheet.json'), 'utf8')) as { notice: { title: string }; opinions: { comments: { text: string }[] }[] };
    expect(sheet.notice.title).toBe('テスト規則案に対する意見募集の結果');
    expect(sheet.opinions[0]?.comments[0]?.text).toBe('延期すべき。\n理由は「A, B」です。');
    expect((JSON.parse(readFileSync(path.join(out, 'rows.json'), 'utf8')) as { opinions: unknown[] }).opinions).toHaveLength(20);
  });

  it('writes only the formats asked for, and a BOM with --bom', () => {
    const out = tempDir();
    expect(pubcom(['convert', realNotice, '--out', out, '--format', 'csv', '--bom']).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'pubcom-manifest.json',
      'soumu-cloud-security-guideline-2018.comments.csv',
      'soumu-cloud-security-guideline-2018.notice.csv',
      'soumu-cloud-security-guideline-2018.opinions.csv',
      'soumu-cloud-security-guideline-2018.refs.csv',
      'soumu-cloud-security-guideline-2018.submitters.csv',
    ]);
    const csv = readFileSync(path.join(out, 'soumu-cloud-security-guideline-2018.opinions.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('converts on its workers under node options of V8 and of the process (node --max-old-space-size=… pubcom), to the same bytes', () => {
    const plain = tempDir();
    expect(pubcom(['convert', 'input', '--out', plain, '--quiet', '--jobs', '2']).status).toBe(0);
    for (const option of ['--max-old-space-size=2048', '--stack-size=2000', '--title=pubcom']) {
      const out = tempDir();
      const result = spawnSync(process.execPath, [option, cli, 'convert', 'input', '--out', out, '--quiet', '--jobs', '2'], { cwd: root, encoding: 'utf8' });
      expect(result.stderr, option).toBe('');
      expect(result.status, option).toBe(0);
      expect(contents(out), option).toEqual(contents(plain));
    }
  });

  it('profiles each of its threads under node --cpu-prof', () => {
    const profiles = tempDir();
    const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profiles, cli, 'convert', 'input', '--out', tempDir(), '--quiet', '--jobs', '2'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    // The main thread and its two workers.
    expect(readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile'))).toHaveLength(3);
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

describe('the built bundle and its code cache', () => {
  it('loads dist/pubcom.cjs with the code cache the build made, which V8 accepts', () => {
    const probe = "import('./dist/load-bundle.js').then(({ loadBundle }) => process.stdout.write(String(loadBundle().script.cachedDataRejected)))";
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('false');
  });

  it('converts to the same bytes, manifest included, without the code cache or with one V8 rejects', () => {
    const withCache = tempDir();
    expect(pubcom(['convert', path.join(root, 'input'), '--out', withCache, '--quiet']).status).toBe(0);
    const build = tempDir();
    for (const folder of ['dist', 'schemas']) cpSync(path.join(root, folder), path.join(build, folder), { recursive: true });
    copyFileSync(path.join(root, 'package.json'), path.join(build, 'package.json'));
    symlinkSync(path.join(root, 'node_modules'), path.join(build, 'node_modules'));
    const cache = path.join(build, 'dist', 'pubcom.cjs.cache');
    for (const state of ['missing', 'foreign']) {
      if (state === 'missing') rmSync(cache);
      else writeFileSync(cache, 'not a V8 code cache');
      const out = tempDir();
      const result = spawnSync(process.execPath, [path.join(build, 'dist', 'cli.js'), 'convert', path.join(root, 'input'), '--out', out, '--jobs', '2', '--quiet'], { encoding: 'utf8' });
      expect(result.stderr, state).toBe('');
      expect(result.status, state).toBe(0);
      expect(contents(out), state).toEqual(contents(withCache));
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
  it('documents every diagnostic rule as the catalogues do: id, severity and note, in their order', async () => {
    const { BATCH_RULES, RULES } = await import('../src/diagnostics.js');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const expected = Object.entries({ ...RULES, ...BATCH_RULES }).map(([rule, { severity, note }]) => `| \`${rule}\` | ${severity} | ${note.replace(/\|/g, '\\|')} |`);
    const documented = readme.split('\n').filter((line) => expected.some((row) => line.startsWith(row.slice(0, row.indexOf(' |') + 2))));
    expect(documented).toEqual(expected);
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
    expect(readdirSync(out).filter((name) => name.startsWith('b.'))).toHaveLength(7);
  });
});

describe('hostile files and batches', () => {
  it('converts file names with spaces, Japanese, # and a leading dash', () => {
    const inputs = tempDir();
    const out = tempDir();
    const names = ['with space.txt', '意見募集の結果.txt', 'no#1.txt', '-dash.txt'];
    for (const name of names) copyFileSync(realNotice, path.join(inputs, name));
    const { status, stderr } = pubcom(['convert', '--out', out, '--', ...names.map((name) => path.join(inputs, name))]);
    expect(stderr).toMatch(/files converted +4\n/);
    expect(status).toBe(0);
    for (const name of names) {
      const id = name.replace(/\.txt$/, '');
      const json = JSON.parse(readFileSync(path.join(out, `${id}.json`), 'utf8')) as { notice: { id: string; source: { file: string } } };
      expect(json.notice).toMatchObject({ id, source: { file: name } });
    }
  });

  it('names the outputs and ids of a file named in decomposed Unicode (as macOS does) as those of its composed name', () => {
    const composed = 'ガイドライン';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const inputs = tempDir();
    copyFileSync(realNotice, path.join(inputs, `${decomposed}.txt`));
    const out = tempDir();
    expect(pubcom(['convert', inputs, '--out', out]).status).toBe(0);
    expect(readdirSync(out)).toContain(`${composed}.json`);
    const json = JSON.parse(readFileSync(path.join(out, `${composed}.json`), 'utf8')) as { notice: { id: string; source: { file: string } } };
    expect(json.notice).toMatchObject({ id: composed, source: { file: `${decomposed}.txt` } });
    expect(readFileSync(path.join(out, `${composed}.jsonld`), 'utf8')).toContain(`"@id": "urn:pubcom:${composed}"`);

    // The same name spelt both ways is one output name: the second is refused, not written over the first.
    copyFileSync(realNotice, path.join(inputs, `${composed}.txt`));
    const both = pubcom(['convert', inputs, '--out', tempDir()]);
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/ガイドライン\.txt:1:1: error: Unexpected second input named ガイドライン, expected one input per output name \(first: .*\): convert its folder into another --out folder, or rename it \[duplicate-name\]\n/);
  });

  it('refuses a second input whose name differs only in case, one output file on macOS and Windows, on every machine', () => {
    const inputs = tempDir();
    copyFileSync(realNotice, path.join(inputs, 'Kekka.txt'));
    copyFileSync(realNotice, path.join(inputs, 'kekka.txt'));
    const { status, stderr } = pubcom(['convert', inputs, '--out', tempDir()]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${path.join(inputs, 'kekka.txt')}:1:1: error: Unexpected second input named kekka, expected one input per output name (first: ${path.join(inputs, 'Kekka.txt')})`);
  });

  it('refuses a notice named pubcom-manifest, whose JSON would be the output folder\'s manifest, and converts the rest', () => {
    const inputs = tempDir();
    copyFileSync(realNotice, path.join(inputs, 'Pubcom-Manifest.txt'));
    copyFileSync(realNotice, path.join(inputs, 'kekka.txt'));
    const out = tempDir();
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${path.join(inputs, 'Pubcom-Manifest.txt')}:1:1: error: Unexpected input named Pubcom-Manifest, expected a name other than the output folder's pubcom-manifest.json: rename it [duplicate-name]`);
    expect(readdirSync(out).filter((name) => /manifest/i.test(name))).toEqual(['pubcom-manifest.json']);
    expect(Object.keys(JSON.parse(readFileSync(path.join(out, 'pubcom-manifest.json'), 'utf8')).notices)).toEqual(['kekka']);
  });

  it('reports an unreadable file and an unwritable output folder, converting the rest', () => {
    const inputs = tempDir();
    copyFileSync(realNotice, path.join(inputs, 'good.txt'));
    symlinkSync(path.join(inputs, 'nowhere.txt'), path.join(inputs, 'broken.txt'));
    const out = tempDir();
    const unreadable = pubcom(['convert', inputs, '--out', out]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain(`${path.join(inputs, 'broken.txt')}:1:1: error: Unexpected unreadable file (ENOENT), expected a readable notice [read-failed]`);
    expect(readdirSync(out)).toContain('good.json');

    const notAFolder = path.join(tempDir(), 'file');
    writeFileSync(notAFolder, 'x');
    // A folder under a file cannot be made (an --out that is a file is a usage error, tested above).
    const unwritable = pubcom(['convert', path.join(inputs, 'good.txt'), '--out', path.join(notAFolder, 'out')]);
    expect(unwritable.status).toBe(1);
    expect(unwritable.stderr).toMatch(/good\.txt:1:1: error: Unexpected failure writing to .* \((EEXIST|ENOTDIR)\), expected a writable output folder \[write-failed\]/);
    expect(unwritable.stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves the previous outputs of a notice as they were when one of its new outputs cannot be written', () => {
    // 230 bytes: the temporary names of NAME.json (253 bytes) and NAME.jsonld fit the usual limit of 255, those of the CSV files do not.
    const name = `${'あ'.repeat(76)}ab`;
    const inputs = tempDir();
    copyFileSync(realNotice, path.join(inputs, `${name}.txt`));
    const out = tempDir();
    writeFileSync(path.join(out, `${name}.json`), 'the previous run\n');
    const { status, stderr } = pubcom(['convert', inputs, '--out', out]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${name}.txt:1:1: error: Unexpected failure writing to ${out} (ENAMETOOLONG), expected a shorter input file name: the longest output's temporary name is 263 bytes, and most file systems allow 255 [write-failed]`);
    expect(readFileSync(path.join(out, `${name}.json`), 'utf8')).toBe('the previous run\n');
    expect(readdirSync(out)).toEqual([`${name}.json`]);
  });

  it('gives the same bytes whatever the input order, time zone, locale and working directory', () => {
    const inputs = tempDir();
    for (const name of readdirSync(path.join(root, 'input'))) copyFileSync(path.join(root, 'input', name), path.join(inputs, name));
    const files = readdirSync(inputs).filter((name) => !name.endsWith('.json')).map((name) => path.join(inputs, name));
    const first = tempDir();
    const second = tempDir();
    expect(pubcom(['convert', ...files, '--out', first], { TZ: 'Asia/Tokyo', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' }).status).toBe(0);
    expect(pubcom(['convert', ...[...files].reverse(), '--out', second], { TZ: 'Pacific/Kiritimati', LANG: 'C', LC_ALL: 'C' }, tmpdir()).status).toBe(0);
    const names = readdirSync(first).sort();
    expect(readdirSync(second).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(path.join(second, name)).equals(readFileSync(path.join(first, name))), name).toBe(true);
  });

  it('leaves every output complete, old or new, when killed, and no temporary file after the next run', async () => {
    const inputs = tempDir();
    for (let n = 0; n < 80; n++) copyFileSync(realNotice, path.join(inputs, `n${String(n).padStart(2, '0')}.txt`));
    const out = tempDir();
    expect(pubcom(['convert', inputs, '--out', out]).status).toBe(0);
    const before = new Map(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]));
    writeFileSync(path.join(inputs, 'n00.txt'), readFileSync(realNotice, 'utf8').replace('意見1 ', '意見1 (改) '));
    for (const signal of ['SIGINT', 'SIGKILL'] as const) {
      // --force: every notice is written again, so the kill falls among writes (the same bytes, but for n00).
      const child = spawn(process.execPath, [cli, 'convert', inputs, '--out', out, '--force'], { cwd: root, stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 250));
      child.kill(signal);
      await new Promise((resolve) => child.on('exit', resolve));
      for (const name of readdirSync(out).filter((file) => !file.endsWith('.tmp'))) {
        const content = readFileSync(path.join(out, name));
        if (name.endsWith('.json') || name.endsWith('.jsonld')) expect(() => JSON.parse(content.toString('utf8')), name).not.toThrow();
        // n00's outputs and the manifest may be old or new; every other output is the same either way.
        if (!name.startsWith('n00.') && name !== 'pubcom-manifest.json') expect(content.equals(before.get(name) ?? Buffer.alloc(0)), name).toBe(true);
      }
    }
    expect(pubcom(['convert', inputs, '--out', out]).status).toBe(0);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
