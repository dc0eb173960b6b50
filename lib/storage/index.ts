// The storage boundary as services see it: open it, use its repositories, read its errors.
export { openStorage, describeDatabaseUrl, type StorageOptions } from './open';
export { storageOptionsFromEnv, type StorageLocation } from './config';
export { newSnapshotId, isSnapshotId } from './ids';
export { StorageSchemaError, StorageUnavailableError } from './errors';
export type { StorageLog } from './health';
export type * from './types';
