/**
 * Every fixture folder holds input.* and expected/: one file per artifact the
 * CLI writes plus messages.txt. `vitest -u` rewrites them; read the diff
 * before committing: a snapshot claims the output is right.
 */
import { describe, expect, it } from 'vitest';
import { convertFixture, fixtureNames } from './helpers.js';

describe.each(fixtureNames())('fixture %s', (name) => {
  it('gives the expected JSON, JSON-LD, CSV and diagnostics', async () => {
    const { document, files, messages } = await convertFixture(name);
    // A notice that cannot be read gives diagnostics and no output at all.
    const expected = document ? [`${name}.comments.csv`, `${name}.json`, `${name}.jsonld`, `${name}.notice.csv`, `${name}.opinions.csv`, `${name}.refs.csv`, `${name}.submitters.csv`] : [];
    expect([...files.keys()].sort()).toEqual(expected);
    for (const [fileName, content] of files) {
      await expect(content).toMatchFileSnapshot(`./fixtures/${name}/expected/${fileName}`);
    }
    await expect(messages).toMatchFileSnapshot(`./fixtures/${name}/expected/messages.txt`);
  });
});
