// A database URL in messages: where it points, never who signs in with what.
import { describe, expect, it } from 'vitest';
import { describeDatabaseUrl, isPostgresUrl, withoutPassword } from './url';

describe('describeDatabaseUrl', () => {
  it('names host, port and database without user or password', () => {
    expect(describeDatabaseUrl('postgres://chatload:secretpw@db.internal:6432/chatload?sslmode=require')).toBe('db.internal:6432/chatload');
    expect(describeDatabaseUrl('postgresql://127.0.0.1/chatload')).toBe('127.0.0.1:5432/chatload');
    expect(describeDatabaseUrl('postgres://anna@[::1]:5433')).toBe('[::1]:5433/anna');
    expect(describeDatabaseUrl('postgres:///chatload?host=/run/postgresql')).toBe('/run/postgresql:5432/chatload');
    expect(describeDatabaseUrl('postgres://user:p%40ss@host/%D0%B1%D0%B0%D0%B7%D0%B0')).toBe('host:5432/база');
  });

  it('says nothing of a URL it cannot read', () => {
    expect(describeDatabaseUrl('postgres://user:secret pw@[oops/db')).toBe('an unreadable DATABASE_URL');
  });
});

describe('withoutPassword', () => {
  it('cuts the password out as written and as decoded', () => {
    const url = 'postgres://chatload:p%40ss%2Fw0rd@db/chatload';
    expect(withoutPassword('failed with p%40ss%2Fw0rd and p@ss/w0rd', url)).toBe('failed with *** and ***');
    expect(withoutPassword('nothing here', 'postgres://db/chatload')).toBe('nothing here');
  });
});

it('tells PostgreSQL URLs from others', () => {
  expect(isPostgresUrl('postgres://db/x')).toBe(true);
  expect(isPostgresUrl('PostgreSQL://db/x')).toBe(true);
  expect(isPostgresUrl('mysql://db/x')).toBe(false);
  expect(isPostgresUrl('data/chatload.db')).toBe(false);
});
