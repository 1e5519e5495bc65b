/** Invariants over every fixture (textlint's ast-tester idea): what must hold whatever the layout. */
import { describe, expect, it } from 'vitest';
import { NoticeDocument, Opinion, Comment, Section, Submitter } from '../src/schema/records.js';
import { convertFixture, fixtureNames } from './helpers.js';

describe.each(fixtureNames())('fixture %s', (name) => {
  it('gives records that parse with their schemas, lines inside the file and unique ids', async () => {
    const { document, bytes, messages } = await convertFixture(name);
    if (document === null) {
      // A notice that cannot be read says why, with an error, and writes nothing.
      expect(messages).toMatch(/: error: .*\[[a-z-]+\]/);
      return;
    }
    const doc = NoticeDocument.parse(document);
    const lineCount = new TextDecoder().decode(bytes).split(/\r\n|\n|\r/).length;

    const spans = [
      ...doc.sections.map((s) => Section.parse(s).source),
      ...doc.opinions.flatMap((o) => [
        Opinion.parse(o).source,
        ...(o.response ? [o.response.source] : []),
        ...o.comments.map((c) => Comment.parse(c).source),
      ]),
    ];
    for (const span of spans) {
      expect(span.startLine).toBeGreaterThanOrEqual(1);
      expect(span.startLine).toBeLessThanOrEqual(span.endLine);
      expect(span.endLine).toBeLessThanOrEqual(lineCount);
    }
    for (const diagnostic of doc.diagnostics) expect(diagnostic.line ?? 1).toBeLessThanOrEqual(lineCount);

    // Lossless accounting: without a diagnostic that holds cell text (unattributed-text, …), every character of the table cells is in a record.
    const coverage = doc.notice.coverage;
    expect(coverage.attributed + coverage.reported).toBe(coverage.characters);
    if (!doc.diagnostics.some((d) => ['unattributed-text', 'ignored-column', 'row-number-repeated', 'flag-conflict'].includes(d.code))) {
      expect(coverage.share).toBe(1);
      expect(coverage.reported).toBe(0);
    }

    const ids = [
      ...doc.sections.map((s) => s.id),
      ...doc.notice.submitters.map((s) => Submitter.parse(s).id),
      ...doc.opinions.flatMap((o) => [o.id, ...o.comments.map((c) => c.id)]),
    ];
    expect(new Set(ids).size).toBe(ids.length);

    const sectionIds = new Set(doc.sections.map((s) => s.id));
    const submitterNames = new Set(doc.notice.submitters.map((s) => s.name));
    for (const opinion of doc.opinions) {
      expect(opinion.id).toBe(`op-${opinion.key}`);
      if (opinion.section !== null) expect(sectionIds.has(opinion.section)).toBe(true);
      for (const comment of opinion.comments) {
        expect(comment.id.startsWith(`${opinion.id}-c`)).toBe(true);
        if (comment.submitter !== null) expect(submitterNames.has(comment.submitter)).toBe(true);
        expect(comment.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      }
    }
  });
});
