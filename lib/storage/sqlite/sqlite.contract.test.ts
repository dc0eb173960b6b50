// The storage contract against a fresh SQLite file per test.
import path from 'node:path';
import { describeStorageContract } from '../contract';
import { useTempDirs } from '../test-support';

const tempDir = useTempDirs();

describeStorageContract('SQLite', {
  fresh: async () => ({ databaseUrl: null, sqliteFile: path.join(tempDir(), 'chatload.db') }),
});
