/** Bad inputs to a cluster's annual review: nominations, votes, thresholds (awards). */
import { A, type BadInputCase, type Category, type Fixtures } from './case.js';

const nominate =
  'mutation ($clusterId: ID!, $year: Int!, $provinceId: ID!, $form: CommendationForm!) { nominate(clusterId: $clusterId, year: $year, provinceId: $provinceId, form: $form) { id } }';
const nominateWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
): BadInputCase => ({
  category,
  name: `nominate: ${name}`,
  query: nominate,
  variables: {
    clusterId: 'cum-corpus',
    year: 2011,
    provinceId: 'tuyen-quang',
    form: 'MINISTRY_EMULATION_FLAG',
    ...change,
  },
  field,
  value,
  stores: A,
});

const vote =
  'mutation ($nominationId: ID!, $voterProvinceId: ID!, $approve: Boolean!) { castVote(nominationId: $nominationId, voterProvinceId: $voterProvinceId, approve: $approve) { id } }';
const voteWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
): BadInputCase => ({
  category,
  name: `castVote: ${name}`,
  query: vote,
  variables: (f) => ({ nominationId: f.openNominationId, voterProvinceId: 'ha-giang', approve: true, ...change }),
  province: 'ha-giang',
  field,
  value,
  stores: A,
});

const close = 'mutation ($nominationId: ID!) { closeNomination(nominationId: $nominationId) { id } }';
const threshold =
  'mutation ($clusterId: ID!, $year: Int!, $percent: Float!, $inclusive: Boolean!) { setAdoptionThreshold(clusterId: $clusterId, year: $year, percent: $percent, inclusive: $inclusive) { year } }';
const thresholdWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
): BadInputCase => ({
  category,
  name: `setAdoptionThreshold: ${name}`,
  query: threshold,
  variables: { clusterId: 'cum-corpus', year: 2011, percent: 60, inclusive: false, ...change },
  field,
  value,
  stores: A,
});

export const reviewCases: BadInputCase[] = [
  // nominate
  nominateWith('id', 'a cluster id with capitals and a space', { clusterId: 'Cum Corpus' }, 'clusterId', 'Cum Corpus'),
  nominateWith('id', 'an empty cluster id', { clusterId: '' }, 'clusterId', ''),
  nominateWith('text', 'a NUL in the cluster id', { clusterId: 'cum-corpus\u0000' }, 'clusterId', 'cum-corpus\u0000'),
  nominateWith('number', 'a year before 2000', { year: 1999 }, 'year', 1999),
  nominateWith('reference', 'a cluster without that season', { clusterId: 'cum-nope' }, 'year', 2011),
  nominateWith('rule', 'a province that is not a member', { provinceId: 'bac-kan' }, 'provinceId', 'bac-kan'),
  nominateWith('reference', 'a province that does not exist', { provinceId: 'atlantis' }, 'provinceId', 'atlantis'),
  nominateWith(
    'rule',
    'a form a cluster review does not propose',
    { form: 'PROVINCE_CERTIFICATE' },
    'form',
    'PROVINCE_CERTIFICATE',
  ),
  nominateWith('type', 'a form that does not exist', { form: 'NOPE' }, 'form', 'NOPE'),
  nominateWith('type', 'a year as a string', { year: '2011' }, 'year', '2011'),
  {
    ...nominateWith(
      'duplicate',
      'a member already nominated for the form',
      { provinceId: 'yen-bai' },
      'provinceId',
      'yen-bai',
    ),
    code: 'CONFLICT',
  },

  // castVote
  voteWith('id', 'a nomination id that is not a UUID', { nominationId: 'not-a-uuid' }, 'nominationId', 'not-a-uuid'),
  voteWith('id', 'an empty nomination id', { nominationId: '' }, 'nominationId', ''),
  voteWith('text', 'a NUL in the nomination id', { nominationId: 'a\u0000' }, 'nominationId', 'a\u0000'),
  voteWith('type', 'approve as a word', { approve: 'yes' }, 'approve', 'yes'),
  voteWith('type', 'approve null', { approve: null }, 'approve', null),
  voteWith('text', 'a NUL in the voter', { voterProvinceId: 'ha-giang\u0000' }, 'voterProvinceId', 'ha-giang\u0000'),
  { ...voteWith('duplicate', 'a second vote by the same member', {}, 'voterProvinceId', 'ha-giang'), code: 'CONFLICT' },

  // closeNomination
  {
    category: 'id',
    name: 'closeNomination: an id that is not a UUID',
    query: close,
    variables: { nominationId: 'not-a-uuid' },
    field: 'nominationId',
    value: 'not-a-uuid',
    stores: A,
  },
  {
    category: 'id',
    name: 'closeNomination: an id of one digit',
    query: close,
    variables: { nominationId: '0' },
    field: 'nominationId',
    value: '0',
    stores: A,
  },
  {
    category: 'text',
    name: 'closeNomination: a NUL in the id',
    query: close,
    variables: { nominationId: '\u0000' },
    field: 'nominationId',
    value: '\u0000',
    stores: A,
  },
  {
    category: 'rule',
    name: 'closeNomination: a nomination already closed',
    query: close,
    variables: (f) => ({ nominationId: f.closedNominationId }),
    code: 'CONFLICT',
    field: 'nominationId',
    value: (f: Fixtures) => f.closedNominationId,
    stores: A,
  },

  // setAdoptionThreshold
  thresholdWith('number', 'a percent of 0', { percent: 0 }, 'percent', 0),
  thresholdWith('number', 'a negative percent', { percent: -5 }, 'percent', -5),
  thresholdWith('number', 'a percent above 100', { percent: 100.5 }, 'percent', 100.5),
  thresholdWith('rule', '"more than 100%", which no vote reaches', { percent: 100, inclusive: false }, 'percent', 100),
  {
    category: 'number',
    name: 'setAdoptionThreshold: a percent literal of 1e999',
    query: 'mutation { setAdoptionThreshold(clusterId: "cum-corpus", year: 2011, percent: 1e999) { year } }',
    field: 'percent',
    value: '1e999',
    stores: A,
  },
  {
    category: 'number',
    name: 'setAdoptionThreshold: 1e999 in the variables JSON',
    query: threshold,
    rawVariables: '{"clusterId": "cum-corpus", "year": 2011, "percent": 1e999, "inclusive": true}',
    field: 'percent',
    value: 'Infinity',
    stores: A,
  },
  thresholdWith('id', 'a cluster id in capitals', { clusterId: 'CUM' }, 'clusterId', 'CUM'),
  thresholdWith('number', 'a year before 2000', { year: 1999 }, 'year', 1999),
  thresholdWith('reference', 'a year the cluster has no season', { year: 2012 }, 'year', 2012),
  thresholdWith('type', 'inclusive as a string', { inclusive: 'true' }, 'inclusive', 'true'),
  thresholdWith('type', 'a percent as a string', { percent: '50' }, 'percent', '50'),
];
