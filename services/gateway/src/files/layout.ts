import { cellAt, type Grid } from './sheet.js';
import { matchKey, textOf } from './values.js';

/** A column a sheet may have, and the headings it goes by (the hidden code row's name first). */
export interface FieldSpec {
  role: string;
  headings: string[];
}

/** Where a sheet's header ends and which column holds what. */
export interface Layout {
  grid: Grid;
  /** 0-based index of the last header row; data starts below it. */
  headerEnd: number;
  /** Role → 0-based column. */
  columns: Map<string, number>;
  /** Extra columns a resolver recognised (e.g. indicators by code or name), with the header row it was found on. */
  extra: { key: string; column: number; headerRow: number }[];
}

/** How far down a header may start. */
const HEADER_SCAN_ROWS = 15;

/**
 * Finds the header of a sheet among its first rows: a row is a header row
 * when its cells name known columns (by code, as the template's hidden row
 * does, or by their Vietnamese heading). Merged heading cells count for
 * every column they span (exceljs repeats a merged cell's value), and a
 * heading over several rows is read on each. Null when nothing is known.
 */
export function findLayout(
  grid: Grid,
  fields: readonly FieldSpec[],
  recognise: (heading: string) => string | null = () => null,
): Layout | null {
  const byHeading = new Map<string, string>();
  for (const field of fields) for (const heading of field.headings) byHeading.set(matchKey(heading), field.role);
  const scan = Math.min(HEADER_SCAN_ROWS, grid.rows.length);
  const found: { row: number; column: number; role?: string; key?: string }[] = [];
  const scores: number[] = [];
  for (let row = 0; row < scan; row++) {
    const width = grid.rows[row]?.length ?? 0;
    let score = 0;
    for (let column = 0; column < width; column++) {
      const text = textOf(cellAt(grid, row, column));
      if (!text) continue;
      const key = matchKey(text);
      const role = byHeading.get(key) ?? byHeading.get(key.replace(/\s*\([^)]*\)$/, ''));
      const extra = role ? null : recognise(text);
      if (role || extra) {
        score++;
        found.push({ row, column, role, key: extra ?? undefined });
      }
    }
    scores.push(score);
  }
  const best = Math.max(0, ...scores);
  if (best === 0) return null;
  let headerEnd = 0;
  scores.forEach((score, row) => {
    if (score >= Math.max(1, best / 2)) headerEnd = row;
  });
  // The lowest header row that names a column wins: it is the template's hidden code row.
  const columns = new Map<string, number>();
  const extra: Layout['extra'] = [];
  const assigned = new Set<number>();
  for (const hit of found.filter((f) => f.row <= headerEnd).sort((a, b) => b.row - a.row)) {
    if (assigned.has(hit.column)) continue;
    if (hit.role) {
      if (columns.has(hit.role)) continue;
      columns.set(hit.role, hit.column);
    } else extra.push({ key: hit.key!, column: hit.column, headerRow: hit.row });
    assigned.add(hit.column);
  }
  return { grid, headerEnd, columns, extra: extra.sort((a, b) => a.column - b.column) };
}
