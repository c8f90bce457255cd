import { checkYear, existedIn, FIRST_YEAR, lastYear, referenceData } from '../reference/index.js';
import { checkSlug, checkText } from '../validation.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  return 'accepted';
};

describe('the year rule', () => {
  test.each([
    [FIRST_YEAR, 'accepted'],
    [lastYear(), 'accepted'],
    [FIRST_YEAR - 1, 'refused'],
    [lastYear() + 1, 'refused'],
    [2019.5, 'refused'],
  ])('%s is %s', (year, expected) => {
    const result = code(() => checkYear('year', year));
    if (expected === 'accepted') expect(result).toBe('accepted');
    else expect(result).toEqual({ code: 'BAD_USER_INPUT', field: 'year', value: year });
  });
});

describe('text and ids', () => {
  test.each([
    ['trims', () => checkText('note', '  Sở KH&CN  '), 'Sở KH&CN'],
    ['a slug', () => checkSlug('id', 'cum-3'), 'cum-3'],
  ])('%s', (_case, fn, expected) => expect(fn()).toBe(expected));

  test.each([
    ['empty text', () => checkText('note', '   ')],
    ['text over the limit', () => checkText('note', 'x'.repeat(11), 10)],
    ['a slug with capitals', () => checkSlug('id', 'Cum-3')],
    ['a slug with a trailing hyphen', () => checkSlug('id', 'cum-')],
  ])('%s is BAD_USER_INPUT naming the field', (_case, fn) => {
    expect(code(fn)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('the reference units and their 2025 lineage', () => {
  const provinces = referenceData().provinces;

  test('one instance per process', () => {
    expect(referenceData()).toBe(referenceData());
  });

  test('63 units before the merger and 34 after it', () => {
    expect(provinces.all().filter((p) => existedIn(p, 2024))).toHaveLength(63);
    expect(provinces.all().filter((p) => p.validUntil === null)).toHaveLength(34);
  });

  test('Hà Nam existed in 2019 and not in 2026; its successor names it as a predecessor', () => {
    const haNam = provinces.get('ha-nam')!;
    expect(provinces.existedIn('ha-nam', 2019)).toBe(true);
    expect(provinces.existedIn('ha-nam', 2026)).toBe(false);
    expect(provinces.get(haNam.successorId!)!.predecessorIds).toContain('ha-nam');
  });
});
