import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// First Load JS of a route, from the build's own list of the chunks a first visit downloads
// (<dist>/diagnostics/route-bundle-stats.json), gzipped here the way a server would send them.

interface RouteRow {
  route: string;
  firstLoadUncompressedJsBytes: number;
  firstLoadChunkPaths: string[];
}

export interface BundleFigures {
  route: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** Chunks holding markers of server code or a full zod build: none expected. */
  suspicious: string[];
}

const SERVER_MARKERS = ['server-only', 'wamm.chat/api2', 'user_chats', 'node:http', 'better-sqlite3'];
// Strings only zod's full build carries; the page must import types, not schemas.
const ZOD_MARKERS = ['ZodError', '$ZodType'];

export function firstLoadJs(root: string, route: string, distDir = '.next'): BundleFigures {
  const file = path.join(root, distDir, 'diagnostics', 'route-bundle-stats.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as RouteRow[] | { routes?: RouteRow[] };
  const rows = Array.isArray(parsed) ? parsed : (parsed.routes ?? []);
  const row = rows.find((candidate) => candidate.route === route);
  if (!row) throw new Error(`no route ${route} in ${file}`);
  let rawBytes = 0;
  let gzipBytes = 0;
  const suspicious: string[] = [];
  for (const chunk of row.firstLoadChunkPaths) {
    const content = readFileSync(path.join(root, chunk));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
    const text = content.toString('utf8');
    if ([...SERVER_MARKERS, ...ZOD_MARKERS].some((marker) => text.includes(marker))) suspicious.push(chunk);
  }
  return { route, files: row.firstLoadChunkPaths, rawBytes, gzipBytes, suspicious };
}
