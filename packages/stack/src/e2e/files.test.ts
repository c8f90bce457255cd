import { readdirSync } from 'node:fs';
import { demoPdf } from '@thidua/kit';
import { startTestStack, type TestStack } from '../test/harness.js';
import { as, mutations as m, ok, season, upload } from '../test/year-fixture.js';

/*
 * POST /files and GET /files/{id} on the gateway: who may upload what, the
 * size limit, and who may read a file (a member sees its own cluster's files).
 */
const maxBytes = 64 * 1024;
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ maxFileBytes: maxBytes });
  await season(t, 'cum-3', 2021, ['vinh-phuc', 'bac-ninh'], 'vinh-phuc');
  await season(t, 'cum-1', 2021, ['ha-noi', 'hai-phong'], 'ha-noi');
});
afterAll(() => t.stop());

const pdf = demoPdf('Biên bản.pdf');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** How many files the gateway's store holds (folders aside). */
const storedFiles = () =>
  readdirSync(t.filesDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;

async function read(id: string, token?: string) {
  const response = await fetch(`${t.baseUrl}/files/${id}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe('uploading', () => {
  test.each([
    ['a PDF', pdf, 'application/pdf'],
    ['an image', png, 'image/png'],
  ])('%s is kept and answered 201 { id, url }', async (_what, body, type) => {
    const uploaded = await upload(t, await t.token('province', 'bac-ninh'), body, type, 'Minh chứng I.2 – Bắc Ninh');
    expect(uploaded.status).toBe(201);
    expect(uploaded.json).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), url: `/files/${uploaded.json.id}` });
    const file = await read(uploaded.json.id, await t.token('province', 'bac-ninh'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(type);
    expect(file.body.equals(body)).toBe(true);
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''Minh%20ch%E1%BB%A9ng");
  });

  test.each([
    ['no sign-in', undefined, pdf, 'application/pdf', 401, 'UNAUTHENTICATED'],
    ['a viewer token', 'viewer', pdf, 'application/pdf', 403, 'FORBIDDEN'],
    ['an HTML page', 'bac-ninh', Buffer.from('<html></html>'), 'text/html', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'text called a PDF',
      'bac-ninh',
      Buffer.from('not a pdf at all'),
      'application/pdf',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a file over the limit',
      'bac-ninh',
      Buffer.concat([pdf, Buffer.alloc(maxBytes)]),
      'application/pdf',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])('%s is refused', async (_what, who, body, type, status, code) => {
    const before = storedFiles();
    const response = await fetch(`${t.baseUrl}/files`, {
      method: 'POST',
      headers: {
        'content-type': type,
        'x-file-name': 'x.pdf',
        ...(who
          ? { authorization: `Bearer ${await (who === 'viewer' ? t.token('viewer') : t.token('province', who))}` }
          : {}),
      },
      body,
    });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(storedFiles()).toBe(before);
  });

  test('a refused type is named in the answer', async () => {
    const refused = await upload(
      t,
      await t.token('ministry'),
      Buffer.from('x'),
      'application/x-msdownload',
      'setup.exe',
    );
    expect(refused.status).toBe(415);
    expect(refused.json.error.message).toMatch(/^Content-Type "application\/x-msdownload" is not accepted/);
  });
});

describe('reading', () => {
  test('a member reads its own cluster’s files once attached to its season; other clusters’ members do not', async () => {
    const bacNinh = await t.token('province', 'bac-ninh');
    const { json } = await upload(t, bacNinh, pdf, 'application/pdf', 'Minh chứng.pdf');
    expect((await read(json.id)).status).toBe(401);
    // Not attached yet: only the uploader (and the Ministry) may read it.
    expect((await read(json.id, await t.token('province', 'vinh-phuc'))).status).toBe(404);
    expect((await read(json.id, await t.token('ministry'))).status).toBe(200);
    const criteria = [{ code: 'I.1', group: 'I', title: 'Tiêu chí', maxPoints: 5 }];
    const { defineScoringSheet } = ok(await as(t, 'vinh-phuc', m.defineSheet, { c: 'cum-3', y: 2021, criteria }));
    ok(await as(t, 'vinh-phuc', m.sign, { c: 'cum-3', y: 2021, on: '2021-03-01' }));
    const items = [{ criterionId: defineScoringSheet.criteria[0].id, selfScore: 5, evidenceIds: [json.id] }];
    ok(await as(t, 'bac-ninh', m.save, { c: 'cum-3', y: 2021, p: 'bac-ninh', items }));
    expect((await read(json.id, await t.token('province', 'vinh-phuc'))).status).toBe(200);
    expect((await read(json.id, await t.token('province', 'ha-noi'))).status).toBe(404);
    // A member attaches only what it uploaded itself.
    const stolen = await as(t, 'vinh-phuc', m.save, {
      c: 'cum-3',
      y: 2021,
      p: 'vinh-phuc',
      items: [{ ...items[0], selfScore: 4 }],
    });
    expect(stolen.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'items[0].evidenceIds[0]' },
    });
  });
});
