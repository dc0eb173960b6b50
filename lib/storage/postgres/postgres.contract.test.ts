// The storage contract against a PostgreSQL database of this file's own, emptied before each test.
import { postgresForTests } from '@/tests/support/postgres';
import { describeStorageContract } from '../contract';

const postgres = await postgresForTests('PostgreSQL storage contract');

if (postgres !== null) {
  describeStorageContract('PostgreSQL', {
    fresh: async () => {
      await postgres.truncate();
      return { databaseUrl: postgres.url, sqliteFile: 'unused.db' };
    },
  });
}
