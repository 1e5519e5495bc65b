import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTemporaryDirs, temporaryDir } from './helpers.js';
import { outputNames } from '../src/emit/index.js';
import { writeAtomically } from '../src/files.js';
import { sha256, sha256OfFile } from '../src/hash.js';
import { heldEntry, MANIFEST_FILE, manifestParts, mergedEntries, NotStreamable, readHeldManifest, sortedEntries, streamedEntries, type HeldEntry, type ManifestEntry, type WrittenBy } from '../src/manifest.js';

afterAll(removeTemporaryDirs);

const head = { pubcom: '0.1.0', build: 'b'.repeat(64), settings: 'formats=csv,json,jsonld;bom=false' };
const standard = (id: string): string[] => outputNames(id, ['json', 'jsonld', 'csv']);
const entry = (id: string): ManifestEntry => ({ file: `${id}.txt`, sha256: 'a'.repeat(64), overridesSha256: null, outputs: standard(id) });

describe('manifest text', () => {
  it('is JSON.stringify of the manifest, entries sorted by code units, whether written whole or in parts', () => {
    const ids = ['ガイドライン', 'b-notice', 'A-notice', 'é', '"quoted"\\id'];
    const notices = new Map(ids.map((id) => [id, entry(id)]));
    notices.set('custom', { ...entry('custom'), outputs: ['custom.json'] });
    const text = [...manifestParts(head, sortedEntries(notices), standard)].join('');
    const sorted = Object.fromEntries([...notices].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(text).toBe(JSON.stringify({ ...head, notices: sorted }, undefined, 2) + '\n');
    expect(Object.keys(JSON.parse(text).notices)).toEqual(['"quoted"\\id', 'A-notice', 'b-notice', 'custom', 'é', 'ガイドライン']);
  });

  it('names the standard outputs an entry holds as null only as it is written', () => {
    const held = heldEntry(entry('kekka'), standard('kekka'));
    expect(held.outputs).toBeNull();
    const text = [...manifestParts(head, new Map([['kekka', held]]), standard)].join('');
    expect(JSON.parse(text).notices.kekka.outputs).toEqual(['kekka.json', 'kekka.jsonld', 'kekka.opinions.csv', 'kekka.comments.csv', 'kekka.refs.csv', 'kekka.submitters.csv', 'kekka.notice.csv']);
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

describe('a manifest read back, not as pubcom writes it', () => {
  it('holds its entries all the same: on one line, its entries in another order, it is read whole', () => {
    const out = temporaryDir('pubcom-manifest-');
    writeFileSync(path.join(out, MANIFEST_FILE), JSON.stringify({ ...head, notices: { b: entry('b'), a: entry('a') } }));
    const read = readHeldManifest(out, ['json', 'jsonld', 'csv'], head);
    expect([read.head, read.warning]).toEqual([head, null]);
    expect([...read.notices.keys()]).toEqual(['b', 'a']);
  });

  it('of another build, is not read past its head: its entries would not be held', () => {
    const out = temporaryDir('pubcom-manifest-');
    const notices = new Map(Array.from({ length: 500 }, (_, n): [string, ManifestEntry] => [`kekka-${String(n).padStart(3, '0')}`, entry(`kekka-${n}`)]));
    const text = [...manifestParts(head, sortedEntries(notices), standard)].join('');
    expect(text.length, 'longer than a piece of 64 KB').toBeGreaterThan(2 * (1 << 16));
    writeFileSync(path.join(out, MANIFEST_FILE), `${text.slice(0, -100)}<<<<<<< HEAD`);
    const other = readHeldManifest(out, ['json', 'jsonld', 'csv'], { build: 'c'.repeat(64), settings: head.settings });
    expect([other.head, other.notices.size, other.warning]).toEqual([head, 0, null]);
    expect(readHeldManifest(out, ['json', 'jsonld', 'csv'], head).warning, 'read for its entries, it is read to its end').toMatch(/Unexpected text that is not JSON/);
  });
});

describe('a manifest another run wrote, read a piece at a time', () => {
  const formats = ['json', 'jsonld', 'csv'] as const;
  const written = (notices: Map<string, ManifestEntry>, by = head): string => {
    const out = temporaryDir('pubcom-streamed-');
    writeFileSync(path.join(out, MANIFEST_FILE), [...manifestParts(by, sortedEntries(notices), standard)].join(''));
    return out;
  };
  const streamed = (out: string, by: WrittenBy | null = head): Array<[string, HeldEntry]> => [...streamedEntries(path.join(out, MANIFEST_FILE), by, formats)];

  it('gives the entries JSON.parse gives, in id order, though pieces of 64 KB cut ids and names in the middle of a character', () => {
    const notices = new Map(Array.from({ length: 3000 }, (_, n): [string, ManifestEntry] => [`意見募集の結果-${n}`, entry(`意見募集の結果-${n}`)]));
    notices.set('custom', { ...entry('custom'), outputs: ['custom.json'] });
    const out = written(notices);
    expect(statSync(path.join(out, MANIFEST_FILE)).size).toBeGreaterThan(20 * (1 << 16));
    const parsed = JSON.parse(readFileSync(path.join(out, MANIFEST_FILE), 'utf8')) as { notices: Record<string, ManifestEntry> };
    const whole = Object.entries(parsed.notices).map(([id, held]): [string, HeldEntry] => [id, heldEntry(held, standard(id))]);
    expect(whole).toHaveLength(3001);
    expect(streamed(out)).toEqual(whole);
    expect(streamed(out, null), 'whoever wrote it').toEqual(whole);
  });

  it('gives none where another build or other settings wrote it', () => {
    const out = written(new Map([['kekka', entry('kekka')]]));
    expect(streamed(out)).toHaveLength(1);
    for (const by of [{ build: 'c'.repeat(64), settings: head.settings }, { build: head.build, settings: 'formats=json;bom=false' }]) expect(streamed(out, by)).toEqual([]);
  });

  it('is refused where the file is not as pubcom writes it, which a whole read then explains', () => {
    const out = written(new Map([['a', entry('a')], ['b', entry('b')]]));
    const file = path.join(out, MANIFEST_FILE);
    const text = readFileSync(file, 'utf8');
    const manifest = JSON.parse(text) as { notices: Record<string, ManifestEntry> };
    const unlike = {
      'a merge conflict': text.replace('    "b"', '<<<<<<< HEAD\n    "b"'),
      'entries out of order': JSON.stringify({ ...head, notices: { b: manifest.notices.b, a: manifest.notices.a } }),
      'one id twice': text.replace('"b":', '"a":'),
      'an entry that is no entry': text.replace('"overridesSha256": null', '"overridesSha256": 7'),
      'the head after the entries': JSON.stringify({ notices: manifest.notices, ...head }),
      'entries in a list': JSON.stringify({ ...head, notices: [manifest.notices.a] }),
      'a text cut off': text.slice(0, text.length / 2),
      'no text': '',
    };
    for (const [what, bad] of Object.entries(unlike)) {
      writeFileSync(file, bad);
      expect(() => streamed(out), what).toThrow(NotStreamable);
    }
    rmSync(file);
    expect(() => streamed(out), 'no file').toThrow(NotStreamable);
  });

  it('is merged with the entries of this run, in id order, where both have an id the latter', () => {
    const held = (id: string, sha: string): [string, HeldEntry] => [id, { file: `${id}.txt`, sha256: sha.repeat(64), overridesSha256: null, outputs: null }];
    const theirs = [held('a', '1'), held('c', '1'), held('e', '1')];
    const ours = [held('b', '2'), held('c', '2'), held('f', '2')];
    expect([...mergedEntries(theirs, ours)]).toEqual([held('a', '1'), held('b', '2'), held('c', '2'), held('e', '1'), held('f', '2')]);
    expect([...mergedEntries([], ours)]).toEqual(ours);
    expect([...mergedEntries(theirs, [])]).toEqual(theirs);
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
