// The storage contract against a fresh SQLite file per test.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describeStorageContract } from '../contract';
import { useTempDirs } from '../test-support';

const tempDir = useTempDirs();

describeStorageContract('SQLite', {
  fresh: async () => ({ databaseUrl: null, sqliteFile: path.join(tempDir(), 'chatload.db') }),
  async checkIntact({ sqliteFile }) {
    const db = new Database(sqliteFile);
    try {
      const result = db.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`${sqliteFile} is damaged: ${String(result)}`);
    } finally {
      db.close();
    }
  },
});
