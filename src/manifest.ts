/**
 * The manifest of an output folder (`pubcom-manifest.json`): for each notice,
 * the sha256 of its input and overrides, and the build of pubcom and the
 * settings that converted it. An input whose entry still matches is skipped
 * on the next run. No time stamps or paths: it diffs cleanly in pull requests.
 */
import path from 'node:path';
import { location } from 'vfile-location';
import * as z from './schema/zod.js';
import { compareCodeUnits } from './diagnostics.js';
import { readRegularFile } from './files.js';

export const MANIFEST_FILE = 'pubcom-manifest.json';

const Entry = z.strictObject({
  file: z.string(),
  sha256: z.string(),
  overridesSha256: z.string().nullable(),
  outputs: z.array(z.string()),
});
export type ManifestEntry = z.infer<typeof Entry>;

export const Manifest = z.strictObject({
  pubcom: z.string().describe('version of the package'),
  build: z.string().describe('sha256 of the converter code: any code change reconverts everything'),
  settings: z.string().describe('formats and options the outputs were written with'),
  notices: z.record(z.string(), Entry),
});
export type Manifest = z.infer<typeof Manifest>;

/** The text of the manifest in `outDir`, or null when there is none or it is no regular file. */
export function readManifestText(outDir: string): string | null {
  const bytes = readRegularFile(path.join(outDir, MANIFEST_FILE));
  return bytes instanceof Buffer ? bytes.toString('utf8') : null;
}

/** The manifest in `outDir`, or null when it is missing, unreadable, or no manifest of this format. */
export function readManifest(outDir: string): Manifest | null {
  return readManifestChecked(outDir).manifest;
}

/**
 * {@link readManifest}, with a warning when a manifest is there but cannot be
 * used: a merge conflict left in it, an edit by hand, a manifest of another
 * format. Every input is then converted again, and the manifest written anew.
 */
export function readManifestChecked(outDir: string): { manifest: Manifest | null; warning: string | null } {
  const text = readManifestText(outDir);
  if (text === null) return { manifest: null, warning: null };
  const file = path.join(outDir, MANIFEST_FILE);
  const warning = (what: string, place = '1:1'): string => `${file}:${place}: warning: Unexpected ${what}, expected the manifest a run of pubcom wrote: every input is converted again [manifest-invalid]`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const { message } = error as Error;
    // V8 names the offset where it stopped (`… in JSON at position 554`): a merge conflict's `<<<<<<<` line.
    const point = location(text).toPoint(Number(/at position (\d+)/.exec(message)?.[1] ?? 0));
    return { manifest: null, warning: warning(`text that is not JSON (${message})`, point ? `${point.line}:${point.column}` : undefined) };
  }
  const parsed = Manifest.safeParse(json);
  if (parsed.success) return { manifest: parsed.data, warning: null };
  const issue = parsed.error.issues[0];
  return { manifest: null, warning: warning(`manifest field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`) };
}

/** Whether `entry` (this run's view of an input) is what `previous` recorded under the same build and settings. */
export function isUnchanged(previous: Manifest | null, current: Pick<Manifest, 'build' | 'settings'>, id: string, entry: Omit<ManifestEntry, 'outputs'>): boolean {
  const recorded = previous?.notices[id];
  return (
    previous !== null &&
    recorded !== undefined &&
    previous.build === current.build &&
    previous.settings === current.settings &&
    recorded.file === entry.file &&
    recorded.sha256 === entry.sha256 &&
    recorded.overridesSha256 === entry.overridesSha256
  );
}

/** Entries sorted by id (code units), so the bytes depend on nothing but the content. */
export function serializeManifest(manifest: Manifest): string {
  const notices = Object.fromEntries(Object.entries(manifest.notices).sort(([a], [b]) => compareCodeUnits(a, b)));
  return JSON.stringify({ ...manifest, notices }, undefined, 2) + '\n';
}
