/**
 * The review page (`pubcom view`): the HTML string (cards, escaping, no
 * external resource), the run (files, atomic write, one-line failures) and the
 * page in headless Chromium (Debian's `chromium`, driven by playwright-core).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runView } from '../src/review/view-run.js';
import { escapeHtml, renderNoticeHtml, splitLines } from '../src/review/view.js';
import type { NoticeDocument } from '../src/schema/records.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const NAME = 'soumu-cloud-security-guideline-2018';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The committed output as a consumer reads it (cast, not validated: the page tolerates fields it does not know). */
function loadDocument(name: string): NoticeDocument {
  return JSON.parse(readFileSync(path.join(root, 'output', `${name}.json`), 'utf8')) as NoticeDocument;
}

function loadSource(doc: NoticeDocument): string {
  return readFileSync(path.join(root, 'input', doc.notice.source.file), 'utf8');
}

const temporaryDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pubcom-view-'));
  temporaryDirs.push(dir);
  return dir;
}
afterAll(() => {
  // PUBCOM_VIEW_KEEP=1 keeps the pages and screenshots for a look.
  if (process.env['PUBCOM_VIEW_KEEP'] === '1') return;
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

function capture(): { lines: { out: string[]; err: string[] }; reporter: { out(line: string): void; err(line: string): void } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, reporter: { out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) } };
}

/** Every start tag of the page: name and attributes. */
function startTags(html: string): { name: string; attributes: Map<string, string> }[] {
  const tags: { name: string; attributes: Map<string, string> }[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)) attributes.set((attribute[1] ?? '').toLowerCase(), attribute[2] ?? '');
    tags.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'nav', 'main', 'section', 'article', 'aside', 'div', 'span', 'p',
  'h1', 'h2', 'h3', 'h4', 'dl', 'dt', 'dd', 'ol', 'ul', 'li', 'a', 'code', 'details', 'summary',
]);
const ALLOWED_ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'id', 'class', 'href', 'title', 'aria-label', 'open', 'role']);

