import { cellAt, cellReference, columnLetter, type Grid } from './sheet.js';
import { shownValue } from './values.js';

/** A cell of a sheet: its row and column, from 0. */
export type Position = [row: number, column: number];

/** A refused cell, as the importer shows it. */
export interface ImportError {
  sheet: string;
  /** The row number Excel shows (from 1). */
  row: number;
  /** The column letter Excel shows. */
  column: string;
  /** `Sheet1!D7`. */
  cell: string;
  /** The cell as Excel shows it. */
  value: string;
  message: string;
}

/** The refusal of the cell at `position` of `grid`, named as Excel names it. */
export function errorAt(grid: Grid, [row, column]: Position, message: string): ImportError {
  return {
    sheet: grid.name,
    row: row + 1,
    column: columnLetter(column),
    cell: cellReference(grid.name, row, column),
    value: shownValue(cellAt(grid, row, column)),
    message,
  };
}
