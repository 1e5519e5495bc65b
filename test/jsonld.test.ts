import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import type { JsonLdDocument, Options } from 'jsonld';
import { describe, expect, it } from 'vitest';
import { CONTEXT_FILE, serializeJsonLd, toJsonLd } from '../src/emit/jsonld.js';
import { NoticeDocument } from '../src/schema/records.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const contextFile = JSON.parse(readFileSync(join(root, 'schemas', CONTEXT_FILE), 'utf8')) as {
  '@context': Record<string, unknown>;
};

const SCHEMA = 'https://schema.org/';
const PUBCOM = 'https://w3id.org/pubcom/vocab#';

/** Refuses every URL: expansion must not need the network. */
const refused: string[] = [];
const documentLoader = async (url: string): Promise<never> => {
  refused.push(url);
  throw new Error(`offline test: refused to load ${url}`);
};
// `safe` is a jsonld 9 option that @types/jsonld does not declare yet.
const expandOptions = { safe: true, documentLoader } as Options.Expand;

/** A stand-in input of 60 lines of 20 characters, which the spans below point into. */
const SAMPLE_TEXT = Array.from({ length: 60 }, (_, index) => `行${String(index + 1).padStart(2, '0')}`.padEnd(20, 'x')).join('\n') + '\n';
const span = (startLine: number, endLine = startLine) => ({
  startLine,
  endLine,
  startColumn: 1,
  endColumn: 21,
  startOffset: (startLine - 1) * 21,
  endOffset: (endLine - 1) * 21 + 20,
});

