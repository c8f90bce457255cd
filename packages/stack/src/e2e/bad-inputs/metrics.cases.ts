/** Bad inputs to indices, indicators and observations (metrics). */
import { cut, long, M, type BadInputCase, type Category } from './case.js';

const defineIndex =
  'mutation ($id: ID!, $name: String!, $components: [IndexComponentInput!]!) { defineIndex(id: $id, name: $name, components: $components) { id } }';
const ictComponents = [
  { indicator: 'egov.commune_portals_pct', weight: 2 },
  { indicator: 'industry.ict_enterprises', weight: 1 },
];
const indexWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
): BadInputCase => ({
  category,
  name: `defineIndex: ${name}`,
  query: defineIndex,
  variables: { id: 'corpus-index', name: 'Chỉ số kiểm thử', components: ictComponents, ...change },
  field,
  value,
  stores: M,
});
const weight = (i: number, w: unknown) => ({
  components: ictComponents.map((c, j) => (j === i ? { ...c, weight: w } : c)),
});

/** An indicator the runner defines and records a value of first. */
export const recordedIndicator = {
  code: 'corpus.recorded_pct',
  name: 'Tỷ lệ đã ghi',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  pillar: 'Hạ tầng',
};

const defineIndicator = 'mutation ($input: IndicatorInput!) { defineIndicator(input: $input) { code } }';
const newIndicator = {
  code: 'corpus.new_pct',
  name: 'Tỷ lệ kiểm thử',
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  pillar: 'Hạ tầng',
};
const indicatorWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
  code: BadInputCase['code'] = 'BAD_USER_INPUT',
): BadInputCase => ({
  category,
  name: `defineIndicator: ${name}`,
  query: defineIndicator,
  variables: { input: { ...newIndicator, ...change } },
  code,
  field,
  value,
  stores: M,
});

const recordObservations = 'mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { revision } }';
const row = { provinceId: 'ha-giang', indicator: 'egov.commune_portals_pct', year: 2019, value: 50 };
const observe = (
  category: Category,
  name: string,
  rows: Record<string, unknown>[],
  field: string,
  value: unknown,
  province?: string,
): BadInputCase => ({
  category,
  name: `recordObservations: ${name}`,
  query: recordObservations,
  variables: { input: rows.map((change) => ({ ...row, ...change })) },
  province,
  field,
  value,
  stores: M,
});

