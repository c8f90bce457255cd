import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ErrorCode } from '@thidua/kit';
import { GraphQLError } from 'graphql';

/**
 * scrypt with N = 2^15, r = 8, p = 1: 32 MiB and roughly a tenth of a second
 * per hash, the cost OWASP recommends for scrypt. The parameters travel with
 * each hash, so raising them later leaves old hashes readable.
 */
const cost = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$key` (salt and key in base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, keyLength);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

let dummy: Promise<string> | undefined;

/**
 * Whether `password` matches `stored`. With no stored hash (an unknown user,
 * an account that signs in only through single sign-on) it still derives a
 * key, from a dummy hash of the same cost, so the answer takes as long.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  const parts = (stored ?? (await dummy)).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, N, r, p, salt, key] = parts;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: +N, r: +r, p: +p }, expected.length);
  return timingSafeEqual(actual, expected) && stored != null;
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password of four groups of four (about 79 bits), e.g. "k7pm-2xqa-9rtd-hw4e". */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''),
  );
  return groups.join('-');
}

export const MIN_PASSWORD_LENGTH = 10;

/**
 * BAD_USER_INPUT about a password: it names the field but, unlike
 * `badInput`, never repeats the value, so no password reaches an error or a log.
 */
export function badPassword(field: string, reason: string): GraphQLError {
  return new GraphQLError(`${field}: ${reason}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/** A password a person chose: long enough, not the username. */
export function checkNewPassword(field: string, password: string, username: string): string {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw badPassword(field, `is shorter than ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > 200) throw badPassword(field, 'is longer than 200 characters');
  if (password.trim().toLowerCase() === username.toLowerCase() || password.toLowerCase().includes(username)) {
    throw badPassword(field, 'must not contain the username');
  }
  return password;
}