const doc: NoticeDocument = NoticeDocument.parse({
  schemaVersion: 1,
  notice: {
    id: 'sample-2018',
    title: '医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン(案)に対して提出された意見及びその意見に対する総務省の考え方',
    subject: '安全管理ガイドライン(第2版)(案)',
    respondent: '総務省',
    period: { start: '2018-06-07', end: '2018-07-06', raw: '平成30年6月7日～平成30年7月6日' },
    caseNumber: '495230123',
    decided: { date: '2016-01-20', raw: '平成28年1月20日' },
    legalBasis: '電波法第四条',
    submitterCount: 3,
    submitterCountUnit: '者',
    opinionCount: 23,
    unrelatedOpinionCount: 2,
    submitterBreakdown: [
      { label: '団体', count: 1, unit: '件', partOf: null },
      { label: '個人', count: 2, unit: '件', partOf: null },
      { label: '匿名', count: 1, unit: '件', partOf: '個人' },
    ],
    rePeriod: null,
    reSubmitterCount: null,
    submitters: [
      { id: 's-1', name: 'パスロジ株式会社', kind: 'organization', representative: '代表取締役 山田太郎', opinionCount: 2, opinionCountRaw: '2件', received: '2018-06-20', receivedRaw: '6月20日', jointWith: ['s-3'] },
      { id: 's-2', name: '個人A', kind: 'individual', representative: null, opinionCount: null, opinionCountRaw: null, received: null, receivedRaw: null, jointWith: [] },
      { id: 's-3', name: '匿名', kind: 'unknown', representative: null, opinionCount: null, opinionCountRaw: null, received: null, receivedRaw: null, jointWith: ['s-1'] },
    ],
    consultations: [
      {
        label: '(1)',
        subject: 'テスト規則(案)',
        period: { start: '2015-11-25', end: '2015-12-24', raw: '平成27年11月25日から12月24日' },
        submitterCount: 12,
        submitterCountUnit: '件',
        submitterBreakdown: [{ label: '団体', count: 5, unit: '件', partOf: null }],
        draftChanges: { revised: true, changeCount: null, changeCountRaw: null, annex: '別添2', statements: [{ text: 'ウ 原案からの変更点 別添2のとおり。', line: 5 }] },
        line: 3,
      },
      { label: '(2)', subject: 'テスト考え方(案)', period: null, submitterCount: 123, submitterCountUnit: null, submitterBreakdown: [], draftChanges: null, line: 6 },
    ],
    published: { date: '2016-01-29', raw: '平成28年1月29日' },
    glossary: [
      { term: '金商法', meaning: '金融商品取引法', line: 5 },
      { term: '(−)', meaning: '約款の解釈に対する質問事項等であり、回答で十分であると考えた事項。', line: 6 },
    ],
    notes: [{ text: '※提出意見数は、意見提出者数としています。', line: 4 }],
    draftChanges: { revised: true, changeCount: 4, changeCountRaw: '4箇所', annex: '別添2', statements: [{ text: '修正箇所数 4箇所(修正内容は別添2のとおり)', line: 7 }] },
    coverage: { characters: 10, attributed: 10, reported: 0, share: 1 },
    source: { file: 'sample-2018.html', sha256: 'a'.repeat(64), encoding: 'shift_jis' },
  },
  sections: [
    { id: 'I', label: 'Ⅰ.', title: '総論に対する意見', source: span(10) },
    { id: 'III', label: 'Ⅲ.', title: '物理的・技術的対策編に対する意見', source: span(40) },
  ],
  opinions: [
    {
      id: 'op-11',
      key: '11',
      number: 11,
      label: '意見 11',
      section: 'I',
      topic: '●顧客同意',
      summary: '顧客の同意を得る手順を記載すべき。',
      comments: [
        {
          id: 'op-11-c1',
          kind: 'comment',
          submitter: 'パスロジ株式会社',
          submitterRaw: '【パスロジ株式会社】',
          jointSubmitters: null,
          place: null,
          text: '顧客同意の取得方法を明確にすべきである。',
          refs: [
            { kind: 'section', raw: 'Ⅲ. 3. 1. 3', canonical: 'III.3.1.3', part: 'III', path: [3, 1, 3], qualifiers: ['基本', 'i'], source: span(1) },
            { kind: 'page', raw: 'p29', canonical: 'p.29', page: 29, source: span(1) },
          ],
          source: span(12, 14),
        },
      ],
      response: {
        text: '御意見を踏まえ、修正します。',
        refersTo: [],
        sharedWith: [],
        refs: [{ kind: 'whole', raw: '(全体)', canonical: 'whole', source: span(1) }],
        source: span(15),
      },
      revised: true,
      revisedRaw: '有(一部)',
      opinionCount: 3,
      opinionCountRaw: '3件',
      outcome: 'revised',
      source: span(11, 15),
    },
    {
      id: 'op-14',
      key: '14',
      number: 14,
      label: '意見 14',
      section: 'III',
      topic: null,
      summary: null,
      comments: [
        {
          id: 'op-14-c1',
          kind: 'comment',
          submitter: '個人A',
          submitterRaw: '【個人 A】',
          jointSubmitters: null,
          place: null,
          text: '二要素認証の例示を追加すべき。',
          refs: [
            { kind: 'annex', raw: 'Annex 5 12. 4. 1', canonical: 'Annex5:12.4.1', annex: 5, path: [12, 4, 1], source: span(1) },
            { kind: 'table-item', raw: '表中 A-5', canonical: 'A-5', item: 'A-5', source: span(1) },
            { kind: 'figure', raw: '図表1', canonical: 'fig.1', figure: 1, source: span(1) },
          ],
          source: span(41, 43),
        },
        {
          id: 'op-14-c2',
          kind: 're-opinion',
          submitter: '匿名',
          submitterRaw: '【匿名】',
          jointSubmitters: null,
          place: null,
          text: '上記意見に賛成する。',
          refs: [{ kind: 'article', raw: '第3条第2項', canonical: 'art.3.2', article: 3, branch: null, paragraph: 2, articleItem: null, source: span(1) }],
          source: span(44),
        },
      ],
      response: {
        text: '意見 11 に対する考え方のとおり。',
        refersTo: ['11'],
        sharedWith: [],
        refs: [],
        source: span(45),
      },
      revised: null,
      revisedRaw: null,
      opinionCount: null,
      opinionCountRaw: null,
      outcome: 'revised',
      source: span(41, 45),
    },
    {
      id: 'op-1-1',
      key: '1-1',
      number: null,
      label: '意見1-1',
      section: null,
      topic: null,
      summary: null,
      comments: [
        {
          id: 'op-1-1-c1',
          kind: 'comment',
          submitter: '未登録の提出者',
          submitterRaw: null,
          jointSubmitters: null,
          place: null,
          text: '別表第三号の扱いを示されたい。',
          refs: [
            { kind: 'other', raw: '別表第三号', canonical: '別表第三号', source: span(1) },
            { kind: 'article', raw: '第5条の2第1号', canonical: 'art.5-2(1)', article: 5, branch: 2, paragraph: null, articleItem: 1, source: span(1) },
          ],
          source: span(50),
        },
        {
          id: 'op-1-1-c2',
          kind: 'comment',
          submitter: null,
          submitterRaw: null,
          jointSubmitters: null,
          place: null,
          text: '同旨。',
          refs: [],
          source: span(51),
        },
        {
          id: 'op-1-1-c3',
          kind: 'comment',
          submitter: 'パスロジ株式会社、個人(2名)',
          submitterRaw: '(パスロジ株式会社、個人(2名))',
          jointSubmitters: [
            { name: 'パスロジ株式会社', kind: 'organization', count: null },
            { name: null, kind: 'individual', count: 2 },
          ],
          place: null,
          text: '同旨。',
          refs: [],
          source: span(51),
        },
      ],
      response: null,
      revised: false,
      revisedRaw: '無',
      opinionCount: null,
      opinionCountRaw: null,
      outcome: 'unknown',
      source: span(50, 51),
    },
  ],
  diagnostics: [{ severity: 'warning', code: 'submitter-unmatched', message: '提出者が一覧にない', line: 50, column: 1, endLine: null, endColumn: null }],
});

