// Snapshot ids: unguessable and shaped so a URL can be checked before any lookup.
import { describe, expect, it } from 'vitest';
import { isSnapshotId, newSnapshotId } from './ids';

describe('snapshot ids', () => {
  it('are 22 base64url characters and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSnapshotId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isSnapshotId(id)).toBe(true);
    expect(isSnapshotId('../../etc/passwd')).toBe(false);
  });
});
