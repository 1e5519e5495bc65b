/**
 * Summarise a V8 `.cpuprofile` (from `node --cpu-prof`): self time per
 * function (functionName + file + line), self time per file and per package,
 * and inclusive time of the project's own functions (dist/… -> src/….ts).
 *
 *   node dist/bench/profile.js /tmp/pubcom-bench.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Entry {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  samples: number;
  selfByFunction: Entry[];
  selfByFile: Entry[];
  selfByPackage: Entry[];
  /** Inclusive (self + callees) time of functions in the project's own code, recursion counted once. */
  inclusiveProject: Entry[];
  /** Every sample charged to one part: a pipeline stage or emitter, the batch (src/run.ts), module loading, GC, idle. */
  byPart: Entry[];
}

/** Files that only dispatch: a sample is charged to the stage or emitter they call, not to them. */
const DISPATCHERS = new Set(['src/cli.ts', 'src/run.ts', 'src/pipeline.ts', 'src/index.ts', 'src/emit/index.ts']);

/**
 * The part of pubcom a sample belongs to: the outermost frame in src/ outside
 * the dispatchers (`src/stages/segment.ts segment`); else the innermost
 * src/run.ts frame (the batch and its file I/O); else module loading; else the
 * native entry ((idle), (garbage collector), …) or the leaf's file.
 */
function partOf(stack: readonly ProfileNode[], location: (node: ProfileNode) => string): string {
  let batch: string | null = null;
  for (let index = stack.length - 1; index >= 0; index--) {
    const node = stack[index] as ProfileNode;
    const where = location(node);
    if (where.startsWith('src/') && !DISPATCHERS.has(where)) return `${where} ${node.callFrame.functionName || '(anonymous)'}`;
  }
  for (const node of stack) {
    const where = location(node);
    if (where === 'src/run.ts') {
      batch = `src/run.ts ${node.callFrame.functionName || '(anonymous)'}`;
      break;
    }
  }
  if (batch !== null) return batch;
  if (stack.some((node) => node.callFrame.url.startsWith('node:internal/modules/'))) return 'module loading (node:internal/modules)';
  const leaf = stack[0];
  if (!leaf) return '(unknown)';
  if (leaf.callFrame.url === '') return `(native) ${leaf.callFrame.functionName}`;
  for (let index = stack.length - 1; index >= 0; index--) {
    const where = location(stack[index] as ProfileNode);
    if (where.includes('node_modules/')) return `other: ${packageOf(where)} (called asynchronously)`;
  }
  return `other: ${location(leaf)}`;
}

/** A readable location: node_modules/pkg/…, src/….ts for dist/….js, node:… for built-ins, (native) otherwise. */
export function shortUrl(url: string, root: string): string {
  if (url === '') return '(native)';
  let file = url;
  if (url.startsWith('file://')) {
    try {
      file = fileURLToPath(url);
    } catch {
      return url;
    }
  }
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(root, file);
  if (relative.startsWith('..')) return file;
  const dist = /^dist[\\/](.*)\.js$/.exec(relative);
  return dist?.[1] !== undefined ? `src/${dist[1].replace(/\\/g, '/')}.ts` : relative.replace(/\\/g, '/');
}

function packageOf(location: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(location);
  if (match?.[1] !== undefined) return match[1];
  if (location.startsWith('src/')) return 'pubcom (src/)';
  if (location.startsWith('node:')) return 'node built-ins';
  return location;
}

function sorted(map: Map<string, number>, totalMs: number, top: number): Entry[] {
  return [...map.entries()]
    .map(([name, ms]) => ({ name, ms, share: totalMs > 0 ? ms / totalMs : 0 }))
    .sort((a, b) => b.ms - a.ms || (a.name < b.name ? -1 : 1))
    .slice(0, top);
}

export function summariseProfile(profile: CpuProfile, root: string, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const location = (node: ProfileNode): string => shortUrl(node.callFrame.url, root);
  const functionKey = (node: ProfileNode): string => {
    const frame = node.callFrame;
    const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
    return frame.url === '' ? name : `${name}  ${location(node)}:${frame.lineNumber + 1}`;
  };

  // Time per sample: the delta to the next sample (the last one gets the mean), in ms.
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const mean = samples.length > 0 ? totalMs / samples.length : 0;
  const weights = new Map<number, number>();
  if (samples.length > 0 && deltas.length === samples.length) {
    samples.forEach((id, index) => {
      const next = deltas[index + 1];
      weights.set(id, (weights.get(id) ?? 0) + (next !== undefined ? next / 1000 : mean));
    });
  } else {
    for (const node of profile.nodes) weights.set(node.id, (node.hitCount ?? 0) * mean);
  }

  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPart = new Map<string, number>();
  for (const [id, ms] of weights) {
    const node = byId.get(id);
    if (!node || ms === 0) continue;
    const stack: ProfileNode[] = [];
    for (let current: ProfileNode | undefined = node; current; current = byId.get(parent.get(current.id) ?? -1)) stack.push(current);
    const part = partOf(stack, location);
    byPart.set(part, (byPart.get(part) ?? 0) + ms);
    const where = node.callFrame.url === '' ? `(native) ${node.callFrame.functionName}` : location(node);
    selfByFunction.set(functionKey(node), (selfByFunction.get(functionKey(node)) ?? 0) + ms);
    selfByFile.set(where, (selfByFile.get(where) ?? 0) + ms);
    const pkg = node.callFrame.url === '' ? where : packageOf(where);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + ms);
    const seen = new Set<string>();
    for (const current of stack) {
      if (!location(current).startsWith('src/')) continue;
      const key = functionKey(current);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  return {
    totalMs,
    samples: samples.length,
    selfByFunction: sorted(selfByFunction, totalMs, top),
    selfByFile: sorted(selfByFile, totalMs, top),
    selfByPackage: sorted(selfByPackage, totalMs, top),
    inclusiveProject: sorted(inclusive, totalMs, top),
    byPart: sorted(byPart, totalMs, top),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const table = (title: string, entries: Entry[]): string =>
    [`### ${title}`, '', '| ms | share | where |', '|---:|---:|---|', ...entries.map((entry) => `| ${entry.ms.toFixed(0)} | ${(entry.share * 100).toFixed(1)} % | \`${entry.name.replace(/\|/g, '\\|')}\` |`), ''].join('\n');
  return [
    `Profile: ${summary.totalMs.toFixed(0)} ms, ${summary.samples} samples.`,
    '',
    table('Time by part of pubcom (each sample counted once)', summary.byPart),
    table('Self time by function', summary.selfByFunction),
    table('Self time by package', summary.selfByPackage),
    table('Self time by file', summary.selfByFile),
    table('Inclusive time of pubcom functions (self + callees)', summary.inclusiveProject),
  ].join('\n');
}

const invokedAs = process.argv[1];
if (invokedAs !== undefined && import.meta.url === pathToFileURL(invokedAs).href) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: node dist/bench/profile.js FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${formatSummary(summariseProfile(profile, root, Number(process.argv[3] ?? 25)))}\n`);
}
