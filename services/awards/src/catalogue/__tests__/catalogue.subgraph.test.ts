import { type Role } from '@thidua/kit';
import { errorCodes, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { awardsSubgraph } from '../../subgraph.js';

let awards: TestSubgraph;
beforeAll(async () => {
  awards = await startTestSubgraph(awardsSubgraph);
});
afterAll(() => awards.close());

const setPoints = `mutation ($form: CommendationForm!, $points: Float!) {
  setCommendationPoints(form: $form, points: $points) { form points updatedBy }
}`;

interface Catalogue {
  commendationCatalogue: {
    form: string;
    points: number;
    pointsHistory: { previousPoints: number; points: number; actor: string }[];
  }[];
}

async function entry(form: string) {
  const response = await awards.query<Catalogue>(
    `{ commendationCatalogue { form points pointsHistory { previousPoints points actor } } }`,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.commendationCatalogue.find((e) => e.form === form)!;
}

describe('setCommendationPoints', () => {
  test.each([
    { rule: 'needs a token', role: null, code: 'UNAUTHENTICATED' },
    { rule: 'a viewer may not', role: 'viewer', code: 'FORBIDDEN' },
    { rule: 'a province officer may not', role: 'province', code: 'FORBIDDEN' },
    { rule: 'the ministry may not: points are set by an admin', role: 'ministry', code: 'FORBIDDEN' },
  ] as const)('$rule', async ({ role, code }) => {
    const before = await entry('ADVANCED_MODEL');
    const token = role ? await testToken(role as Role, 'ha-noi') : undefined;
    const response = await awards.query(setPoints, { variables: { form: 'ADVANCED_MODEL', points: 9 }, token });
    expect(errorCodes(response)).toEqual([code]);
    expect(await entry('ADVANCED_MODEL')).toEqual(before);
  });

  test.each([
    { rule: 'not negative', points: -1 },
    { rule: 'at most 1000', points: 1000.5 },
  ])('points are $rule, naming the field', async ({ points }) => {
    const response = await awards.query(setPoints, {
      variables: { form: 'EMULATION_FIGHTER', points },
      token: await testToken('admin'),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field: 'points', value: points });
  });

  test('each change keeps the value it replaced and who changed it; the same value again is no change', async () => {
    const { points: original } = await entry('DEPARTMENT_CERTIFICATE');
    const admin = await testToken('admin');
    for (const points of [original + 1, original + 2, original + 2]) {
      const response = await awards.query(setPoints, {
        variables: { form: 'DEPARTMENT_CERTIFICATE', points },
        token: admin,
      });
      expect(response.errors).toBeUndefined();
    }
    expect(await entry('DEPARTMENT_CERTIFICATE')).toEqual({
      form: 'DEPARTMENT_CERTIFICATE',
      points: original + 2,
      pointsHistory: [
        { previousPoints: original, points: original + 1, actor: 'test-admin' },
        { previousPoints: original + 1, points: original + 2, actor: 'test-admin' },
      ],
    });
  });
});
