import { IndicatorUnit } from '../../indicator/indicator.entity.js';
import { deriveFromPredecessors } from '../derive.js';
import { Observation } from '../observation.entity.js';

const observation = (provinceId: string, fields: Partial<Observation>): Observation =>
  Object.assign(new Observation(), {
    provinceId,
    indicatorCode: 'nrd.criterion8_communes_pct',
    year: 2019,
    numerator: null,
    denominator: null,
    source: null,
    revision: 1,
    ...fields,
  });

const units: Record<string, IndicatorUnit> = {
  'nrd.criterion8_communes_pct': IndicatorUnit.PERCENT,
  'dti.digital_society': IndicatorUnit.SCORE,
};
const unitOf = (code: string) => units[code];
const predecessors = ['ha-nam', 'nam-dinh', 'ninh-binh'];

describe('deriveFromPredecessors', () => {
  test('sums numerators and denominators, never averages the shares', () => {
    const [derived] = deriveFromPredecessors(
      'ninh-binh-2025',
      predecessors,
      [
        observation('ha-nam', { value: 100, numerator: 98, denominator: 98 }),
        observation('nam-dinh', { value: 88.4956, numerator: 200, denominator: 226 }),
        observation('ninh-binh', { value: 91.5966, numerator: 109, denominator: 119 }),
      ],
      unitOf,
    );
    expect(derived).toMatchObject({
      provinceId: 'ninh-binh-2025',
      year: 2019,
      value: 91.8736,
      numerator: 407,
      denominator: 443,
      revision: 0,
      recordedBy: null,
      derivedFrom: predecessors,
    });
  });

  test('a ratio that is not a percentage is Σ numerators / Σ denominators without ×100', () => {
    const rows = predecessors.map((id, i) =>
      observation(id, { indicatorCode: 'dti.digital_society', value: 0.5, numerator: i + 1, denominator: 4 }),
    );
    expect(deriveFromPredecessors('ninh-binh-2025', predecessors, rows, unitOf)[0].value).toBe(0.5);
  });

  test('no value when any predecessor is missing or lacks its counts', () => {
    const complete = observation('ha-nam', { value: 100, numerator: 98, denominator: 98 });
    const withoutCounts = observation('nam-dinh', { value: 88.5 });
    const third = observation('ninh-binh', { value: 91.6, numerator: 109, denominator: 119 });
    expect(deriveFromPredecessors('ninh-binh-2025', predecessors, [complete, withoutCounts, third], unitOf)).toEqual(
      [],
    );
    expect(deriveFromPredecessors('ninh-binh-2025', predecessors, [complete, third], unitOf)).toEqual([]);
  });

  test('each indicator and year is derived on its own', () => {
    const rows = predecessors.flatMap((id) => [
      observation(id, { year: 2018, value: 50, numerator: 1, denominator: 2 }),
      observation(id, { year: 2019, value: 100, numerator: 2, denominator: 2 }),
    ]);
    const derived = deriveFromPredecessors('ninh-binh-2025', predecessors, rows, unitOf);
    expect(derived.map((o) => [o.year, o.value]).sort()).toEqual([
      [2018, 50],
      [2019, 100],
    ]);
  });
});
