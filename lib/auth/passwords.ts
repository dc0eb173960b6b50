import { randomBytes, scrypt, timingSafeEqual, createHash, type ScryptOptions } from 'node:crypto';

// Passwords: scrypt hashes for named accounts ("scrypt$N$r$p$salt$hash", base64url), and a
// constant-time comparison for the passwords given in configuration.

const KEY_LENGTH = 32;
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;

// scrypt runs on libuv's thread pool (4 threads), which file and DNS work share: a burst of sign-ins
// must not fill it. At most two checks run at once; a few dozen wait their turn; beyond that the
// sign-in is refused as busy rather than queued without end.
const CHECK_SLOTS = 2;
const CHECK_QUEUE = 64;
let checksRunning = 0;
const checksWaiting: Array<() => void> = [];

/** Too many password checks are waiting already: try again in a moment. */
export class PasswordChecksBusyError extends Error {
  constructor() {
    super('too many sign-ins are being checked at once');
    this.name = 'PasswordChecksBusyError';
  }
}

async function withCheckSlot<T>(work: () => Promise<T>): Promise<T> {
  if (checksRunning < CHECK_SLOTS) checksRunning++;
  else if (checksWaiting.length >= CHECK_QUEUE) throw new PasswordChecksBusyError();
  // A finished check hands its slot straight to the next in line.
  else await new Promise<void>((resolve) => checksWaiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = checksWaiting.shift();
    if (next) next();
    else checksRunning--;
  }
}

/** Password checks running now, for tests. */
export function passwordChecksRunning(): number {
  return checksRunning;
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, DEFAULTS);
  return ['scrypt', DEFAULTS.N, DEFAULTS.r, DEFAULTS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const HASH = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

export function isPasswordHash(text: string): boolean {
  const match = HASH.exec(text);
  return match !== null && Number(match[1]) >= 1024 && Number(match[1]) <= 2 ** 20 && Number(match[2]) <= 32 && Number(match[3]) <= 16;
}

/** Whether `password` matches a hash made by hashPassword; false for anything malformed. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = HASH.exec(encoded);
  if (!match || !isPasswordHash(encoded)) return false;
  const [, n, r, p, salt, hash] = match;
  const expected = Buffer.from(hash!, 'base64url');
  const actual = await withCheckSlot(() => derive(password, Buffer.from(salt!, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given.normalize('NFC')).digest();
  const b = createHash('sha256').update(expected.normalize('NFC')).digest();
  return timingSafeEqual(a, b);
}
