/** pubcom's public API: the pipeline, its emitters and its record schemas. */
export { convertNotice, type Conversion, type NoticeInput } from './pipeline.js';
export { emitAll, FORMATS, type EmitOptions, type Format } from './emit/index.js';
export { toJson } from './emit/json.js';
export { toCsv, CSV_COLUMNS, CSV_TABLES, guardFormula } from './emit/csv.js';
export { toJsonLd, serializeJsonLd, CONTEXT_FILE } from './emit/jsonld.js';
export { run, type RunOptions, type RunSummary } from './run.js';
export { convertFile, loadContext } from './convert-file.js';
export type { FileResult, FileTask } from './file-result.js';
export { RULES, formatMessage, type RuleId } from './diagnostics.js';
export * from './schema/records.js';
export { findRefs, parsePlace } from './normalize/refs.js';
export { findPeriod, parsePeriod, parseWarekiDate } from './normalize/dates.js';
