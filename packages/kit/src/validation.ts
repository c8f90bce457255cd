import { badInput } from './errors.js';

/** A non-empty trimmed string of at most `max` characters. */
export function checkText(field: string, value: string, max = 500): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(field, value, 'must not be empty');
  if (trimmed.length > max) throw badInput(field, `${trimmed.slice(0, 40)}…`, `is longer than ${max} characters`);
  return trimmed;
}

/** A stable slug id: lowercase letters, digits and hyphens. */
export function checkSlug(field: string, value: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || value.length > 64) {
    throw badInput(field, value, 'is not an id of lowercase letters, digits and hyphens (e.g. "cum-3")');
  }
  return value;
}
