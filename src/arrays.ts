/**
 * Appending many items at once. `target.push(...items)` passes every item as
 * an argument, and some 150,000 of them (a cell's nodes, a table's rows, a
 * folder's files) overflow the call stack; these append one at a time.
 */

export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** Appended last first, so that popping an explicit stack visits `items` in order. */
export function pushReversed<T>(target: T[], items: readonly T[]): void {
  for (let index = items.length - 1; index >= 0; index--) target.push(items[index] as T);
}
