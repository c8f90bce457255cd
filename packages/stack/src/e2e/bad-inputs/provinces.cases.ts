/** Bad inputs to clusters, their seasons and heads (provinces). */
import { cut, long, P, type BadInputCase, type Category } from './case.js';

const createCluster = 'mutation ($id: ID!, $name: String!) { createCluster(id: $id, name: $name) { id } }';
const clusterWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
): BadInputCase => ({
  category,
  name: `createCluster: ${name}`,
  query: createCluster,
  variables: { id: 'cum-corpus-new', name: 'Cụm thi đua mới', ...change },
  field,
  value,
  stores: P,
});

const setMembers =
  'mutation ($clusterId: ID!, $year: Int!, $provinceIds: [ID!]!) { setSeasonMembers(clusterId: $clusterId, year: $year, provinceIds: $provinceIds) { year } }';
const membersWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
): BadInputCase => ({
  category,
  name: `setSeasonMembers: ${name}`,
  query: setMembers,
  variables: {
    clusterId: 'cum-corpus',
    year: 2011,
    provinceIds: ['lao-cai', 'yen-bai', 'ha-giang', 'tuyen-quang'],
    ...change,
  },
  field,
  value,
  stores: P,
});

const elect =
  'mutation ($clusterId: ID!, $year: Int!, $headId: ID!, $deputyHeadId: ID) { electHead(clusterId: $clusterId, year: $year, headId: $headId, deputyHeadId: $deputyHeadId) { year } }';
const electWith = (
  category: Category,
  name: string,
  change: Record<string, unknown>,
  field: string,
  value: unknown,
): BadInputCase => ({
  category,
  name: `electHead: ${name}`,
  query: elect,
  variables: { clusterId: 'cum-corpus', year: 2011, headId: 'ha-giang', deputyHeadId: 'yen-bai', ...change },
  field,
  value,
  stores: P,
});

export const provincesCases: BadInputCase[] = [
  // createCluster
  clusterWith('id', 'an id with capitals and a space', { id: 'Cum 9' }, 'id', 'Cum 9'),
  clusterWith('id', 'an empty id', { id: '' }, 'id', ''),
  clusterWith('id', 'an id of 65 characters', { id: `c${'x'.repeat(64)}` }, 'id', `c${'x'.repeat(64)}`),
  clusterWith('text', 'a NUL in the id', { id: 'cum-9\u0000' }, 'id', 'cum-9\u0000'),
  clusterWith('text', 'an empty name', { name: '' }, 'name', ''),
  clusterWith('text', 'a name of zero-width characters', { name: '\u200B\u200C' }, 'name', '\u200B\u200C'),
  clusterWith('text', 'a NUL in the name', { name: 'Cụm\u0000' }, 'name', 'Cụm\u0000'),
  clusterWith('text', 'a bell character in the name', { name: 'Cụm\u0007' }, 'name', 'Cụm\u0007'),
  clusterWith('text', 'a name of 201 characters', { name: long(201) }, 'name', cut(201)),
  clusterWith('text', 'a lone surrogate in the name', { name: 'Cụm \uDC00' }, 'name', 'Cụm \uDC00'),
  { ...clusterWith('duplicate', 'an id that exists', { id: 'cum-corpus' }, 'id', 'cum-corpus'), code: 'CONFLICT' },

  // setSeasonMembers
  membersWith('rule', 'no provinces', { provinceIds: [] }, 'provinceIds', []),
  membersWith(
    'reference',
    'a province that does not exist',
    { provinceIds: ['lao-cai', 'atlantis'] },
    'provinceIds[1]',
    'atlantis',
  ),
  membersWith(
    'rule',
    'one province twice',
    { provinceIds: ['lao-cai', 'yen-bai', 'lao-cai'] },
    'provinceIds[2]',
    'lao-cai',
  ),
  membersWith(
    'reference',
    'a province that did not exist that year',
    { provinceIds: ['lao-cai', 'yen-bai', 'phu-tho-2025'] },
    'provinceIds[2]',
    'phu-tho-2025',
  ),
  membersWith(
    'rule',
    'a province already in another cluster that year',
    { provinceIds: ['lao-cai', 'yen-bai', 'bac-kan'] },
    'provinceIds[2]',
    'bac-kan',
  ),
  membersWith('reference', 'a cluster that does not exist', { clusterId: 'cum-nope' }, 'clusterId', 'cum-nope'),
  membersWith('number', 'a year before 2000', { year: 1999 }, 'year', 1999),
  membersWith('rule', "leaving out the season's head", { provinceIds: ['yen-bai', 'ha-giang'] }, 'provinceIds', [
    'yen-bai',
    'ha-giang',
  ]),
  membersWith('text', 'a NUL in a province id', { provinceIds: ['lao-cai\u0000'] }, 'provinceIds[0]', 'lao-cai\u0000'),
  membersWith('type', 'a year as a string', { year: '2011' }, 'year', '2011'),

  // electHead
  electWith('rule', 'a head who is not a member', { headId: 'bac-kan' }, 'headId', 'bac-kan'),
  electWith('rule', 'a deputy who is the head', { deputyHeadId: 'ha-giang' }, 'deputyHeadId', 'ha-giang'),
  electWith('rule', 'a deputy who is not a member', { deputyHeadId: 'bac-kan' }, 'deputyHeadId', 'bac-kan'),
  electWith('reference', 'a year the cluster has no season', { year: 2012 }, 'year', 2012),
  electWith('reference', 'a cluster that does not exist', { clusterId: 'cum-nope' }, 'clusterId', 'cum-nope'),
  electWith('number', 'a year before 2000', { year: 1999 }, 'year', 1999),
  electWith('text', 'a NUL in the head', { headId: 'ha-giang\u0000' }, 'headId', 'ha-giang\u0000'),
];
