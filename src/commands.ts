/**
 * argv -> one command's run(). No logic beyond reading options: exit 0 ok, 1
 * some input failed, 2 usage. The review commands are imported only when used,
 * so that `convert` runs no more module code than it needs.
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FORMATS, type Format } from './emit/index.js';
import { HELP } from './help.js';
import { run, type Reporter, type RunSummary } from './run.js';

const reporter: Reporter = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function usageError(message: string): never {
  // The synopsis, not the whole help: fifty lines after it would scroll the mistake off a small terminal.
  process.stderr.write(`pubcom: ${message}\n\n${USAGE}\nRun pubcom --help for the options.\n`);
  process.exit(2);
}

/** The usage lines at the head of {@link HELP}. */
const USAGE = HELP.slice(0, HELP.indexOf('\n\n'));

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  options: Options;
  run(values: Values, positionals: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  convert: {
    options: {
      out: { type: 'string' },
      format: { type: 'string' },
      bom: { type: 'boolean' },
      check: { type: 'boolean' },
      verbose: { type: 'boolean' },
      jobs: { type: 'string' },
      force: { type: 'boolean' },
      prune: { type: 'boolean' },
      quiet: { type: 'boolean' },
      shard: { type: 'string' },
    },
    async run(values, paths) {
      if (paths.length === 0) usageError('missing PATH');
      const out = outDirOf(values);
      const format = typeof values['format'] === 'string' ? values['format'] : FORMATS.join(',');
      const formats = format.split(',').map((name) => name.trim());
      const unknown = formats.filter((name) => !(FORMATS as readonly string[]).includes(name));
      if (unknown.length > 0) usageError(`unknown format ${unknown.map((name) => JSON.stringify(name)).join(', ')}; expected json, jsonld or csv`);
      const check = values['check'] === true;
      const quiet = values['quiet'] === true;
      const stop = stopOnSignals(quiet);
      const interactive = process.stdout.isTTY && process.stderr.isTTY;
      const showProgress = !quiet && !process.env['CI'];
      const summary = await run(
        {
          paths,
          outDir: out,
          formats: formats as Format[],
          bom: values['bom'] === true,
          check,
          verbose: values['verbose'] === true,
          jobs: parseJobs(values['jobs']),
          force: values['force'] === true,
          prune: values['prune'] === true,
          shard: parseShard(values['shard']),
          // A bar only in an interactive session: both streams on a terminal (not `> log`, not `| tee`); else a line a minute on stderr.
          progress: interactive && showProgress ? process.stderr : null,
          progressLog: !interactive && showProgress ? process.stderr : null,
          stopping: stop.stopping,
          interrupted: stop.interrupted,
        },
        reporter,
      ).finally(stop.release);
      if (!quiet) for (const line of summaryTable(summary, check)) reporter.err(line);
      return stop.exitStatus() ?? summary.exitCode;
    },
  },
  diff: {
    options: {},
    async run(_values, specs) {
      const [oldSpec, newSpec, ...extra] = specs;
      if (oldSpec === undefined || newSpec === undefined || extra.length > 0) usageError('diff needs OLD and NEW');
      const { runDiff } = await import('./review/diff-run.js');
      return runDiff(oldSpec, newSpec, reporter);
    },
  },
  view: {
    options: { out: { type: 'string' }, output: { type: 'string' }, input: { type: 'string' } },
    async run(values, names) {
      if (names.length === 0) usageError('missing NAME');
      const out = outDirOf(values);
      const { runView } = await import('./review/view-run.js');
      return runView({ names, outDir: out, outputDir: stringOr(values['output'], 'output'), inputDir: stringOr(values['input'], 'input') }, reporter);
    },
  },
  eval: {
    options: { gold: { type: 'string' }, output: { type: 'string' }, out: { type: 'string' } },
    async run(values, extra) {
      if (extra.length > 0) usageError(`unexpected ${extra.join(' ')}`);
      const report = values['out'];
      const { runEval } = await import('./review/eval-run.js');
      return runEval(
        { goldDir: stringOr(values['gold'], 'test/gold'), outputDir: stringOr(values['output'], 'output'), ...(typeof report === 'string' ? { report } : {}) },
        reporter,
      );
    },
  },
};

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ctrl-C (or SIGTERM, as a job scheduler sends at its time limit, or SIGHUP,
 * as a closed terminal or a lost ssh session sends): the first lets the
 * notices in progress finish, then the batch ends with its manifest and
 * summary; a second ends the process at once, once run() has saved the
 * manifest of the notices converted so far. Either way the next run skips
 * what was converted, and the exit status is 128 + the signal's number.
 */
