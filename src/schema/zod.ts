/**
 * The parts of zod that pubcom's schemas use, imported by name: the bundle
 * then leaves out the rest of zod (its error messages in forty languages
 * among them), which every start of the CLI would otherwise parse.
 */
export { array, boolean, discriminatedUnion, enum, literal, looseObject, number, object, record, strictObject, string, unknown } from 'zod';
export type { infer } from 'zod';
