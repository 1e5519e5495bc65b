/**
 * Summarise the V8 `.cpuprofile` files of one run (from `node --cpu-prof`; one
 * per thread when the CLI converts on worker threads): time per part of
 * pubcom (stage, emitter, batch I/O, module loading, GC), self time per
 * function (functionName + file + line), per file and per package, and
 * inclusive time of the project's own functions (dist/… -> src/….ts).
 *
 *   node dist/bench/profile.js /tmp/pubcom-bench-seed/*.cpuprofile [--top N]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

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
  /** Profiles summed: one per thread (the main thread and each worker). */
  threads: number;
  /** Profiled time summed over the threads. */
  totalMs: number;
  /** Of which (idle): the thread waiting (file system, workers, timers). */
  idleMs: number;
  /** totalMs - idleMs: what every share below is a share of. */
  busyMs: number;
  samples: number;
  selfByFunction: Entry[];
  selfByFile: Entry[];
  selfByPackage: Entry[];
  /** Inclusive (self + callees) time of functions in the project's own code, recursion counted once. */
  inclusiveProject: Entry[];
  /** Every busy sample charged to one part: a pipeline stage or emitter, the batch (src/run.ts), module loading, GC. */
  byPart: Entry[];
}

/**
 * The part of pubcom a sample belongs to. The pipeline's parts live in
 * subfolders of src/ (stages/, normalize/, emit/, schema/): the sample goes to
 * the outermost frame there that is not a folder's index.ts dispatcher
 * (`src/stages/segment.ts segment`). Otherwise it belongs to the batch, the
 * top-level src/*.ts files (run, convert-file, worker, pipeline: listing,
 * reading, writing, threads), charged to the innermost such frame, except
 * under load-bundle.ts, which is module loading, as node's loader is. Then
 * module loading, then the native entry ((garbage collector), …) or the package that
 * runs asynchronously (fast-csv's streams).
 */
