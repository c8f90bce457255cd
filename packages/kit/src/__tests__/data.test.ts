import { createRequire } from 'node:module';
import {
  arrayLiteral,
  cacheKey,
  columnParameters,
  compositeKey,
  manyLoader,
  oneLoader,
  SeasonKey,
  unnest,
  unnestNamed,
} from '../data.js';

/** pg's own conversion of a query parameter: what it sends for an array unless given the literal. */
const { prepareValue } = createRequire(__filename)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

describe('cacheKey', () => {
  test('an object key is its fields in name order, so the order they were written in does not matter', () => {
    expect(cacheKey({ clusterId: 'cum-3', year: 2019 })).toBe(cacheKey({ year: 2019, clusterId: 'cum-3' }));
    expect(cacheKey({ clusterId: 'cum-3', year: 2019 })).not.toBe(cacheKey({ clusterId: 'cum-3', year: 2020 }));
  });

  test('no value can pass for another: "a:1" and {a: 1} and ["a", 1] differ', () => {
    const keys = ['a:1', 'a|1', { a: 1 }, ['a', 1], { a: '1' }, 1, '1'];
    expect(new Set(keys.map(cacheKey)).size).toBe(keys.length);
  });
});

describe('the SQL of many rows', () => {
  test('unnest numbers its arrays from the first free parameter and keeps SQL NULL', () => {
    const rows = [
      { id: 'ha-noi', year: 2019, note: null },
      { id: 'hue', year: 2025, note: 'x' },
    ];
    expect(unnest(rows, { id: 'text', year: 'int', note: 'text' }, 3)).toEqual([
      'unnest($3::text[], $4::int[], $5::text[])',
      ['{"ha-noi","hue"}', '{"2019","2025"}', '{NULL,"x"}'],
    ]);
  });

  test('an array literal is exactly what pg sends for the array: quotes, backslashes, NULL, Vietnamese', () => {
    const arrays = [
      [],
      ['ha-noi', 'Thừa Thiên Huế', 'Bà Rịa – Vũng Tàu'],
      ['say "xin chào"', 'C:\\thư mục\\', '\\"', '', ' ', 'NULL', 'a,b', '{x}'],
      [null, 'x', undefined],
      [2019, -1, 0.5, 83.1591, 1e21, Number.NaN],
      [true, false, null],
    ];
    for (const values of arrays) expect(arrayLiteral(values)).toBe(prepareValue(values));
  });

  test('an array of anything else is left for pg to convert', () => {
    expect(arrayLiteral([new Date(0)])).toBeUndefined();
    expect(arrayLiteral([['nested']])).toBeUndefined();
    expect(unnest([{ at: new Date(0) }] as never, { at: 'date' })[1]).toEqual([[new Date(0)]]);
  });

  test("columnParameters gives unnest's parameters from values held field by field, in the shape's order", () => {
    const shape = { id: 'text', year: 'int', note: 'text' } as const;
    const rows = [
      { id: 'ha-noi', year: 2019, note: null },
      { id: 'hue', year: 2025, note: 'x' },
    ];
    // Written in another order than the shape's: the shape decides.
    const columns = { note: [null, 'x'], year: [2019, 2025], id: ['ha-noi', 'hue'] };
    expect(columnParameters(columns, shape)).toEqual(unnest(rows, shape)[1]);
    expect(columnParameters({ at: [new Date(0)] } as never, { at: 'date' })).toEqual([[new Date(0)]]);
  });

  test('unnestNamed names its parameters after a prefix, for a query builder', () => {
    expect(unnestNamed([{ id: 'a' }], { id: 'text' }, 'q')).toEqual(['unnest(:q_id::text[])', { q_id: '{"a"}' }]);
  });

  test('a composite key finds its rows by the tuple of its fields', () => {
    const [where, parameters] = SeasonKey.in('s', [
      { clusterId: 'cum-3', year: 2019 },
      { clusterId: 'cum-1', year: 2022 },
    ]);
    expect(where).toBe('(s.clusterId, s.year) IN (SELECT * FROM unnest(:s_clusterId::text[], :s_year::int[]))');
    expect(parameters).toEqual({ s_clusterId: '{"cum-3","cum-1"}', s_year: '{"2019","2022"}' });
  });

  test('a composite key reduces a row with more fields to its own', () => {
    const key = compositeKey({ provinceId: 'text', year: 'int' });
    expect(key.of({ provinceId: 'hue', year: 2025, points: 3 } as never)).toEqual({ provinceId: 'hue', year: 2025 });
  });

  test("a composite key's cache key depends on its own fields only, whatever their order", () => {
    const key = compositeKey({ provinceId: 'text', year: 'int' });
    expect(key.key({ year: 2025, provinceId: 'hue', points: 3 } as never)).toBe(
      key.key({ provinceId: 'hue', year: 2025 }),
    );
    expect(key.key({ provinceId: 'hue', year: 2024 })).not.toBe(key.key({ provinceId: 'hue', year: 2025 }));
  });
});

describe('loaders', () => {
  test('oneLoader answers each key with its row or null, with one fetch for the keys of a tick', async () => {
    const fetched: unknown[][] = [];
    const loader = oneLoader(async (keys: readonly SeasonKey[]) => {
      fetched.push([...keys]);
      return [{ clusterId: 'cum-3', year: 2019, head: 'vinh-phuc' }];
    }, SeasonKey);
    const season = { clusterId: 'cum-3', year: 2019, members: ['vinh-phuc'] };
    const [found, missing] = await Promise.all([loader.load(season), loader.load({ clusterId: 'cum-3', year: 2020 })]);
    expect(found).toEqual({ clusterId: 'cum-3', year: 2019, head: 'vinh-phuc' });
    expect(missing).toBeNull();
    expect(fetched).toHaveLength(1);
  });

  test('manyLoader groups the rows of each key in the order fetched; a key without rows gets []', async () => {
    const loader = manyLoader(
      async () => [
        { successorId: 'phu-tho-2025', id: 'hoa-binh' },
        { successorId: 'hue', id: 'thua-thien-hue' },
        { successorId: 'phu-tho-2025', id: 'phu-tho' },
      ],
      (row) => row.successorId,
    );
    expect(await loader.loadMany(['phu-tho-2025', 'hue', 'ha-noi'])).toEqual([
      [
        { successorId: 'phu-tho-2025', id: 'hoa-binh' },
        { successorId: 'phu-tho-2025', id: 'phu-tho' },
      ],
      [{ successorId: 'hue', id: 'thua-thien-hue' }],
      [],
    ]);
  });
});
