// What a failed PostgreSQL call means for a supervisor: the driver's socket errors and the server's
// SQLSTATE codes turned into one sentence without credentials. Errors that are our own doing (a
// duplicate id, bad SQL) stay as they are.
import { StorageUnavailableError } from '../errors';

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError.
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) ? codeOf(errors[0]) : null;
}

const SOCKET_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name is not known',
  EAI_AGAIN: 'the host name cannot be looked up',
  ETIMEDOUT: 'no answer',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was cut',
  EPIPE: 'the connection was cut',
  ENOENT: 'no server listens on that socket',
};

/** What the driver says for a connection it gave up on, by message since it sets no code. */
const DRIVER_MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/timeout expired|connection timeout|timeout exceeded when trying to connect/i, 'no answer in time'],
  [/Connection terminated/i, 'the connection was cut'],
  [/the database system is (starting up|shutting down)/i, 'the server is starting up or shutting down'],
];

export interface Where {
  /** "127.0.0.1:5432/chatload" */
  database: string;
  /** The connection's timeouts, to say how long a query may take. */
  statementTimeoutMs: number;
}

/** The StorageUnavailableError for `error`, or null when it is not about the database being unavailable. */
export function unavailableReason(error: unknown, where: Where): string | null {
  const notReachable = (why: string) => `PostgreSQL at ${where.database} is not reachable: ${why}`;
  const code = codeOf(error);
  if (code !== null && SOCKET_PROBLEMS[code] !== undefined) return notReachable(SOCKET_PROBLEMS[code]);
  if (code === null || !/^[0-9A-Z]{5}$/.test(code)) {
    const message = error instanceof Error ? error.message : '';
    const known = DRIVER_MESSAGES.find(([pattern]) => pattern.test(message));
    return known === undefined ? null : notReachable(known[1]);
  }
  if (code.startsWith('08')) return notReachable('the connection failed');
  if (code === '57P01' || code === '57P02' || code === '57P03') return `PostgreSQL at ${where.database} is shutting down or starting up`;
  if (code === '53100') return "the database server's disk is full";
  if (code === '53200') return 'the database server ran out of memory';
  if (code === '53300') return `PostgreSQL at ${where.database} has no free connections`;
  if (code === '55P03') return 'the data is locked by another connection to the database';
  if (code === '57014') return `a database query took longer than ${Math.round(where.statementTimeoutMs / 1000)} s and was stopped`;
  if (code === '40001' || code === '40P01') return 'the database was busy with a conflicting change';
  if (code === '28P01' || code === '28000') return `PostgreSQL at ${where.database} refused chatload's sign-in (check the user and password in DATABASE_URL)`;
  if (code === '3D000') return `PostgreSQL at ${where.database}: the database does not exist`;
  if (code === '25006') return `PostgreSQL at ${where.database} only allows reading (is it a standby?)`;
  if (code.startsWith('58')) return 'the database server failed to read or write its files';
  if (code === 'XX001' || code === 'XX002') return 'the database server reports damaged data';
  return null;
}

export function unavailableFrom(error: unknown, where: Where): unknown {
  if (StorageUnavailableError.is(error)) return error;
  const reason = unavailableReason(error, where);
  return reason === null ? error : new StorageUnavailableError(reason, { cause: error });
}
