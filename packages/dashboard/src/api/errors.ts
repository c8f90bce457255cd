import type { ApiError } from './client';

/**
 * The server's BAD_USER_INPUT errors by the field they name (extensions.field,
 * e.g. "input[2].value" or "input.recipientName"), for showing each message
 * beside its field. Errors that name no field are under "".
 */
export function errorsByField(errors: readonly ApiError[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const error of errors) {
    const field = error.extensions?.code === 'BAD_USER_INPUT' ? String(error.extensions.field ?? '') : '';
    if (!byField.has(field)) byField.set(field, error.message);
  }
  return byField;
}

/** Messages of errors no field shows (FORBIDDEN, CONFLICT, a service down, or a field the form does not have). */
export function unplacedErrors(errors: readonly ApiError[], placed: (field: string) => boolean): string[] {
  return errors
    .filter((error) => {
      const field = error.extensions?.code === 'BAD_USER_INPUT' ? String(error.extensions.field ?? '') : '';
      return !field || !placed(field);
    })
    .map((error) => error.message);
}

/** Reads a number as people type it: "78,5" or "78.5"; blank is null; anything else NaN. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return null;
  const normalised = /^-?\d+(,\d+)?$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  return /^-?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : Number.NaN;
}
