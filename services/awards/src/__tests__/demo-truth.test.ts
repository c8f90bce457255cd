import { CommendationForm } from '../catalogue/catalogue.entity.js';
import { demoCommendations } from '../seed.js';

/* Synthetic demo data never contradicts a published fact of the same province and year. */

const ministry = new Set<string>([CommendationForm.MINISTRY_EMULATION_FLAG, CommendationForm.MINISTRY_CERTIFICATE]);

test.each([
  ['quang-ninh', 2019],
  ['bac-ninh', 2019],
  ['vinh-phuc', 2019],
  ['can-tho', 2022],
  ['long-an', 2021],
])('no synthetic Ministry award for %s in %i, whose record is the published proposal', (provinceId, year) => {
  const rows = demoCommendations().filter((row) => row.provinceId === provinceId && row.year === year);
  expect(rows.filter((row) => ministry.has(row.form))).toEqual([]);
});

test('the demo still has Ministry awards elsewhere, each marked synthetic', () => {
  const rows = demoCommendations();
  expect(rows.filter((row) => ministry.has(row.form)).length).toBeGreaterThan(20);
  expect(new Set(rows.map((row) => row.source))).toEqual(new Set(['demo: synthetic']));
});
