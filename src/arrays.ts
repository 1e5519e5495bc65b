/** Small helpers over arrays and iterables. */

/**
 * Appends `items` one at a time: `target.push(...items)` passes every item as
 * an argument, and some 150,000 of them (a cell's nodes, a table's rows, a
 * folder's files) overflow the call stack.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** Appended last first, so that popping an explicit stack visits `items` in order. */
export function pushReversed<T>(target: T[], items: readonly T[]): void {
  for (let index = items.length - 1; index >= 0; index--) target.push(items[index] as T);
}

/** The items of `items` that `keep` keeps, as they come (node 20 has no iterator helpers). */
export function* filtered<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}
