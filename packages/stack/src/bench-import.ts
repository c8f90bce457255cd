import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { signToken } from '@thidua/kit';
import { referenceData } from '@thidua/kit/reference';
import { postGraphQL } from '@thidua/kit/testing';

/** How many observations the import benchmark sends in one file. */
export const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

const FIRST_YEAR = 2000;
const LAST_YEAR = 2024;

/** A value every unit accepts, different from cell to cell. */
function valueFor(unit: string, scaleMax: number | null, seed: number): number {
  const spread = (seed * 7919) % 1000;
  if (unit === 'COUNT') return spread;
  if (unit === 'PERCENT' || scaleMax === null) return spread / 10;
  return (scaleMax * spread) / 1000;
}

/**
 * `npm run bench`, import part: builds one .xlsx of IMPORT_ROWS observations
 * (a row per province and year from 2000, a column per indicator; extra
 * bench indicators are defined on the bench's throwaway database to reach the
 * count) and times `POST /import/observations` end to end: reading the
 * workbook, the GraphQL mutation through the gateway, checks and the one
 * transaction that stores it all. Then the same file again, which changes nothing.
 */
export async function benchImport(gatewayUrl: string, authSecret: string): Promise<string[]> {
  const baseUrl = gatewayUrl.replace(/\/graphql$/, '');
  const token = await signToken(authSecret, { sub: 'bench', role: 'admin' }, '1h');
  const registry = referenceData().provinces;
  const provinceYears: [string, number][] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const province of registry.all())
      if (registry.existedIn(province.id, year)) provinceYears.push([province.id, year]);
  }
  const catalogue = await postGraphQL(gatewayUrl, '{ indicators { code unit scaleMax } }');
  const indicators: { code: string; unit: string; scaleMax: number | null }[] = catalogue.data!.indicators;
  const needed = Math.ceil(IMPORT_ROWS / provinceYears.length);
  for (let i = indicators.length; i < needed; i++) {
    const code = `bench.indicator_${String(i).padStart(2, '0')}`;
    const defined = await postGraphQL(
      gatewayUrl,
      `mutation ($input: IndicatorInput!) { defineIndicator(input: $input) { code unit scaleMax } }`,
      {
        token,
        variables: {
          input: { code, name: `Chỉ tiêu thử ${i}`, unit: 'PERCENT', direction: 'HIGHER_IS_BETTER', pillar: 'Thử tải' },
        },
      },
    );
    if (defined.errors) throw new Error(`defineIndicator: ${JSON.stringify(defined.errors)}`);
    indicators.push(defined.data!.defineIndicator);
  }
  const columns = indicators.slice(0, needed);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Số liệu');
  sheet.addRow(['provinceId', 'year', ...columns.map((c) => c.code)]);
  let count = 0;
  for (const [r, [province, year]] of provinceYears.entries()) {
    if (count >= IMPORT_ROWS) break;
    const cells = columns.slice(0, Math.min(columns.length, IMPORT_ROWS - count));
    sheet.addRow([province, year, ...cells.map((c, i) => valueFor(c.unit, c.scaleMax, r * columns.length + i))]);
    count += cells.length;
  }
  const file = Buffer.from(await workbook.xlsx.writeBuffer());

  const send = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/import/observations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-file-name': 'bench.xlsx',
      },
      body: new Uint8Array(file),
    });
    const answer = (await response.json()) as { rows: number; stored: number; unchanged: number; errorCount: number };
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200 || answer.errorCount > 0) {
      throw new Error(`import failed (${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
    }
    return { seconds, answer };
  };
  const first = await send();
  const again = await send();
  const size = `${(file.length / 1024 / 1024).toFixed(1)} MB`;
  return [
    `import ${first.answer.rows} observations (.xlsx, ${size}): ${first.seconds.toFixed(2)} s, ${first.answer.stored} stored`,
    `same file again: ${again.seconds.toFixed(2)} s, ${again.answer.unchanged} unchanged, ${again.answer.stored} stored`,
  ];
}
