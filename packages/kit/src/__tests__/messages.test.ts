import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { badInput } from '../errors.js';
import {
  findReason,
  localizeBadInput,
  messageCatalogue,
  placeholders,
  preferredLanguage,
  translateReason,
} from '../messages.js';
import { checkText } from '../validation.js';

/*
 * One catalogue of BAD_USER_INPUT reasons, complete in both languages: every
 * entry has its Vietnamese with the same parts, and every reason the code
 * raises (found by reading the sources) has an entry.
 */

const root = path.resolve(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === '__tests__' || name === 'node_modules' || name === 'dist') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The reason argument of every `badInput(field, value, reason)` and
 * `badPassword(field, reason)` written as text, `${…}` parts as "X".
 */
function raisedReasons(): { where: string; reason: string }[] {
  const dirs = ['packages', 'services'].flatMap((top) =>
    readdirSync(path.join(root, top)).map((name) => path.join(root, top, name, 'src')),
  );
  const found: { where: string; reason: string }[] = [];
  for (const file of dirs.filter((dir) => statSync(dir, { throwIfNoEntry: false })).flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      const raiser = ts.isCallExpression(node) && ts.isIdentifier(node.expression) ? node.expression.text : null;
      const reasonAt = raiser === 'badInput' ? 2 : raiser === 'badPassword' ? 1 : -1;
      if (ts.isCallExpression(node) && reasonAt >= 0 && node.arguments.length === reasonAt + 1) {
        const reason = node.arguments[reasonAt];
        const where = `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (ts.isStringLiteral(reason) || ts.isNoSubstitutionTemplateLiteral(reason)) {
          found.push({ where, reason: reason.text });
        } else if (ts.isTemplateExpression(reason)) {
          found.push({
            where,
            reason: reason.head.text + reason.templateSpans.map((s) => `X${s.literal.text}`).join(''),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const reasons = raisedReasons();

test('the sources raise reasons to check', () => {
  expect(reasons.length).toBeGreaterThan(100);
});

test.each(reasons)('$where: "$reason" is in the catalogue', ({ reason }) => {
  expect(findReason(reason)?.entry.en).toEqual(expect.any(String));
});

test.each(messageCatalogue)('"$en" has a Vietnamese with the same parts', ({ en, vi }) => {
  expect(vi.trim()).not.toBe('');
  expect(vi).not.toBe(en);
  expect(placeholders(vi).sort()).toEqual(placeholders(en).sort());
  // Written in Vietnamese: not one of the English words the reasons are made of.
  expect(vi.replace(/\{\w+\}/g, '')).not.toMatch(/\b(is|not|the|must|and|of|with|between|known|first|give)\b/);
});

test('reasons a helper builds (text checks, numbers) are in the catalogue too', () => {
  const raised = [
    () => checkText('input.name', '   ', 100),
    () => checkText('input.name', 'a\u0007b', 100),
    () => checkText('input.name', 'x'.repeat(101), 100),
  ];
  for (const raise of raised) {
    const error = (() => {
      try {
        raise();
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('no error');
    })();
    const translated = localizeBadInput(error.message, 'input.name', 'vi');
    expect(translated).not.toBe(error.message);
    expect(translated.startsWith('input.name: ')).toBe(true);
  }
});

test.each([
  [
    'input[3].value',
    150,
    'is not a percentage between 0 and 100',
    'input[3].value: 150 không phải là tỷ lệ phần trăm từ 0 đến 100',
  ],
  [
    'input.provinceId',
    'bac-lieu',
    'did not exist in 2026: it existed until 2025-06-30',
    'input.provinceId: "bac-lieu" không tồn tại trong năm 2026: đơn vị tồn tại đến 2025-06-30',
  ],
  [
    'provinceIds[1]',
    'atlantis',
    'is not a known province',
    'provinceIds[1]: "atlantis" không phải là tỉnh, thành phố có trong danh mục',
  ],
  [
    'input.recipientKind',
    'INDIVIDUAL',
    'cannot receive MINISTRY_EMULATION_FLAG ("Cờ thi đua của Bộ"): it goes to DEPARTMENT or COLLECTIVE',
    'input.recipientKind: "INDIVIDUAL" không thể nhận MINISTRY_EMULATION_FLAG ("Cờ thi đua của Bộ"): hình thức này dành cho Sở hoặc tập thể',
  ],
])('%s = %p: Vietnamese keeps the field and the value', (field, value, reason, vietnamese) => {
  const { message } = badInput(field, value, reason);
  expect(localizeBadInput(message, field, 'vi')).toBe(vietnamese);
  expect(localizeBadInput(message, field, 'en')).toBe(message);
});

test.each([
  ['input.password', 'is shorter than 10 characters', 'input.password: ngắn hơn 10 ký tự'],
  ['input.password', 'must not contain the username', 'input.password: không được chứa tên đăng nhập'],
  ['current', 'is not the current password', 'current: không phải là mật khẩu hiện tại'],
  ['next', 'is the current password: choose a new one', 'next: trùng với mật khẩu hiện tại: hãy chọn mật khẩu mới'],
])('a password rule on %s names the field alone, in Vietnamese too', (field, reason, vietnamese) => {
  const message = `${field}: ${reason}`;
  expect(localizeBadInput(message, field, 'vi')).toBe(vietnamese);
  expect(localizeBadInput(message, field, 'en')).toBe(message);
});

test('the longest matching reason wins', () => {
  expect(translateReason('repeats row 4: the same province, indicator and year', 'vi')).toBe(
    'trùng với dòng 4: cùng tỉnh, chỉ tiêu và năm',
  );
});

test.each([
  ['vi', 'vi'],
  ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
  ['en-GB,en;q=0.9,vi;q=0.5', 'en'],
  ['fr, vi;q=0.4', 'vi'],
  ['de', 'en'],
  ['', 'en'],
  [undefined, 'en'],
  ['vi;q=0, en', 'en'],
])('Accept-Language %p prefers %s', (header, language) => {
  expect(preferredLanguage(header)).toBe(language);
});
