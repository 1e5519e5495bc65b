/**
 * Where a long batch stands (files, opinions, warnings, errors, ETA): on a
 * terminal, a one-line bar redrawn at most ten times a second; in a log (a
 * batch left overnight with `> log 2>&1`), the same counts on a line of their
 * own every minute. Off in CI and with --quiet.
 */
export interface ProgressState {
  done: number;
  /** Of `done`, the files skipped as unchanged: they take no time, so the ETA leaves them out. */
  skipped: number;
  total: number;
  opinions: number;
  warnings: number;
  errors: number;
}

export interface Progress {
  update(state: ProgressState): void;
  /** Clear the bar's line, so that a diagnostic or the summary printed next starts a line of its own; the next update draws the bar again. */
  clear(): void;
}

/** No progress shown: in CI, with --quiet, or from the API unless asked for. */
export const NO_PROGRESS: Progress = { update() {}, clear() {} };

/** How often a log gets a line of progress: a batch of a minute or less gets none. */
const LOG_LINE_EVERY_MS = 60_000;

export function createProgress(stream: NodeJS.WritableStream & { columns?: number }, mode: 'bar' | 'log', now: () => number = Date.now): Progress {
  /** When the conversions began: the batch's start, or its last update before any file was converted (while unchanged ones were skipped). */
  let started = now();
  /** The time the files converted so far took, at `time`. */
  const elapsed = (state: ProgressState, time: number): number => {
    if (state.done === state.skipped) started = time;
    return time - started;
  };
  if (mode === 'log') {
    let written = started;
    return {
      update(state) {
        const time = now();
        const took = elapsed(state, time);
        if (time - written < LOG_LINE_EVERY_MS || state.done === state.total) return;
        written = time;
        stream.write(`pubcom: ${progressCounts(state, took)}\n`);
      },
      clear() {},
    };
  }
  let drawn: number | null = null;
  return {
    update(state) {
      const time = now();
      const took = elapsed(state, time);
      if (drawn !== null && time - drawn < 100 && state.done < state.total) return;
      drawn = time;
      stream.write(`\r${renderProgress(state, took, stream.columns ?? 80)}\u001b[K`);
    },
    clear() {
      if (drawn === null) return;
      drawn = null;
      stream.write('\r\u001b[K');
    },
  };
}

/** The bar itself: pure, so it can be tested without a terminal. `elapsedMs` is the time the files converted so far took. */
export function renderProgress(state: ProgressState, elapsedMs: number, columns: number): string {
  const fraction = state.total === 0 ? 1 : state.done / state.total;
  const counts = progressCounts(state, elapsedMs);
  const width = Math.max(10, Math.min(30, columns - counts.length - 4));
  const filled = Math.round(fraction * width);
  return `[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${counts}`;
}

/** The counts of the bar and of a log's line. */
function progressCounts(state: ProgressState, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (state.done - state.skipped) / elapsedMs : 0;
  const eta = rate > 0 ? (state.total - state.done) / rate : null;
  return `${state.done}/${state.total} files · ${state.opinions} opinions · ${state.warnings} warnings · ${state.errors} errors · ETA ${eta === null ? '--:--' : clock(eta)}`;
}

function clock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
