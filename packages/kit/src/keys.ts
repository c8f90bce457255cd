/** Groups items by a string key, keeping their order within each group. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** "cum-3:2019": one string per cluster season (or province-year), for DataLoader's cache. */
export function seasonKey(id: string, year: number): string {
  return `${id}:${year}`;
}

/** The id and year of a {@link seasonKey}. */
export function splitSeasonKey(key: string): [string, number] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
