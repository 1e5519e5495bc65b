import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';
import { outputNames } from '../src/emit/index.js';
import { writeAtomically } from '../src/files.js';
import { sha256, sha256OfFile } from '../src/hash.js';
import { heldEntry, MANIFEST_FILE, manifestParts, readHeldManifest, type ManifestEntry, type WrittenBy } from '../src/manifest.js';

afterAll(removeTemporaryDirs);

const head = { pubcom: '0.1.0', build: 'b'.repeat(64), settings: 'formats=csv,json,jsonld;bom=false' };
const standard = (id: string): string[] => outputNames(id, ['json', 'jsonld', 'csv']);
const entry = (id: string): ManifestEntry => ({ file: `${id}.txt`, sha256: 'a'.repeat(64), overridesSha256: null, outputs: standard(id) });

describe('manifest text', () => {
  it('is JSON.stringify of the manifest, entries sorted by code units, whether written whole or in parts', () => {
    const ids = ['ガイドライン', 'b-notice', 'A-notice', 'é', '"quoted"\\id'];
    const notices = new Map(ids.map((id) => [id, entry(id)]));
    notices.set('custom', { ...entry('custom'), outputs: ['custom.json'] });
    const text = [...manifestParts(head, notices, standard)].join('');
    const sorted = Object.fromEntries([...notices].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(text).toBe(JSON.stringify({ ...head, notices: sorted }, undefined, 2) + '\n');
    expect(Object.keys(JSON.parse(text).notices)).toEqual(['"quoted"\\id', 'A-notice', 'b-notice', 'custom', 'é', 'ガイドライン']);
  });

  it('names the standard outputs an entry holds as null only as it is written', () => {
    const held = heldEntry(entry('kekka'), standard('kekka'));
    expect(held.outputs).toBeNull();
    const text = [...manifestParts(head, new Map([['kekka', held]]), standard)].join('');
    expect(JSON.parse(text).notices.kekka.outputs).toEqual(['kekka.json', 'kekka.jsonld', 'kekka.opinions.csv', 'kekka.comments.csv', 'kekka.refs.csv']);
    // Outputs of other formats, or in another order, are held as they are.
    for (const outputs of [['kekka.json'], [...standard('kekka')].reverse()]) expect(heldEntry({ ...entry('kekka'), outputs }, standard('kekka')).outputs).toEqual(outputs);
  });

  it('is JSON.stringify of a manifest without notices too', () => {
    expect([...manifestParts(head, new Map(), standard)].join('')).toBe(JSON.stringify({ ...head, notices: {} }, undefined, 2) + '\n');
  });
});

describe('a manifest read back', () => {
  it('holds its entries, or with `only` none where another build or other settings wrote it', () => {
    const out = temporaryDir('pubcom-manifest-');
    writeFileSync(path.join(out, MANIFEST_FILE), [...manifestParts(head, new Map([['kekka', entry('kekka')]]), standard)].join(''));
    const read = (only: WrittenBy | null) => readHeldManifest(out, ['json', 'jsonld', 'csv'], only);
    const kekka = { file: 'kekka.txt', sha256: 'a'.repeat(64), overridesSha256: null, outputs: null };
    expect(read(null)).toMatchObject({ head, warning: null });
    expect([...read(null).notices]).toEqual([['kekka', kekka]]);
    expect([...read({ build: head.build, settings: head.settings }).notices]).toEqual([['kekka', kekka]]);
    for (const only of [{ build: 'c'.repeat(64), settings: head.settings }, { build: head.build, settings: 'formats=json;bom=false' }]) {
      const other = read(only);
      expect(other.head, 'the head still tells what wrote it').toEqual(head);
      expect(other.notices.size).toBe(0);
    }
  });
});

describe('a text written in parts', () => {
  it('is written whole, however many parts and however long, and no temporary file is left', () => {
    const folder = temporaryDir('pubcom-parts-');
    const parts = Array.from({ length: 5000 }, (_, index) => `意見${index}: ${'あ'.repeat(index % 97)}\n`);
    expect(parts.join('').length, 'several writes of 64 K characters').toBeGreaterThan(3 * (1 << 16));
    const target = path.join(folder, 'pubcom-manifest.json');
    writeAtomically(target, parts.values());
    expect(readFileSync(target, 'utf8')).toBe(parts.join(''));
    expect(readdirSync(folder)).toEqual(['pubcom-manifest.json']);
  });
});

describe('the hash of an input a re-run checks', () => {
  it('is that of its bytes, read in pieces; none, without waiting, for a FIFO or a missing file', () => {
    const folder = temporaryDir('pubcom-hash-');
    const notice = path.join(folder, 'notice.txt');
    const bytes = Buffer.from('意見1\t'.repeat(40_000));
    writeFileSync(notice, bytes);
    expect(sha256OfFile(notice)).toBe(sha256(bytes));
    const fifo = path.join(folder, 'fifo.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(sha256OfFile(fifo)).toBeNull();
    expect(sha256OfFile(path.join(folder, 'missing.txt'))).toBeNull();
  });
});
