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

// Only the last test below changes the catalogue, and only ADVANCED_MODEL.
describe('the catalogue', () => {
  interface Entry {
    form: string;
    name: string;
    issuingLevel: string;
    issuer: string;
    recipientKinds: string[];
    points: number;
    recordedByProvince: boolean;
    pointsHistory: unknown[];
  }

  test('every form with its Vietnamese name, issuing level, recipients and default points', async () => {
    const response = await awards.query<{ commendationCatalogue: Entry[] }>(`{
      commendationCatalogue { form name issuingLevel issuer recipientKinds points recordedByProvince pointsHistory { points } }
    }`);
    expect(response.errors).toBeUndefined();
    const catalogue = response.data!.commendationCatalogue;
    expect(catalogue).toHaveLength(10);
    expect(catalogue[0]).toMatchObject({
      form: 'GOVERNMENT_EMULATION_FLAG',
      name: 'Cờ thi đua của Chính phủ',
      issuingLevel: 'GOVERNMENT',
      recipientKinds: ['DEPARTMENT', 'COLLECTIVE'],
      points: 10,
      recordedByProvince: false,
      pointsHistory: [],
    });
    const byForm = Object.fromEntries(catalogue.map((e) => [e.form, e]));
    expect(byForm.EXCELLENT_LABOUR_COLLECTIVE).toMatchObject({
      name: 'Tập thể lao động xuất sắc',
      issuingLevel: 'PROVINCE',
      issuer: 'Chủ tịch Ủy ban nhân dân tỉnh',
      recordedByProvince: true,
    });
    expect(byForm.EMULATION_FIGHTER).toMatchObject({
      name: 'Chiến sĩ thi đua cơ sở',
      issuingLevel: 'DEPARTMENT',
      recipientKinds: ['INDIVIDUAL'],
    });
    expect(byForm.DEPARTMENT_CERTIFICATE).toMatchObject({ issuingLevel: 'DEPARTMENT', points: 0.5, pointsHistory: [] });
    expect(byForm.MINISTRY_EMULATION_FLAG).toMatchObject({ issuingLevel: 'MINISTRY', points: 6, pointsHistory: [] });
  });

  test('names and signers true at any date: no ministry or department named as it was before 2025-03-01', async () => {
    const response = await awards.query<{ commendationCatalogue: Entry[] }>(
      `{ commendationCatalogue { form name issuer } }`,
    );
    expect(response.errors).toBeUndefined();
    const byForm = Object.fromEntries(response.data!.commendationCatalogue.map((e) => [e.form, e]));
    expect(byForm.MINISTRY_EMULATION_FLAG).toMatchObject({ name: 'Cờ thi đua của Bộ', issuer: 'Bộ trưởng' });
    expect(byForm.MINISTRY_CERTIFICATE).toMatchObject({ name: 'Bằng khen của Bộ trưởng', issuer: 'Bộ trưởng' });
    expect(byForm.DEPARTMENT_CERTIFICATE).toMatchObject({ issuer: 'Giám đốc Sở' });
    expect(JSON.stringify(response.data)).not.toContain('Thông tin và Truyền thông');
  });
});

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
    expect(response.errors![0].message.startsWith(`points: ${points} `)).toBe(true);
  });

  test('each change keeps the value it replaced and who changed it; the same value again is no change', async () => {
    const { points: original } = await entry('ADVANCED_MODEL');
    const admin = await testToken('admin');
    for (const points of [original + 1, original + 2, original + 2]) {
      const response = await awards.query(setPoints, {
        variables: { form: 'ADVANCED_MODEL', points },
        token: admin,
      });
      expect(response.errors).toBeUndefined();
    }
    expect(await entry('ADVANCED_MODEL')).toEqual({
      form: 'ADVANCED_MODEL',
      points: original + 2,
      pointsHistory: [
        { previousPoints: original, points: original + 1, actor: 'test-admin' },
        { previousPoints: original + 1, points: original + 2, actor: 'test-admin' },
      ],
    });
  });
});
