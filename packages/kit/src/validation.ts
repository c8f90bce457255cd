import { badInput } from './errors.js';

/**
 * Format characters that show nothing: the soft hyphen, zero-width space,
 * non-joiner and joiner, word joiner and the byte-order mark. Text that
 * differs only by these looks the same to a reader, so it is stored without them.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** C0 and C1 control characters except tab, line feed and carriage return (which multi-line text uses). */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Half of a UTF-16 surrogate pair without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string is well-formed UTF-16 (no lone surrogate), so it can be stored as UTF-8. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why a string cannot be stored as text at all (a NUL or other control
 * character, a lone surrogate), or undefined when it can.
 */
export function unstorableText(value: string): string | undefined {
  const control = CONTROL.exec(value);
  if (control) return `contains the control character ${codePoint(control[0])}`;
  if (!isWellFormedText(value)) return 'is not well-formed Unicode (it has a lone surrogate)';
  return undefined;
}

/**
 * The stored form of a text: Unicode NFC, without invisible characters,
 * trimmed. Two texts a reader cannot tell apart get the same stored form, so
 * a unique index over stored text catches them as duplicates.
 */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE, '').trim();
}

/**
 * A text argument as it will be stored ({@link normalizeText}): refused when
 * it holds a control character or a lone surrogate, has nothing visible, or is
 * longer than `max` characters once normalised.
 */
export function checkText(field: string, value: string, max = 500): string {
  const unstorable = unstorableText(value);
  if (unstorable) throw badInput(field, value, unstorable);
  const text = normalizeText(value);
  if (text === '') throw badInput(field, value, 'must not be empty (it has no visible characters)');
  if (text.length > max) throw badInput(field, `${text.slice(0, 40)}…`, `is longer than ${max} characters`);
  return text;
}

/** {@link checkText} for an optional argument: null or absent stays null. */
export function checkOptionalText(field: string, value: string | null | undefined, max = 500): string | null {
  return value === null || value === undefined ? null : checkText(field, value, max);
}

/** A stable slug id: lowercase letters, digits and hyphens. */
export function checkSlug(field: string, value: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || value.length > 64) {
    throw badInput(field, value, 'is not an id of lowercase letters, digits and hyphens (e.g. "cum-3")');
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the shape of a stored record id (a UUID). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** A record id argument: refused unless it is a UUID, e.g. `checkUuid('id', id, 'a commendation')`. */
export function checkUuid(field: string, value: string, what: string): string {
  if (!isUuid(value)) throw badInput(field, value, `is not ${what} id (a UUID)`);
  return value;
}