type Node = { [key: string]: unknown };

/** Every object (node, value, list) anywhere in `value`, the `@context` excluded. */
function* objects(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objects(item);
  } else if (typeof value === 'object' && value !== null) {
    yield value as Node;
    for (const [key, child] of Object.entries(value)) if (key !== '@context') yield* objects(child);
  }
}

const types = (node: Node): unknown[] => (Array.isArray(node['@type']) ? node['@type'] : [node['@type']]);

describe('toJsonLd', () => {
  const out = toJsonLd(doc, contextFile, SAMPLE_TEXT) as Node;

  it('embeds the committed context, byte-for-byte the file on disk', () => {
    expect(out['@context']).toEqual(contextFile['@context']);
    const text = readFileSync(join(root, 'schemas', CONTEXT_FILE), 'utf8');
    expect(serializeJsonLd(contextFile)).toBe(text);
    expect(contextFile['@context']['@vocab']).toBeUndefined();
    expect(toJsonLd(doc, contextFile['@context'], SAMPLE_TEXT)).toEqual(out);
  });

  it('uses only terms the context defines', () => {
    const terms = new Set(Object.keys(contextFile['@context']));
    const used = new Set<string>();
    for (const node of objects(out)) {
      for (const key of Object.keys(node)) if (!key.startsWith('@')) used.add(key);
      for (const type of types(node)) if (type !== undefined) used.add(String(type));
    }
    expect([...used].filter((key) => !terms.has(key))).toEqual([]);
  });

  it('expands offline in safe mode, no term dropped', async () => {
    const expanded = await jsonld.expand(out as JsonLdDocument, expandOptions);
    expect(refused).toEqual([]);
    const nodes = [...objects(expanded)];
    const typed = (iri: string) => nodes.filter((n) => types(n).includes(iri));
    expect(typed(`${SCHEMA}Report`)).toHaveLength(1);
    expect(typed(`${SCHEMA}Comment`)).toHaveLength(3 + 6);
    expect(typed(`${PUBCOM}Opinion`)).toHaveLength(3);
    expect(typed(`${SCHEMA}GovernmentOrganization`)).toHaveLength(1);
    expect(typed(`${SCHEMA}Person`)).toHaveLength(2); // listed 個人A + the two a joint mark counts
    expect(typed(`${SCHEMA}Person`).find((person) => !('@id' in person))).toMatchObject({ [`${PUBCOM}submitterCount`]: [{ '@value': 2 }] });
    expect(typed(`${SCHEMA}Organization`)).toHaveLength(1);
    expect(typed(`${SCHEMA}Thing`)).toHaveLength(2); // listed unknown + unmatched inline author
    expect(typed(`${PUBCOM}Section`)).toHaveLength(2);
    expect(typed(`${PUBCOM}Reference`)).toHaveLength(9);
    expect(typed(`${PUBCOM}Diagnostic`)).toHaveLength(1);

    const answers = typed(`${SCHEMA}Answer`);
    expect(answers).toHaveLength(2);
    expect(answers[1]).toMatchObject({
      '@id': 'urn:pubcom:sample-2018#op-14-response',
      [`${SCHEMA}parentItem`]: [{ '@id': 'urn:pubcom:sample-2018#op-14' }],
      [`${SCHEMA}author`]: [{ '@id': 'urn:pubcom:sample-2018#respondent' }],
      [`${SCHEMA}text`]: [{ '@value': '意見 11 に対する考え方のとおり。' }],
      [`${PUBCOM}refersTo`]: [{ '@id': 'urn:pubcom:sample-2018#op-11' }],
    });

    // A note of the notice: its text as printed and its line.
    expect(typed(`${PUBCOM}Note`)).toEqual([
      { '@type': [`${PUBCOM}Note`], [`${SCHEMA}text`]: [{ '@value': '※提出意見数は、意見提出者数としています。' }], [`${PUBCOM}line`]: [{ '@value': 4, '@type': 'http://www.w3.org/2001/XMLSchema#integer' }] },
    ]);

    // A count by type that breaks another down names it; one of its own has no partOf.
    const breakdowns = typed(`${PUBCOM}CountBreakdown`);
    expect(breakdowns).toHaveLength(4); // the notice's three and its first consultation's one
    expect(breakdowns.filter((node) => `${PUBCOM}partOf` in node).map((node) => node[`${PUBCOM}partOf`])).toEqual([[{ '@value': '個人' }]]);

    // What the notice says of its draft: a count beside it as printed, the annex, and the sentence with its line.
    const integer = 'http://www.w3.org/2001/XMLSchema#integer';
    const consultations = typed(`${PUBCOM}Consultation`);
    expect(consultations[0]?.[`${PUBCOM}draftChanges`]).toMatchObject([{ [`${PUBCOM}changeAnnex`]: [{ '@value': '別添2' }] }]);
    expect(consultations[0]?.[`${PUBCOM}submitterBreakdown`]).toHaveLength(1);
    expect(consultations[1]).not.toHaveProperty(`${PUBCOM}draftChanges`);
    expect(typed(`${PUBCOM}DraftChanges`).filter((node) => `${PUBCOM}changeCount` in node)).toEqual([
      {
        '@type': [`${PUBCOM}DraftChanges`],
        [`${PUBCOM}revised`]: [{ '@value': true, '@type': 'http://www.w3.org/2001/XMLSchema#boolean' }],
        [`${PUBCOM}changeCount`]: [{ '@value': 4, '@type': integer }],
        [`${PUBCOM}changeCountRaw`]: [{ '@value': '4箇所' }],
        [`${PUBCOM}changeAnnex`]: [{ '@value': '別添2' }],
        [`${PUBCOM}statement`]: [{ '@type': [`${PUBCOM}Statement`], [`${SCHEMA}text`]: [{ '@value': '修正箇所数 4箇所(修正内容は別添2のとおり)' }], [`${PUBCOM}line`]: [{ '@value': 7, '@type': integer }] }],
      },
    ]);

    // A 受付日 cell: a date beside the cell as printed; a joint submission: the others, as nodes.
    expect(typed(`${SCHEMA}Organization`)[0]).toMatchObject({
      [`${PUBCOM}dateReceived`]: [{ '@value': '2018-06-20', '@type': 'http://www.w3.org/2001/XMLSchema#date' }],
      [`${PUBCOM}dateReceivedRaw`]: [{ '@value': '6月20日' }],
      [`${PUBCOM}jointWith`]: [{ '@id': 'urn:pubcom:sample-2018#s-3' }],
    });
    expect(typed(`${SCHEMA}Person`)[0]).not.toHaveProperty(`${PUBCOM}jointWith`);

    // A 件数 cell: an integer beside the cell as printed.
    expect(typed(`${PUBCOM}Opinion`)[0]).toMatchObject({
      [`${PUBCOM}opinionCount`]: [{ '@value': 3, '@type': 'http://www.w3.org/2001/XMLSchema#integer' }],
      [`${PUBCOM}opinionCountRaw`]: [{ '@value': '3件' }],
    });

    const report = typed(`${SCHEMA}Report`)[0];
    expect(report?.[`${PUBCOM}caseNumber`]).toEqual([{ '@value': '495230123' }]);
    expect(report?.[`${PUBCOM}dateDecided`]).toEqual([{ '@value': '2016-01-20', '@type': 'http://www.w3.org/2001/XMLSchema#date' }]);
    expect(report?.[`${PUBCOM}legalBasis`]).toEqual([{ '@value': '電波法第四条' }]);
    expect(report?.[`${PUBCOM}unrelatedOpinionCount`]).toEqual([{ '@value': 2, '@type': 'http://www.w3.org/2001/XMLSchema#integer' }]);
    expect(report?.[`${PUBCOM}consultationPeriod`]).toMatchObject([
      {
        [`${SCHEMA}startDate`]: [{ '@value': '2018-06-07', '@type': 'http://www.w3.org/2001/XMLSchema#date' }],
      },
    ]);
    const c1 = nodes.find((n) => n['@id'] === 'urn:pubcom:sample-2018#op-11-c1');
    expect(c1?.[`${SCHEMA}author`]).toEqual([{ '@id': 'urn:pubcom:sample-2018#s-1' }]);
    const sectionRef = (c1?.[`${PUBCOM}ref`] as Node[] | undefined)?.[0];
    expect(sectionRef?.[`${PUBCOM}path`]).toEqual([
      {
        '@list': [3, 1, 3].map((n) => ({ '@value': n, '@type': 'http://www.w3.org/2001/XMLSchema#integer' })),
      },
    ]);
  });

  it('would fail on an undefined term or a remote context (the checks have teeth)', async () => {
    const stray = { ...out, notAMappedTerm: 'x' } as JsonLdDocument;
    await expect(jsonld.expand(stray, expandOptions)).rejects.toThrow(/Safe mode/);
    const remote = { ...out, '@context': 'https://example.org/context.jsonld' } as JsonLdDocument;
    await expect(jsonld.expand(remote, expandOptions)).rejects.toThrow(/Dereferencing a URL/);
    expect(refused).toContain('https://example.org/context.jsonld');
  });

  it('converts to RDF offline in safe mode (no relative IRIs)', async () => {
    const nquads = (await jsonld.toRDF(out as JsonLdDocument, {
      ...expandOptions,
      format: 'application/n-quads',
    })) as unknown as string;
    expect(nquads).toContain('<urn:pubcom:sample-2018> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Report>');
    expect(nquads).toContain('"true"^^<http://www.w3.org/2001/XMLSchema#boolean>');
  });

  it('omits nulls, keeps empty arrays, links submitters and sections by id', () => {
    const opinions = out['hasPart'] as Node[];
    const [op11, op14, op1] = opinions;
    expect(Object.keys(op14 ?? {})).not.toContain('topic');
    expect(Object.keys(op14 ?? {})).not.toContain('revised');
    expect(op14?.['section']).toBe('urn:pubcom:sample-2018#section-III');
    expect(op11?.['position']).toBe(11);
    expect(op1?.['@id']).toBe('urn:pubcom:sample-2018#op-1-1');
    expect(op1).not.toHaveProperty('position');
    expect(op1).not.toHaveProperty('response');
    const [unmatched, anonymous, joint] = op1?.['comment'] as Node[];
    expect(unmatched?.['author']).toEqual({ '@type': 'Thing', name: '未登録の提出者' });
    // A joint mark: the listed submitter by id, and the two individuals it only counts as a blank Person.
    expect(joint?.['author']).toEqual(['urn:pubcom:sample-2018#s-1', { '@type': 'Person', submitterCount: 2 }]);
    expect(anonymous).not.toHaveProperty('author');
    expect(anonymous?.['ref']).toEqual([]);
    expect((op14?.['comment'] as Node[])[1]?.['author']).toBe('urn:pubcom:sample-2018#s-3');
    expect(out['opinionCount']).toBe(23);
    const [listed, person] = out['submitter'] as Node[];
    expect(listed).toMatchObject({ '@type': 'Organization', name: 'パスロジ株式会社', representative: '代表取締役 山田太郎', opinionCount: 2, opinionCountRaw: '2件', dateReceived: '2018-06-20', dateReceivedRaw: '6月20日' });
    expect(person).not.toHaveProperty('representative');
    expect(person).not.toHaveProperty('dateReceived');
    expect(person).not.toHaveProperty('opinionCount');
  });

  it('is deterministic and free of machine paths and hosts', () => {
    const first = serializeJsonLd(toJsonLd(doc, contextFile, SAMPLE_TEXT));
    const second = serializeJsonLd(toJsonLd(structuredClone(doc), structuredClone(contextFile), SAMPLE_TEXT));
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect(first).not.toContain(root);
    expect(first).not.toContain(hostname());
    for (const node of objects(out)) {
      if (typeof node['@id'] === 'string') expect(node['@id']).toMatch(/^urn:pubcom:sample-2018(#|$)/);
    }
  });

  it('percent-encodes characters IRIs do not allow in the notice id', () => {
    const odd = NoticeDocument.parse({ ...doc, notice: { ...doc.notice, id: '結果 公示#1%' } });
    expect((toJsonLd(odd, contextFile, SAMPLE_TEXT) as Node)['@id']).toBe('urn:pubcom:結果%20公示%231%25');
  });
});
