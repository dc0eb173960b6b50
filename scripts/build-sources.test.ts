import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import buildSources from './build-sources.cjs';

const { BUILD_SOURCES, newestSourceChange, sourceHash } = buildSources;

let root: string;

function write(file: string, text: string, mtimeSeconds: number) {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  // The file and every folder above it inside the project carry the given time.
  for (let entry = full; entry !== root; entry = path.dirname(entry)) utimesSync(entry, mtimeSeconds, mtimeSeconds);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'chatload-sources-'));
  write('app/page.tsx', 'page', 1_000);
  write('lib/load/store.ts', 'store', 1_000);
  write('proxy.ts', 'proxy', 1_000);
  write('instrumentation.ts', 'instrumentation', 1_000);
  write('README.md', 'readme', 1_000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the build sources', () => {
  it('list the files Next reads at the root, so editing them rebuilds and reloads wall displays', () => {
    for (const file of ['proxy.ts', 'instrumentation.ts', 'next.config.js', 'package-lock.json', 'tsconfig.json']) {
      expect(BUILD_SOURCES).toContain(file);
    }
  });

  it('give a new build id when proxy.ts changes, and the same one for the same code', () => {
    const before = sourceHash(root);
    expect(sourceHash(root)).toBe(before);
    write('proxy.ts', 'proxy, edited', 1_000);
    expect(sourceHash(root)).not.toBe(before);
  });

  it('ignore what is not built: a README edit keeps the build id', () => {
    const before = sourceHash(root);
    write('README.md', 'readme, edited', 5_000);
    expect(sourceHash(root)).toBe(before);
    expect(newestSourceChange(root)).toBe(1_000_000);
  });

  it('see the newest change to a source file, so `npm start` builds again', () => {
    write('proxy.ts', 'proxy, edited', 2_000);
    expect(newestSourceChange(root)).toBe(2_000_000);
  });

  it('see a deleted file through its folder', () => {
    rmSync(path.join(root, 'lib/load/store.ts'));
    expect(newestSourceChange(root)).toBeGreaterThan(1_000_000);
  });
});
