import { checkYear, existedIn, FIRST_YEAR, lastYear, referenceData } from '../reference/index.js';
import { checkOptionalText, checkSlug, checkText, checkUuid, normalizeText } from '../validation.js';

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
    ['a record id that is not a UUID', () => checkUuid('id', 'abc', 'a commendation')],
  ])('%s is BAD_USER_INPUT naming the field', (_case, fn) => {
    expect(code(fn)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('the text rule: stored text is NFC, without invisible characters, trimmed', () => {
  const nfc = 'Sở Thông tin và Truyền thông';
  const nfd = nfc.normalize('NFD');

  test.each([
    ['NFD becomes NFC', nfd, nfc],
    ['a trailing zero-width space goes', `${nfc}\u200B`, nfc],
    ['a byte-order mark in front goes', `\uFEFF${nfc}`, nfc],
    ['joiners and a soft hyphen inside go', `Sở\u200C Thông\u200D tin\u00AD`, 'Sở Thông tin'],
    ['spaces around go, including a no-break space', `\u00A0 ${nfc}\t\n`, nfc],
    ['line breaks inside stay', 'dòng 1\ndòng 2', 'dòng 1\ndòng 2'],
  ])('%s', (_case, input, stored) => {
    expect(checkText('name', input)).toBe(stored);
    expect(normalizeText(input)).toBe(stored);
  });

  test('two texts a reader cannot tell apart are stored the same', () => {
    expect(checkText('name', `${nfd} \u200B`)).toBe(checkText('name', nfc));
  });

  test.each([
    ['a NUL byte', 'a\u0000b', 'contains the control character U+0000'],
    ['a bell', 'a\u0007b', 'contains the control character U+0007'],
    ['a C1 control', 'a\u0085b', 'contains the control character U+0085'],
    ['a lone surrogate', 'a\uD800b', 'is not well-formed Unicode'],
    ['only invisible characters', '\u200B\u200C\u200D\uFEFF', 'must not be empty'],
    ['only spaces and invisible characters', ' \u200B \u00A0', 'must not be empty'],
    ['too long once normalised', 'x'.repeat(11), 'is longer than 10 characters'],
  ])('%s is refused naming the field and the value', (_case, input, reason) => {
    let error: { message: string; extensions: Record<string, unknown> } | undefined;
    try {
      checkText('input.recipientName', input, 10);
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recipientName' });
    expect(error?.message).toContain('input.recipientName');
    expect(error?.message).toContain(reason);
  });

  test('an optional text stays null when absent', () => {
    expect(checkOptionalText('note', null)).toBeNull();
    expect(checkOptionalText('note', undefined)).toBeNull();
    expect(checkOptionalText('note', ' ghi chú ')).toBe('ghi chú');
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
