/** How an output is written (src/files.ts): whole or not at all, and not at all when the file holds its text already. */
import { lstatSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAllAtomically } from '../src/files.js';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';

afterAll(removeTemporaryDirs);

const OLD = new Date('2000-01-01T00:00:00Z');

describe('writeAllAtomically', () => {
  it('leaves a file that holds its text already as it is, and replaces one that differs by a byte', () => {
    const dir = temporaryDir('pubcom-files-');
    const [same, other] = [path.join(dir, 'same.json'), path.join(dir, 'other.json')];
    writeFileSync(same, '{"意見": 1}\n');
    writeFileSync(other, '{"意見": 2}\n');
    for (const file of [same, other]) utimesSync(file, OLD, OLD);

    writeAllAtomically([
      [same, () => '{"意見": 1}\n'],
      [other, () => '{"意見": 3}\n'],
    ]);
    expect(statSync(same).mtimeMs).toBe(OLD.getTime());
    expect(statSync(other).mtimeMs).not.toBe(OLD.getTime());
    expect(readFileSync(other, 'utf8')).toBe('{"意見": 3}\n');
    expect(readdirSync(dir).sort()).toEqual(['other.json', 'same.json']);
  });

  it('replaces a link in place of an output by the file, even where what it links to holds the same text', () => {
    const dir = temporaryDir('pubcom-files-');
    const elsewhere = path.join(dir, 'elsewhere.json');
    writeFileSync(elsewhere, '{}\n');
    const output = path.join(dir, 'notice.json');
    symlinkSync(elsewhere, output);

    writeAllAtomically([[output, () => '{}\n']]);
    expect(lstatSync(output).isFile()).toBe(true);
    expect(readFileSync(output, 'utf8')).toBe('{}\n');
  });
});
