import type { Request } from 'express';
import { HttpFailure, type GatewayApi } from './api.js';
import { commendationColumns, tallyColumns } from './commendations-template.js';
import { formAliases, formLabels, recipientKindLabels } from './labels.js';
import { findLayout, type FieldSpec, type Layout } from './layout.js';
import type { ImportAnswer } from './observations-import.js';
import { errorAt, type ImportError } from './cell-error.js';
import { cellAt, readSpreadsheet, type Grid, type Upload } from './sheet.js';
import { formatDate, isBlank, matchKey, readDate, readInteger, readYear, textOf } from './values.js';

/** A row read from a sheet: the API's input and where each field came from. */
interface ParsedRow {
  grid: Grid;
  row: number;
  at: Map<string, number>;
  input: Record<string, string | number | null>;
  /** A province given by name, to turn into an id with the year it names. */
  provinceName: string | null;
}

const extraHeadings: Record<string, string[]> = {
  province: ['Tỉnh', 'Thành phố'],
  form: ['Hình thức'],
  recipientName: ['Tên', 'Tên đơn vị, cá nhân'],
  citation: ['Trích yếu'],
  source: ['Nguồn số liệu'],
};

function specOf(columns: typeof commendationColumns): FieldSpec[] {
  return columns.map(([code, heading]) => ({ role: code, headings: [code, heading, ...(extraHeadings[code] ?? [])] }));
}

const commendationSpec = specOf(commendationColumns);
const tallySpec = specOf(tallyColumns);
const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Form and recipient kind by code or by Vietnamese name (the catalogue's or the dashboard's). */
function vocabulary(catalogue: { form: string; name: string }[]) {
  const forms = new Map<string, string>();
  for (const entry of catalogue) {
    forms.set(matchKey(entry.form), entry.form);
    forms.set(matchKey(entry.name), entry.form);
    if (formLabels[entry.form]) forms.set(matchKey(formLabels[entry.form]), entry.form);
    // Files made with older templates name the Ministry's forms with the ministry.
    for (const alias of formAliases[entry.form] ?? []) forms.set(matchKey(alias), entry.form);
  }
  const kinds = new Map<string, string>();
  for (const [kind, label] of Object.entries(recipientKindLabels)) {
    kinds.set(matchKey(kind), kind);
    kinds.set(matchKey(label), kind);
  }
  return { forms, kinds };
}

/** Reads one sheet's rows into API input; cells the file gets wrong become errors. */
function parseSheet(
  layout: Layout,
  kind: 'commendations' | 'tallies',
  words: ReturnType<typeof vocabulary>,
  errors: ImportError[],
): ParsedRow[] {
  const { grid, headerEnd, columns } = layout;
  const parsed: ParsedRow[] = [];
  const content = [...columns.entries()].filter(([role]) => role !== 'provinceId' && role !== 'province');
  for (let row = headerEnd + 1; row < grid.rows.length; row++) {
    if (content.every(([, column]) => isBlank(cellAt(grid, row, column)))) continue;
    const cell = (role: string) => (columns.has(role) ? cellAt(grid, row, columns.get(role)!) : { value: null });
    const fail = (role: string, message: string) => errors.push(errorAt(grid, [row, columns.get(role) ?? 0], message));
    const text = (role: string) => textOf(cell(role)) || null;
    const input: Record<string, string | number | null> = {};
    let ok = true;
    const idText = text('provinceId');
    const province = idText ?? text('province');
    if (!province) {
      fail(columns.has('provinceId') ? 'provinceId' : 'province', 'names no province');
      ok = false;
    }
    input.provinceId = province && slug.test(province) ? province : null;
    for (const [role, map, what] of [
      ['form', words.forms, 'a form of commendation (see sheet "Giải thích")'],
      ['recipientKind', words.kinds, 'a kind of recipient (Sở, Tập thể or Cá nhân)'],
    ] as const) {
      const value = text(role);
      input[role] = value ? (map.get(matchKey(value)) ?? null) : null;
      if (!input[role]) {
        fail(role, value ? `is not ${what}` : `is empty: it needs ${what}`);
        ok = false;
      }
    }
    for (const role of ['year', 'periodFrom', 'periodTo'] as const) {
      if (isBlank(cell(role))) continue;
      const read = readYear(cell(role));
      if (read.ok) input[role] = read.value;
      else {
        fail(role, read.reason);
        ok = false;
      }
    }
    if (kind === 'commendations') {
      input.year ??= input.periodTo ?? null;
      if (input.year === null) {
        fail('year', 'is empty: give the year, or the period (Từ năm, Đến năm)');
        ok = false;
      }
      input.recipientName = text('recipientName') ?? '';
      let decision = text('decision');
      if (!isBlank(cell('decisionDate'))) {
        const date = readDate(cell('decisionDate'));
        if (!date.ok) {
          fail('decisionDate', date.reason);
          ok = false;
        } else if (!decision) {
          fail('decisionDate', 'has no decision number beside it ("Số quyết định")');
          ok = false;
        } else decision = `${decision} ngày ${formatDate(new Date(`${date.value}T00:00:00Z`))}`;
      }
      input.decision = decision;
    } else {
      input.periodFrom ??= input.periodTo ?? null;
      input.periodTo ??= input.periodFrom ?? null;
      if (input.periodFrom === null) {
        fail('periodFrom', 'is empty: give the year or the period the count covers');
        ok = false;
      }
      const count = readInteger(cell('count'));
      if (count.ok) input.count = count.value;
      else {
        fail('count', count.reason);
        ok = false;
      }
      input.source = text('source') ?? '';
    }
    input.citation = text('citation');
    if (kind === 'commendations') input.source = text('source');
    if (ok) {
      const provinceName = input.provinceId ? null : province;
      parsed.push({ grid, row, at: columns, input, provinceName });
    }
  }
  return parsed;
}