function stopOnSignals(quiet: boolean): { stopping: AbortSignal; interrupted: AbortSignal; release(): void; exitStatus(): number | null } {
  const stopping = new AbortController();
  const interrupted = new AbortController();
  let received: NodeJS.Signals | null = null;
  const exitStatus = (): number | null => (received === null ? null : 128 + constants.signals[received]);
  const onSignal = (signal: NodeJS.Signals): void => {
    const name = signal === 'SIGINT' ? 'Ctrl-C' : signal;
    if (received === null) {
      received = signal;
      stopping.abort();
      if (!quiet) reporter.err(`pubcom: stopping once the notices in progress are done (${name} again stops at once)`);
      return;
    }
    received = signal;
    interrupted.abort();
    if (!quiet) reporter.err('pubcom: interrupted; the manifest lists the notices converted so far, and the next run skips them');
    process.exit(exitStatus() ?? 1);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    stopping: stopping.signal,
    interrupted: interrupted.signal,
    exitStatus,
    release() {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}

function parseJobs(value: string | boolean | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) usageError(`--jobs ${String(value)}: expected a whole number from 1 to 256`);
  return jobs;
}

function parseShard(value: string | boolean | undefined): { index: number; count: number } | null {
  if (value === undefined) return null;
  const match = /^(\d+)\/(\d+)$/.exec(String(value));
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) usageError(`--shard ${String(value)}: expected K/N with 1 <= K <= N`);
  return { index, count };
}

/** The closing table of a batch, on stderr: files by fate, records, diagnostics by severity, wall time. */
export function summaryTable(summary: RunSummary, check: boolean): string[] {
  const rows: [string, string][] = [
    [check ? 'files checked' : 'files converted', String(summary.converted)],
    ['files skipped (unchanged)', String(summary.skipped)],
    ['files failed', String(summary.failed)],
    ...(summary.stopped > 0 ? ([[check ? 'files not checked (stopped)' : 'files not converted (stopped)', String(summary.stopped)]] as [string, string][]) : []),
    ...(summary.removed > 0 ? ([['notices removed (--prune)', String(summary.removed)]] as [string, string][]) : []),
    ['opinions', String(summary.opinions)],
    ['comments', String(summary.comments)],
    ['errors', String(summary.counts.error)],
    ['warnings', String(summary.counts.warning)],
    ['infos', String(summary.counts.info)],
    ...(check ? ([['outputs that differ', String(summary.stale.length)]] as [string, string][]) : []),
    ['wall time', `${(summary.wallMs / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`pubcom: ${summary.files} files`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
}

/**
 * A reader of stdout or stderr that goes away (`2>&1 | head`, a pager quit
 * early, a closed terminal) ends neither the batch nor its manifest: what is
 * left to print is dropped, and the exit status still tells how the
 * conversion went. Without this, node's EPIPE error ended the process
 * midway, its manifest unwritten.
 */
function keepGoingWithoutReader(): void {
  for (const stream of [process.stdout, process.stderr]) {
    // Once per stream, however often runCli is called (the build calls it for each notice it warms the code cache with).
    if (!stream.listeners('error').includes(ignoreGoneReader)) stream.on('error', ignoreGoneReader);
  }
}

function ignoreGoneReader(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
}

/** `--out DIR`, required; an empty DIR (`--out "$UNSET"`) is as missing, not the current folder. */
function outDirOf(values: Record<string, string | boolean | undefined>): string {
  const out = values['out'];
  if (typeof out !== 'string' || out.trim() === '') usageError('missing --out DIR');
  // Said at once, rather than as a failed write of every notice of the batch after converting it.
  if (isFile(out)) usageError(`--out ${out}: a file, expected a folder (or a path where one can be made)`);
  return out;
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isDirectory() === false;
  } catch {
    return false; // not reachable (a file in the path, no permission): the writes report it
  }
}

function stringOr(value: string | boolean | undefined, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Run the command `argv` names; resolves to the exit status. */
export async function runCli(argv: string[]): Promise<number> {
  keepGoingWithoutReader();
  const [name, ...rest] = argv;
  if (name === undefined) usageError('missing command');
  if (name === '-h' || name === '--help') {
    reporter.out(HELP);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    reporter.out(pkg.version);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) usageError(`unknown command ${name}`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { ...command.options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values['help'] === true) {
    reporter.out(HELP);
    return 0;
  }
  return command.run(parsed.values as Values, parsed.positionals);
}