describe('renderNoticeHtml', () => {
  const doc = loadDocument(NAME);
  const html = renderNoticeHtml(doc, loadSource(doc));

  it('is one HTML5 document in Japanese, UTF-8, with a CSP that allows no resource and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ja">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('shows one card per opinion, with its source lines', () => {
    expect(html.match(/<article class="opinion"/g)).toHaveLength(doc.opinions.length);
    for (const opinion of doc.opinions) {
      expect(html).toContain(`<article class="opinion" id="${opinion.id}">`);
      expect(html).toContain(`id="L${opinion.source.startLine}"`);
    }
    expect(html).toContain('原文 L58–61');
  });

  it('links cross-references to their cards, section refs to their sections and diagnostics to their lines', () => {
    const card17 = html.slice(html.indexOf('<article class="opinion" id="op-17">'), html.indexOf('<article class="opinion" id="op-18">'));
    expect(card17).toContain('<a class="xref-link" href="#op-11">意見 11</a>');
    expect(card17).toContain('href="#section-IV"');
    expect(html).toContain('<h2 class="section" id="section-IV">');
    expect(html).toContain('<a class="where" href="#L51">L51:438</a>');
    expect(html).toMatch(/<div class="line sev-info" id="L51">/);
    // Every in-page link has its target.
    const ids = new Set(startTags(html).flatMap((tag) => (tag.attributes.has('id') ? [tag.attributes.get('id')] : [])));
    for (const tag of startTags(html)) {
      const href = tag.attributes.get('href');
      if (href !== undefined) expect(ids.has(href.slice(1)), href).toBe(true);
    }
  });

  it('gives an opinion of a table without labels (label "") its key as link text: #1', () => {
    const unlabelled = JSON.parse(readFileSync(path.join(root, 'test/fixtures/unnumbered-rows/expected/unnumbered-rows.json'), 'utf8')) as NoticeDocument;
    const source = readFileSync(path.join(root, 'test/fixtures/unnumbered-rows/input.txt'), 'utf8');
    const page = renderNoticeHtml(unlabelled, source);
    expect(page).toMatch(/<a class="toc-link[^"]*" href="#op-1">#1<\/a>/);
    expect(page).toContain('<h3><a class="self" href="#op-1">#1</a></h3>');
    expect(page).not.toMatch(/<a [^>]*><\/a>/);
  });

  it('refers to nothing outside the page', () => {
    for (const tag of startTags(html)) {
      expect(ALLOWED_TAGS.has(tag.name), tag.name).toBe(true);
      for (const [name, value] of tag.attributes) {
        expect(ALLOWED_ATTRIBUTES.has(name), `${tag.name} ${name}`).toBe(true);
        if (name === 'href') expect(value).toMatch(/^#[^#\s]+$/);
      }
    }
    expect(html).not.toMatch(/\b(?:src|srcset|action|formaction|poster|data)=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    // The notice's own links (https://www.nisc.go.jp/…) show as text only.
    expect(html).toContain('&lt;a href=&quot;https://www.nisc.go.jp/active/infra/pdf/shishin5.pdf&quot;&gt;');
    expect(html).not.toMatch(/href="https?:/i);
  });

  it('is deterministic', () => {
    expect(renderNoticeHtml(doc, loadSource(doc))).toBe(html);
  });

  it('escapes every text field, attribute value and source line', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;';
    const hostile = structuredClone(doc);
    hostile.notice.title = evil;
    hostile.notice.subject = evil;
    hostile.notice.respondent = evil;
    hostile.notice.source.file = evil;
    hostile.notice.submitters[0]!.name = evil;
    hostile.sections[0]!.title = evil;
    hostile.notice.glossary = [{ term: evil, meaning: evil, line: 1 }];
    hostile.notice.consultations = [{ label: evil, subject: evil, period: null, submitterCount: null, submitterCountUnit: null, submitterBreakdown: [{ label: evil, count: 1, unit: evil, partOf: null }], draftChanges: { revised: true, changeCount: null, changeCountRaw: null, annex: evil, statements: [{ text: evil, line: 1 }] }, line: 1 }];
    const opinion = hostile.opinions[0]!;
    opinion.label = evil;
    opinion.summary = evil;
    opinion.topic = evil;
    opinion.revisedRaw = evil;
    opinion.comments[0]!.text = evil;
    opinion.comments[0]!.submitter = evil;
    opinion.comments[0]!.submitterRaw = `【${evil}】`;
    opinion.comments[0]!.refs = [{ kind: 'other', raw: evil, canonical: evil } as never];
    opinion.response!.text = evil;
    opinion.response!.refersTo = [evil];
    hostile.diagnostics.push({ severity: 'error', code: evil, message: evil, line: opinion.source.startLine, column: 3 } as never);
    // The id of an opinion lands in attributes: it must not break out of them.
    hostile.opinions[1]!.id = `op-2" onmouseover="alert(3)`;
    const lines = splitLines(loadSource(doc));
    lines[opinion.source.startLine - 1] = `${evil}\t<iframe src="https://example.com/"></iframe>`;
    const page = renderNoticeHtml(hostile, lines.join('\n'));

    expect(page).not.toMatch(/<script|<img|<iframe/i);
    expect(page).not.toContain('onmouseover="');
    expect(page).toContain('id="op-2&quot; onmouseover=&quot;alert(3)"');
    // Title, heading, summary, comment, response, source line and diagnostic all show the text.
    expect(page.split(escaped).length - 1).toBeGreaterThanOrEqual(12);
    expect(page).toContain(`&lt;iframe src=&quot;https://example.com/&quot;&gt;&lt;/iframe&gt;`);
    for (const tag of startTags(page)) {
      expect(ALLOWED_TAGS.has(tag.name), tag.name).toBe(true);
      for (const name of tag.attributes.keys()) expect(ALLOWED_ATTRIBUTES.has(name), `${tag.name} ${name}`).toBe(true);
    }
  });

  it('shows the publication date, the glossary and each consultation of a notice that reports several, and a document without them', () => {
    const page = renderNoticeHtml(loadDocument('fsa-kantoku-gfm'), loadSource(loadDocument('fsa-kantoku-gfm')));
    expect(page).toContain('CSP: クラウドサービス事業者');
    expect(page).toContain('<dt>注記</dt><dd>※ 同趣旨のコメントは、適宜集約しています。</dd>');
    expect(page).toContain('<dt>意見数(記載)</dt><dd>23件</dd>');
    const caa = renderNoticeHtml(loadDocument('caa-hyoji-html'), loadSource(loadDocument('caa-hyoji-html')));
    expect(caa).toContain('<dd>令和4年9月30日 <span class="muted">(2022-09-30)</span></dd>');
    expect(caa).toContain('<dt>原案の修正</dt><dd>修正あり、別添2に記載 <span class="muted">(85行: ※ 御意見を踏まえた原案からの修正内容は、別添2に示しています。)</span></dd>');
    const several = structuredClone(doc);
    several.notice.consultations = [
      {
        label: '(1)',
        subject: 'テスト規則(案)',
        period: { start: '2024-04-01', end: '2024-04-30', raw: '令和6年4月1日～令和6年4月30日' },
        submitterCount: 3,
        submitterCountUnit: '件',
        submitterBreakdown: [
          { label: '団体', count: 1, unit: '件', partOf: null },
          { label: '個人', count: 2, unit: '件', partOf: null },
        ],
        draftChanges: { revised: true, changeCount: null, changeCountRaw: null, annex: '別添2', statements: [{ text: 'ウ 原案からの変更点 別添2のとおり。', line: 4 }] },
        line: 2,
      },
      { label: '(2)', subject: 'テスト指針(案)', period: null, submitterCount: null, submitterCountUnit: null, submitterBreakdown: [], draftChanges: null, line: 5 },
    ];
    const shown = renderNoticeHtml(several, loadSource(doc));
    expect(shown).toContain('意見募集 (1)');
    expect(shown).toContain('テスト規則(案): 令和6年4月1日～令和6年4月30日');
    expect(shown).toContain('、提出 3件(団体 1件、個人 2件)、修正あり、別添2に記載</dd>');
    expect(shown).toContain('提出 記載なし</dd>');
    const numbered = structuredClone(doc);
    numbered.notice.caseNumber = '495230123';
    numbered.notice.unrelatedOpinionCount = 2;
    numbered.notice.legalBasis = '電波法第四条';
    numbered.notice.decided = { date: '2024-03-20', raw: '2024年03月20日' };
    const numberedPage = renderNoticeHtml(numbered, loadSource(doc));
    expect(numberedPage).toContain('<dt>案件番号</dt><dd>495230123</dd>');
    expect(numberedPage).toContain('<dt>うち案件外の意見</dt><dd>2件</dd>');
    expect(numberedPage).toContain('<dt>根拠法令</dt><dd>電波法第四条</dd><dt>公布・決定日</dt><dd>2024年03月20日 <span class="muted">(2024-03-20)</span></dd>');
    const sectors = structuredClone(doc);
    sectors.notice.submitterBreakdown = [
      { label: '団体・事業者', count: 89, unit: '者', partOf: null },
      { label: '金融関係', count: 19, unit: '者', partOf: '団体・事業者' },
      { label: 'その他', count: 70, unit: '者', partOf: '団体・事業者' },
      { label: '個人', count: 120, unit: '者', partOf: null },
    ];
    expect(renderNoticeHtml(sectors, loadSource(doc))).toContain('(団体・事業者 89者(うち金融関係 19者、その他 70者)、個人 120者)</dd>');
    const listed = structuredClone(doc);
    const [first, second] = listed.notice.submitters;
    Object.assign(first ?? {}, { representative: '代表取締役 山田太郎', opinionCountRaw: '2件', receivedRaw: '4月2日', jointWith: [second?.id] });
    expect(renderNoticeHtml(listed, loadSource(doc))).toContain(`<span class="muted">代表者 代表取締役 山田太郎・意見数 2件・受付日 4月2日・連名 ${second?.name}</span></li>`);
    const older = structuredClone(doc) as unknown as { notice: Record<string, unknown> };
    delete older.notice['glossary'];
    delete older.notice['consultations'];
    delete older.notice['notes'];
    delete older.notice['draftChanges'];
    delete older.notice['caseNumber'];
    delete older.notice['unrelatedOpinionCount'];
    delete older.notice['decided'];
    delete older.notice['legalBasis'];
    delete older.notice['opinionCount'];
    for (const submitter of older.notice['submitters'] as Record<string, unknown>[]) delete submitter['representative'];
    for (const submitter of older.notice['submitters'] as Record<string, unknown>[]) delete submitter['receivedRaw'];
    expect(() => renderNoticeHtml(older as unknown as NoticeDocument, loadSource(doc))).not.toThrow();
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('numbers lines as the pipeline does: CRLF, LF and a lone CR each end a line', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    const crlf = structuredClone(doc);
    const page = renderNoticeHtml(crlf, loadSource(doc).replace(/\n/g, '\r\n'));
    expect(page).toBe(html);
  });

  it('shows a span past the end of a shorter source as missing lines', () => {
    const page = renderNoticeHtml(doc, splitLines(loadSource(doc)).slice(0, 50).join('\n'));
    expect(page.match(/<article class="opinion"/g)).toHaveLength(20);
    expect(page).toContain('(この行は入力にない)');
    expect(page).toContain('id="L51"');
  });

  it('renders every committed notice, tolerating fields it does not know', () => {
    for (const file of readdirSync(path.join(root, 'output')).filter((name) => name.endsWith('.json') && name !== 'pubcom-manifest.json').sort()) {
      const other = loadDocument(file.slice(0, -'.json'.length));
      const extended = { ...other, notice: { ...other.notice, coverage: { characters: 10, attributed: 9, reported: 1, share: 0.9 } } };
      const page = renderNoticeHtml(extended, loadSource(other));
      expect(page.match(/<article class="opinion"/g) ?? []).toHaveLength(other.opinions.length);
      expect(page).toContain('90.0%');
      const ids = new Set(startTags(page).flatMap((tag) => (tag.attributes.has('id') ? [tag.attributes.get('id')] : [])));
      for (const tag of startTags(page)) {
        const href = tag.attributes.get('href');
        if (href !== undefined) expect(ids.has(href.slice(1)), `${file} ${href}`).toBe(true);
      }
    }
  });
});

describe('runView', () => {
  it('writes DIR/NAME.html and nothing else', async () => {
    const out = path.join(tempDir(), 'review');
    const { lines, reporter } = capture();
    const code = await runView({ names: [NAME], outDir: out, outputDir: path.join(root, 'output'), inputDir: path.join(root, 'input') }, reporter);
    expect(lines.err).toEqual([]);
    expect(code).toBe(0);
    expect(readdirSync(out)).toEqual([`${NAME}.html`]);
    const doc = loadDocument(NAME);
    expect(readFileSync(path.join(out, `${NAME}.html`), 'utf8')).toBe(renderNoticeHtml(doc, loadSource(doc), { warnings: [] }));
    expect(lines.out).toEqual([`wrote ${path.join(out, `${NAME}.html`)} (20 opinions)`]);
  });

  it('reports a missing notice on one line, exits 1 and still writes the others', async () => {
    const out = tempDir();
    const { lines, reporter } = capture();
    const code = await runView({ names: ['no-such-notice', NAME], outDir: out, outputDir: path.join(root, 'output'), inputDir: path.join(root, 'input') }, reporter);
    expect(code).toBe(1);
    expect(lines.err).toHaveLength(1);
    expect(lines.err[0]).toMatch(/no-such-notice\.json:1:1: error: Unexpected missing notice no-such-notice, .*\[read-failed\]$/);
    expect(lines.err[0]).not.toContain('\n');
    expect(readdirSync(out)).toEqual([`${NAME}.html`]);
  });

  it('reports a missing source on one line and writes nothing', async () => {
    const out = tempDir();
    const { lines, reporter } = capture();
    const code = await runView({ names: [NAME], outDir: out, outputDir: path.join(root, 'output'), inputDir: tempDir() }, reporter);
    expect(code).toBe(1);
    expect(lines.err).toHaveLength(1);
    expect(lines.err[0]).toMatch(/error: Unexpected missing source of soumu-cloud-security-guideline-2018, .*\[read-failed\]$/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('takes a path to NAME.json, finds the source below --input and warns when it is not the file converted', async () => {
    const inputs = tempDir();
    const nested = path.join(inputs, 'archive', '2018');
    mkdirSync(nested, { recursive: true });
    const doc = loadDocument(NAME);
    writeFileSync(path.join(nested, doc.notice.source.file), `${loadSource(doc)}\n`);
    const out = tempDir();
    const { lines, reporter } = capture();
    const code = await runView({ names: [path.join(root, 'output', `${NAME}.json`)], outDir: out, outputDir: 'unused', inputDir: inputs }, reporter);
    expect(code).toBe(0);
    expect(lines.err).toHaveLength(1);
    expect(lines.err[0]).toMatch(/2018\/soumu-cloud-security-guideline-2018\.txt:1:1: warning: .* is not the file .* was converted from .*\[source-changed\]$/);
    const page = readFileSync(path.join(out, `${NAME}.html`), 'utf8');
    expect(page).toContain('<p class="banner" role="alert">警告: ');
    expect(page.match(/<article class="opinion"/g)).toHaveLength(20);
  });

  it('reports a file that is not a notice on one line', async () => {
    const outputs = tempDir();
    writeFileSync(path.join(outputs, 'broken.json'), '{"schemaVersion": 1, "notice": {}}');
    writeFileSync(path.join(outputs, 'truncated.json'), '{"schemaVersion": 1, "no');
    const { lines, reporter } = capture();
    const code = await runView({ names: ['broken', 'truncated'], outDir: tempDir(), outputDir: outputs, inputDir: path.join(root, 'input') }, reporter);
    expect(code).toBe(1);
    expect(lines.err).toHaveLength(2);
    expect(lines.err[0]).toMatch(/broken\.json:1:1: error: Unexpected field notice\.id: .*\[read-failed\]$/);
    expect(lines.err[1]).toMatch(/truncated\.json:1:1: error: Unexpected invalid JSON: .*\[read-failed\]$/);
  });
});

describe('the page in headless Chromium', () => {
  it('shows 20 cards, follows a cross-reference to its card, loads nothing from the network', { timeout: 60_000 }, async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) to run the browser test`);
    }
    const dir = process.env['PUBCOM_VIEW_ARTIFACTS'] ?? tempDir();
    const { reporter } = capture();
    expect(await runView({ names: [NAME], outDir: dir, outputDir: path.join(root, 'output'), inputDir: path.join(root, 'input') }, reporter)).toBe(0);
    const pageUrl = pathToFileURL(path.join(dir, `${NAME}.html`)).href;

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requested: string[] = [];
      const blocked: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        blocked.push(url);
        return route.abort();
      });

      await page.goto(pageUrl, { waitUntil: 'load' });
      expect(await page.locator('article.opinion').count()).toBe(20);
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');

      await page.evaluate('window.scrollTo(0, 0)');
      const top = path.join(dir, 'view-top.png');
      await page.screenshot({ path: top });
      // Strings, not functions: the test is type-checked without the DOM lib.
      const before = (await page.evaluate("document.getElementById('op-11')?.getBoundingClientRect().top ?? null")) as number | null;
      expect(before).not.toBeNull();
      expect(before!).toBeGreaterThan(900);

      const link = page.locator('#op-17 section.response a[href="#op-11"]');
      expect(await link.count()).toBe(1);
      await link.click();
      await page.waitForFunction("location.hash === '#op-11'");
      const box = (await page.evaluate(
        "(() => { const rect = document.getElementById('op-11').getBoundingClientRect(); return { top: rect.top, bottom: rect.bottom, height: window.innerHeight }; })()",
      )) as { top: number; bottom: number; height: number };
      expect(box.top).toBeGreaterThanOrEqual(-1);
      expect(box.top).toBeLessThan(box.height / 2);

      const shot = path.join(dir, 'view-op-11.png');
      await page.screenshot({ path: shot });
      for (const file of [top, shot]) {
        expect(existsSync(file)).toBe(true);
        expect(statSync(file).size).toBeGreaterThan(1000);
        expect(readFileSync(file).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      }

      expect(blocked).toEqual([]);
      expect(requested.filter((url) => !url.startsWith('file:'))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