function partOf(stack: readonly ProfileNode[], location: (node: ProfileNode) => string): string {
  let dispatcher: string | null = null;
  for (let index = stack.length - 1; index >= 0; index--) {
    const node = stack[index] as ProfileNode;
    const where = location(node);
    if (!/^src\/[^/]+\//.test(where)) continue;
    const label = `${where} ${node.callFrame.functionName || '(anonymous)'}`;
    if (!where.endsWith('/index.ts')) return label;
    dispatcher ??= label;
  }
  if (dispatcher !== null) return dispatcher;
  if (stack.some((node) => location(node) === 'src/load-bundle.ts')) return 'module loading (src/load-bundle.ts: the bundle and its code cache)';
  for (const node of stack) {
    const where = location(node);
    if (/^src\/[^/]+\.ts$/.test(where)) return `${where} ${node.callFrame.functionName || '(anonymous)'} (batch)`;
  }
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

/**
 * Where a frame's code was written. The CLI and the worker run the esbuild
 * bundle dist/pubcom.cjs (minified); its source map leads back to the files
 * tsc emitted (dist/stages/segment.js, …) and to node_modules, so samples are
 * charged to the stage, not to the bundle.
 */
function originalFrames(): (frame: CallFrame) => { url: string; line: number } {
  const maps = new Map<string, TraceMap | null>();
  const mapOf = (url: string): TraceMap | null => {
    if (!maps.has(url)) {
      const file = url.startsWith('file://') ? fileURLToPath(url) : null;
      const mapFile = file === null ? null : `${file}.map`;
      maps.set(url, mapFile !== null && existsSync(mapFile) ? new TraceMap(readFileSync(mapFile, 'utf8'), pathToFileURL(mapFile).href) : null);
    }
    return maps.get(url) ?? null;
  };
  return (frame) => {
    const map = mapOf(frame.url);
    const original = map ? originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(frame.columnNumber, 0) }) : null;
    return original?.source ? { url: original.source, line: original.line ?? frame.lineNumber + 1 } : { url: frame.url, line: frame.lineNumber + 1 };
  };
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

/** Sum several profiles (the threads of one run). Shares are of busy time: (idle) is reported apart. */
export function summariseProfiles(profiles: readonly CpuProfile[], root: string, top = 25): ProfileSummary {
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPart = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number): void => {
    map.set(key, (map.get(key) ?? 0) + ms);
  };
  const original = originalFrames();
  const location = (node: ProfileNode): string => shortUrl(original(node.callFrame).url, root);
  const functionKey = (node: ProfileNode): string => {
    const frame = node.callFrame;
    const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
    return frame.url === '' ? name : `${name}  ${location(node)}:${original(frame).line}`;
  };
  let totalMs = 0;
  let idleMs = 0;
  let sampleCount = 0;

  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    // Time per sample: the delta to the next sample (the last one gets the mean), in ms.
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    const durationMs = (profile.endTime - profile.startTime) / 1000;
    totalMs += durationMs;
    sampleCount += samples.length;
    const mean = samples.length > 0 ? durationMs / samples.length : 0;
    const weights = new Map<number, number>();
    if (samples.length > 0 && deltas.length === samples.length) {
      samples.forEach((id, index) => {
        const next = deltas[index + 1];
        weights.set(id, (weights.get(id) ?? 0) + (next !== undefined ? next / 1000 : mean));
      });
    } else {
      for (const node of profile.nodes) weights.set(node.id, (node.hitCount ?? 0) * mean);
    }

    for (const [id, ms] of weights) {
      const node = byId.get(id);
      if (!node || ms === 0) continue;
      if (node.callFrame.url === '' && node.callFrame.functionName === '(idle)') {
        idleMs += ms;
        continue;
      }
      const stack: ProfileNode[] = [];
      for (let current: ProfileNode | undefined = node; current; current = byId.get(parent.get(current.id) ?? -1)) stack.push(current);
      add(byPart, partOf(stack, location), ms);
      const where = node.callFrame.url === '' ? `(native) ${node.callFrame.functionName}` : location(node);
      add(selfByFunction, functionKey(node), ms);
      add(selfByFile, where, ms);
      add(selfByPackage, node.callFrame.url === '' ? where : packageOf(where), ms);
      const seen = new Set<string>();
      for (const current of stack) {
        if (!location(current).startsWith('src/')) continue;
        const key = functionKey(current);
        if (seen.has(key)) continue;
        seen.add(key);
        add(inclusive, key, ms);
      }
    }
  }
  const busyMs = Math.max(totalMs - idleMs, 0);
  return {
    threads: profiles.length,
    totalMs,
    idleMs,
    busyMs,
    samples: sampleCount,
    selfByFunction: sorted(selfByFunction, busyMs, top),
    selfByFile: sorted(selfByFile, busyMs, top),
    selfByPackage: sorted(selfByPackage, busyMs, top),
    inclusiveProject: sorted(inclusive, busyMs, top),
    byPart: sorted(byPart, busyMs, top),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const table = (title: string, entries: Entry[]): string =>
    [`### ${title}`, '', '| ms | share of busy | where |', '|---:|---:|---|', ...entries.map((entry) => `| ${entry.ms.toFixed(0)} | ${(entry.share * 100).toFixed(1)} % | \`${entry.name.replace(/\|/g, '\\|')}\` |`), ''].join('\n');
  return [
    `Profile: ${summary.threads} thread${summary.threads === 1 ? '' : 's'} (main${summary.threads > 1 ? ' + workers' : ''}), ${summary.totalMs.toFixed(0)} ms profiled in all, ${summary.idleMs.toFixed(0)} ms of it (idle) (a thread waiting: file system, workers), ${summary.busyMs.toFixed(0)} ms busy; ${summary.samples} samples. Shares are of the busy time.`,
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
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1] ?? 25) : 25;
  const files = args.filter((_arg, index) => topAt < 0 || (index !== topAt && index !== topAt + 1));
  if (files.length === 0) {
    process.stderr.write('usage: node dist/bench/profile.js FILE.cpuprofile... [--top N]   (the files of one run: main thread and workers)\n');
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const profiles = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  process.stdout.write(`${formatSummary(summariseProfiles(profiles, root, top))}\n`);
}
