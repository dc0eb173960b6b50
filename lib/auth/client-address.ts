import { createHash, timingSafeEqual } from 'node:crypto';

// Who is asking, by network address: for the sign-in limit, display keys' address lists and the
// audit log. Only chatload's own front (lib/http/front.mjs, run by `npm start`) knows the address;
// it sets it with a proof made fresh in each process. Without the front, or without the proof, the
// address is unknown: a client that names its own address gets nothing for it.

// The names are front.mjs's; they are repeated here rather than imported so that Next does not
// bundle the front into the app. lib/auth/client-address.test.ts runs both together.
const FRONT_KEY = Symbol.for('chatload.front');
const ADDRESS_HEADER = 'x-chatload-client-address';
const PROOF_HEADER = 'x-chatload-front-proof';

/** The client's address as the front saw it, or null when no front of this process vouches for it. */
export function clientAddress(headers: Headers): string | null {
  const expected = frontProof();
  const given = headers.get(PROOF_HEADER);
  if (expected === null || given === null || !sameSecret(given, expected)) return null;
  return headers.get(ADDRESS_HEADER) || null;
}

function frontProof(): string | null {
  const front: unknown = (globalThis as Record<symbol, unknown>)[FRONT_KEY];
  if (typeof front !== 'object' || front === null) return null;
  const proof = (front as { proof?: unknown }).proof;
  return typeof proof === 'string' && proof.length >= 32 ? proof : null;
}

/** Compared in constant time; hashing first makes the lengths equal, as timingSafeEqual needs. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
