// Where the scripts find the database: the same rules as the server's start.
import path from 'node:path';
import { expect, it } from 'vitest';
import { storageOptionsFromEnv } from './config';

it('uses DATABASE_URL when set, else the SQLite file under DATA_DIR, the demo one without a token', () => {
  expect(storageOptionsFromEnv({})).toEqual({ databaseUrl: null, sqliteFile: path.join('data', 'chatload-demo.db') });
  expect(storageOptionsFromEnv({ WAMM_TOKEN: 'token', DATA_DIR: '/var/lib/chatload' })).toEqual({
    databaseUrl: null,
    sqliteFile: '/var/lib/chatload/chatload.db',
  });
  expect(storageOptionsFromEnv({ WAMM_TOKEN: '  ', DATA_DIR: '', DATABASE_URL: ' ' })).toEqual({ databaseUrl: null, sqliteFile: path.join('data', 'chatload-demo.db') });
  expect(storageOptionsFromEnv({ WAMM_TOKEN: 't', DATABASE_URL: 'postgres://db/chatload' })).toEqual({
    databaseUrl: 'postgres://db/chatload',
    sqliteFile: path.join('data', 'chatload.db'),
  });
});
