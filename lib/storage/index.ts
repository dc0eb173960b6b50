import path from 'node:path';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

// The one place that picks the backend. Pages and routes see only `Storage`.

export const DATABASE_FILE = 'chatload.db';

export function openStorage(dataDir: string): Storage {
  return openSqliteStorage(path.join(dataDir, DATABASE_FILE));
}

export { newSnapshotId, isSnapshotId } from './ids';
export { StorageSchemaError } from './migrations';
export type * from './types';
