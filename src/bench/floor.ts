/**
 * The floor: hast-util-from-html parsing the HTML that pubcom has to parse,
 * and nothing else: each TAB cell of a TAB-row file (as a fragment), the
 * whole text of a .md file (as a fragment) and of an .html file (as a document).
 */
import { performance } from 'node:perf_hooks';
import { fromHtml } from 'hast-util-from-html';
import { layoutOf, type SeedNotice } from './generate.js';

export interface ParseJob {
  html: string;
  fragment: boolean;
}

export function floorJobs(notices: readonly SeedNotice[]): ParseJob[] {
  const jobs: ParseJob[] = [];
  for (const notice of notices) {
    const text = notice.text.replace(/^\uFEFF/, '');
    const layout = layoutOf(notice.name, text);
    if (layout === 'html') jobs.push({ html: text, fragment: false });
    else if (layout === 'gfm') jobs.push({ html: text, fragment: true });
    else {
      for (const line of text.split(/\r\n|\n|\r/)) {
        if (!line.includes('\t')) continue;
        for (const cell of line.split('\t')) jobs.push({ html: cell, fragment: true });
      }
    }
  }
  return jobs;
}

/** Parse every job once; returns ms. The node count keeps the work observable. */
export function timeFloor(jobs: readonly ParseJob[]): { ms: number; nodes: number } {
  let nodes = 0;
  const started = performance.now();
  for (const job of jobs) nodes += fromHtml(job.html, { fragment: job.fragment }).children.length;
  return { ms: performance.now() - started, nodes };
}
