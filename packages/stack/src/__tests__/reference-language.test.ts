import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Reference data is stored in Vietnamese as published: names, titles,
 * citations, notes and sources. This walks every text field of every
 * reference file and fails on one written in English (a paraphrase of a
 * Vietnamese source). Codes, ids, dates and enum values are not texts; the
 * files' own `about` notes are documentation, not stored.
 */

const root = path.resolve(__dirname, '..', '..', '..', '..');
const referenceFiles = [
  'packages/kit/data/departments.json',
  'packages/kit/data/facts.json',
  'services/provinces/data/clusters.json',
  'services/awards/data/reference-facts.json',
  'services/metrics/data/published-observations.json',
];

/** Words an English sentence cannot do without, and words the old paraphrases used. */
const english =
  /\b(the|of|and|with|for|from|by|at|as|is|was|were|its|published|report|review|department|province|newspaper|portal|director|office|ministry|members?|same|stated|level|agencies|officials)\b/i;

/** Not a text: an id or slug, an enum value, a code, a date, a number. */
const notText = (value: string) =>
  /^[a-z0-9._-]+$/.test(value) || /^[A-Z][A-Z0-9_]*$/.test(value) || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value);

function texts(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return notText(value) ? [] : [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => texts(item, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (key === 'about' ? [] : texts(item, `${at}.${key}`)));
  }
  return [];
}

const fields = referenceFiles.flatMap((file) =>
  texts(JSON.parse(readFileSync(path.join(root, file), 'utf8')), file).map(([at, text]) => ({ at, text })),
);

test('the reference files have texts to check', () => {
  expect(fields.length).toBeGreaterThan(100);
});

test.each(fields)('$at is Vietnamese: "$text"', ({ text }) => {
  expect(text).not.toMatch(english);
});
