/** Every fixture's JSON-LD expands offline in jsonld.js safe mode (which fails on any dropped term) and keeps its records. */
import { readdirSync, readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import type { JsonLdDocument, Options } from 'jsonld';
import { describe, expect, it } from 'vitest';
import { convertFixture, fixtureNames } from './helpers.js';

const refuseNetwork = async (url: string): Promise<never> => {
  throw new Error(`network refused: ${url}`);
};
// `safe` is a jsonld 9 option that @types/jsonld does not declare yet.
const options = { safe: true, documentLoader: refuseNetwork } as Options.Expand;
const SCHEMA = 'https://schema.org/';

const convertible = fixtureNames();

describe.each(convertible)('fixture %s', (name) => {
  it('expands offline in safe mode with one Comment per opinion and per comment', async () => {
    const { files, document } = await convertFixture(name);
    const source = JSON.parse(files.get(`${name}.jsonld`) ?? 'null') as JsonLdDocument;
    const expanded = await jsonld.expand(source, options);
    // Flattened without a context: an array of every node of the graph, with full IRIs.
    const nodes = (await jsonld.flatten(expanded, undefined, options)) as unknown as { '@type'?: string[] }[];
    const typed = (type: string): number => nodes.filter((node) => node['@type']?.includes(SCHEMA + type)).length;
    const opinions = document?.opinions ?? [];
    expect(typed('Report')).toBe(1);
    expect(typed('Comment')).toBe(opinions.length + opinions.reduce((sum, o) => sum + o.comments.length, 0));
    expect(typed('Answer')).toBe(opinions.filter((o) => o.response !== null).length);
  });
});

describe('committed output/', () => {
  const outputDir = new URL('../output/', import.meta.url);
  const files = readdirSync(outputDir).filter((name) => name.endsWith('.jsonld')).sort();

  it('holds a JSON-LD file per notice of input/', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s expands offline in safe mode', async (name) => {
    const source = JSON.parse(readFileSync(new URL(name, outputDir), 'utf8')) as JsonLdDocument;
    const expanded = await jsonld.expand(source, options);
    expect(expanded.length).toBeGreaterThan(0);
  });
});

describe('Web Annotation selectors', () => {
  it.each(convertible)('%s: every TextQuoteSelector is found again at its TextPositionSelector', async (name) => {
    const { files, bytes, document } = await convertFixture(name);
    const source = [...new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')];
    const graph = JSON.parse(files.get(`${name}.jsonld`) ?? 'null') as unknown;
    const targets: { hasSelector: { '@type': string; start?: number; end?: number; exact?: string; prefix?: string; suffix?: string }[] }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if ((node as { '@type'?: string })['@type'] === 'SpecificResource') targets.push(node as (typeof targets)[number]);
        Object.values(node).forEach(walk);
      }
    };
    walk(graph);
    expect(targets.length > 0).toBe((document?.opinions.length ?? 0) > 0);
    for (const { hasSelector } of targets) {
      const position = hasSelector.find((s) => s['@type'] === 'TextPositionSelector');
      const quote = hasSelector.find((s) => s['@type'] === 'TextQuoteSelector');
      const exact = source.slice(position?.start, position?.end).join('');
      expect(exact).toBe(quote?.exact);
      expect(source.join('')).toContain(`${quote?.prefix}${quote?.exact}${quote?.suffix}`);
    }
  });
});