export const metricsCases: BadInputCase[] = [
  // defineIndex
  indexWith('id', 'an id with capitals and a space', { id: 'ICT 2' }, 'id', 'ICT 2'),
  indexWith('id', 'an empty id', { id: '' }, 'id', ''),
  indexWith('text', 'an empty name', { name: '' }, 'name', ''),
  indexWith('text', 'a name of a zero-width space', { name: '\u200B' }, 'name', '\u200B'),
  indexWith('text', 'a NUL in the name', { name: 'Chỉ số\u0000' }, 'name', 'Chỉ số\u0000'),
  indexWith('text', 'a name of 301 characters', { name: long(301) }, 'name', cut(301)),
  indexWith('rule', 'no components', { components: [] }, 'components', []),
  indexWith(
    'reference',
    'an indicator that does not exist',
    { components: [{ indicator: 'nope', weight: 1 }] },
    'components[0].indicator',
    'nope',
  ),
  indexWith('number', 'a weight of 0', weight(1, 0), 'components[1].weight', 0),
  indexWith('number', 'a negative weight', weight(0, -1), 'components[0].weight', -1),
  indexWith('type', 'a weight as a word', weight(0, 'nặng'), 'components[0].weight', 'nặng'),
  indexWith(
    'rule',
    'one indicator twice',
    { components: [ictComponents[0], { ...ictComponents[0], weight: 3 }] },
    'components[1].indicator',
    'egov.commune_portals_pct',
  ),
  indexWith(
    'text',
    'a NUL in an indicator code',
    { components: [{ indicator: 'egov\u0000', weight: 1 }] },
    'components[0].indicator',
    'egov\u0000',
  ),
  {
    category: 'number',
    name: 'defineIndex: a weight literal of 1e999',
    query:
      'mutation { defineIndex(id: "corpus-index", name: "Chỉ số", components: [{indicator: "egov.commune_portals_pct", weight: 1e999}]) { id } }',
    field: 'components[0].weight',
    value: '1e999',
    stores: M,
  },

  // defineIndicator
  indicatorWith('id', 'a code with capitals', { code: 'Corpus.New' }, 'input.code', 'Corpus.New'),
  indicatorWith('id', 'an empty code', { code: '' }, 'input.code', ''),
  indicatorWith('id', 'a code with a space', { code: 'corpus new' }, 'input.code', 'corpus new'),
  indicatorWith('id', 'a code of 81 characters', { code: `c${'x'.repeat(80)}` }, 'input.code', `c${'x'.repeat(80)}`),
  indicatorWith('text', 'a NUL in the code', { code: 'corpus.a\u0000' }, 'input.code', 'corpus.a\u0000'),
  indicatorWith('text', 'an empty name', { name: '' }, 'input.name', ''),
  indicatorWith('text', 'a name of a byte-order mark', { name: '\uFEFF' }, 'input.name', '\uFEFF'),
  indicatorWith('text', 'a NUL in the name', { name: 'Tỷ lệ\u0000' }, 'input.name', 'Tỷ lệ\u0000'),
  indicatorWith('text', 'a pillar of spaces', { pillar: '   ' }, 'input.pillar', '   '),
  indicatorWith('text', 'a pillar of a zero-width joiner', { pillar: '\u200D' }, 'input.pillar', '\u200D'),
  indicatorWith('rule', 'a PERCENT scale that is not 100', { scaleMax: 50 }, 'input.scaleMax', 50),
  indicatorWith('rule', 'a COUNT with a scale', { unit: 'COUNT', scaleMax: 10 }, 'input.scaleMax', 10),
  indicatorWith('number', 'a SCORE scale of 0', { unit: 'SCORE', scaleMax: 0 }, 'input.scaleMax', 0),
  indicatorWith('number', 'a negative SCORE scale', { unit: 'SCORE', scaleMax: -1 }, 'input.scaleMax', -1),
  {
    category: 'number',
    name: 'defineIndicator: a scale literal of 1e999',
    query:
      'mutation { defineIndicator(input: {code: "corpus.score", name: "Điểm", unit: SCORE, direction: HIGHER_IS_BETTER, scaleMax: 1e999, pillar: "Hạ tầng"}) { code } }',
    field: 'input.scaleMax',
    value: '1e999',
    stores: M,
  },
  indicatorWith('type', 'a unit that does not exist', { unit: 'RATIO' }, 'input.unit', 'RATIO'),
  indicatorWith('type', 'a direction that does not exist', { direction: 'UP' }, 'input.direction', 'UP'),
  indicatorWith(
    'rule',
    'a new unit for an indicator with recorded values',
    { code: recordedIndicator.code, unit: 'COUNT' },
    'input.unit',
    'COUNT',
    'CONFLICT',
  ),

  // recordObservations
  observe('number', 'a percentage above 100', [{ value: 101 }], 'input[0].value', 101),
  observe('number', 'a negative percentage', [{ value: -1 }], 'input[0].value', -1),
  {
    category: 'number',
    name: 'recordObservations: a value literal of 1e999',
    query:
      'mutation { recordObservations(input: [{provinceId: "ha-giang", indicator: "egov.commune_portals_pct", year: 2019, value: 1e999}]) { revision } }',
    field: 'input[0].value',
    value: '1e999',
    stores: M,
  },
  {
    category: 'number',
    name: 'recordObservations: 1e999 in the variables JSON',
    query: recordObservations,
    rawVariables:
      '{"input": [{"provinceId": "ha-giang", "indicator": "egov.commune_portals_pct", "year": 2019, "value": 1e999}]}',
    field: 'input[0].value',
    value: 'Infinity',
    stores: M,
  },
  observe(
    'number',
    'a count with a fraction',
    [{ indicator: 'industry.ict_enterprises', value: 2.5 }],
    'input[0].value',
    2.5,
  ),
  observe('number', 'a negative count', [{ indicator: 'industry.ict_enterprises', value: -3 }], 'input[0].value', -3),
  observe(
    'number',
    'a score above its scale',
    [{ indicator: 'dti.digital_government', value: 1.5 }],
    'input[0].value',
    1.5,
  ),
  observe('reference', 'an indicator that does not exist', [{ indicator: 'nope' }], 'input[0].indicator', 'nope'),
  observe('text', 'a NUL in the indicator code', [{ indicator: 'egov\u0000' }], 'input[0].indicator', 'egov\u0000'),
  observe(
    'reference',
    'a province that does not exist',
    [{ provinceId: 'atlantis' }],
    'input[0].provinceId',
    'atlantis',
  ),
  observe(
    'reference',
    'a province that did not exist that year',
    [{ provinceId: 'phu-tho-2025' }],
    'input[0].provinceId',
    'phu-tho-2025',
  ),
  observe('number', 'a year before 2000', [{ year: 1999 }], 'input[0].year', 1999),
  observe('number', 'a year far ahead', [{ year: 2100 }], 'input[0].year', 2100),
  observe('rule', 'a numerator without a denominator', [{ numerator: 5 }], 'input[0].denominator', null),
  observe('rule', 'a denominator of 0', [{ numerator: 0, denominator: 0, value: 0 }], 'input[0].denominator', 0),
  observe(
    'rule',
    'a numerator above the denominator',
    [{ numerator: 5, denominator: 4, value: 100 }],
    'input[0].numerator',
    5,
  ),
  observe(
    'rule',
    'a value that does not match numerator/denominator',
    [{ numerator: 1, denominator: 4, value: 50 }],
    'input[0].value',
    50,
  ),
  observe('text', 'an empty source', [{ source: '' }], 'input[0].source', ''),
  observe('text', 'a NUL in the source', [{ source: 'cổng\u0000' }], 'input[0].source', 'cổng\u0000'),
  observe('text', 'a source of a zero-width space', [{ source: '\u200B' }], 'input[0].source', '\u200B'),
  observe('text', 'a source of 501 characters', [{ source: long(501) }], 'input[0].source', cut(501)),
  observe('rule', 'the same row twice', [{}, { value: 60 }], 'input[1]', 'ha-giang|egov.commune_portals_pct|2019'),
  observe(
    'number',
    'a good row, then a bad one: the batch is refused whole',
    [{}, { year: 2020, value: 150 }],
    'input[1].value',
    150,
  ),
  {
    category: 'number',
    name: 'recordObservations: a numerator literal of 1e999',
    query:
      'mutation { recordObservations(input: [{provinceId: "ha-giang", indicator: "egov.commune_portals_pct", year: 2019, value: 50, numerator: 1e999, denominator: 2}]) { revision } }',
    field: 'input[0].numerator',
    value: '1e999',
    stores: M,
  },
  observe('type', 'a year as a string', [{ year: '2019' }], 'input[0].year', '2019'),
  observe(
    'number',
    'a province officer sending a bad value for its own province',
    [{ value: 250 }],
    'input[0].value',
    250,
    'ha-giang',
  ),
];