/** Turns province names into ids, with the units that existed at the end of the row's year. */
async function resolveNames(api: GatewayApi, req: Request, rows: ParsedRow[], errors: ImportError[]) {
  const yearOf = (r: ParsedRow) => Number(r.input.year ?? r.input.periodTo);
  const years = [...new Set(rows.filter((r) => r.provinceName).map(yearOf))];
  if (years.length === 0) return rows;
  const data = await api.run<Record<string, { id: string; name: string }[]>>(
    req,
    `query ImportProvinceNames { ${years.map((y) => `y${y}: provinces(asOf: "${y}-12-31") { id name }`).join(' ')} }`,
  );
  return rows.filter((r) => {
    if (!r.provinceName) return true;
    const id = data[`y${yearOf(r)}`].find((p) => matchKey(p.name) === matchKey(r.provinceName!))?.id;
    if (id) r.input.provinceId = id;
    else {
      const column = r.at.get('province') ?? r.at.get('provinceId') ?? 0;
      errors.push(errorAt(r.grid, [r.row, column], `is not a province that existed in ${yearOf(r)}`));
    }
    return Boolean(id);
  });
}

const ImportMutation = `mutation ImportCommendations($commendations: [CommendationInput!]!, $tallies: [TallyInput!]!, $dryRun: Boolean!) {
  importCommendations(commendations: $commendations, tallies: $tallies, dryRun: $dryRun) {
    commendations { rows stored unchanged }
    tallies { rows stored unchanged }
    errorCount
    errors { list row field message }
  }
}`;

interface Count {
  rows: number;
  stored: number;
  unchanged: number;
}

export interface CommendationImportAnswer extends ImportAnswer {
  commendations: Count;
  tallies: Count;
}

/**
 * POST /import/commendations: the commendation template (or a file with the
 * same columns), both sheets stored together through `importCommendations`,
 * all or nothing, every refused cell named.
 */
export async function importCommendationFile(
  api: GatewayApi,
  req: Request,
  upload: Upload,
  options: { dryRun: boolean },
): Promise<CommendationImportAnswer> {
  const grids = await readSpreadsheet(upload);
  const { commendationCatalogue } = await api.run<{ commendationCatalogue: { form: string; name: string }[] }>(
    req,
    'query ImportCatalogue { commendationCatalogue { form name } }',
  );
  const words = vocabulary(commendationCatalogue);
  const errors: ImportError[] = [];
  let commendations: ParsedRow[] = [];
  let tallies: ParsedRow[] = [];
  for (const grid of grids) {
    const asTallies = findLayout(grid, tallySpec);
    const asCommendations = findLayout(grid, commendationSpec);
    if (asTallies?.columns.has('count')) tallies.push(...parseSheet(asTallies, 'tallies', words, errors));
    else if (asCommendations?.columns.has('recipientName')) {
      commendations.push(...parseSheet(asCommendations, 'commendations', words, errors));
    }
  }
  if (
    commendations.length + tallies.length + errors.length === 0 &&
    !grids.some((g) => findLayout(g, commendationSpec))
  ) {
    throw new HttpFailure(
      422,
      'No sheet has commendation columns: use the template (GET /import/commendations-template.xlsx)',
    );
  }
  commendations = await resolveNames(api, req, commendations, errors);
  tallies = await resolveNames(api, req, tallies, errors);
  const dryRun = options.dryRun || errors.length > 0;
  const { importCommendations: result } = await api.run<{
    importCommendations: {
      commendations: Count;
      tallies: Count;
      errorCount: number;
      errors: { list: string; row: number; field: string; message: string }[];
    };
  }>(req, ImportMutation, {
    commendations: commendations.map((r) => r.input),
    tallies: tallies.map((r) => r.input),
    dryRun,
  });
  for (const error of result.errors) {
    const row = (error.list === 'tallies' ? tallies : commendations)[error.row];
    const field = error.field === 'provinceId' && !row.at.has('provinceId') ? 'province' : error.field;
    const column = row.at.get(field) ?? row.at.get('recipientName') ?? row.at.get('count') ?? 0;
    errors.push(errorAt(row.grid, [row.row, column], error.message));
  }
  const errorCount = errors.length - result.errors.length + result.errorCount;
  const refused = errorCount > 0;
  const count = (c: Count) => (refused ? { ...c, stored: 0, unchanged: 0 } : c);
  const rows = commendations.length + tallies.length + errors.length - result.errors.length;
  const stored = refused ? 0 : result.commendations.stored + result.tallies.stored;
  const unchanged = refused ? 0 : result.commendations.unchanged + result.tallies.unchanged;
  const summary = refused
    ? `Nothing stored: ${errorCount} cell(s) refused`
    : rows === 0
      ? 'The file has no commendations to import'
      : stored === 0
        ? `Nothing changed: all ${rows} records are already kept`
        : `${stored} record(s) ${options.dryRun ? 'would be stored' : 'stored'}, ${unchanged} unchanged`;
  return {
    file: upload.name,
    rows,
    stored,
    unchanged,
    dryRun: options.dryRun,
    errorCount,
    errors: errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row),
    summary,
    commendations: count(result.commendations),
    tallies: count(result.tallies),
  };
}
