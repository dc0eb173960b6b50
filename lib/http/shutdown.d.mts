import type { Server } from 'node:http';

// Types of shutdown.mjs (plain JavaScript, run by node without a build).

export declare const SHUTDOWN_KEY: unique symbol;

export declare function drainOnSignal(options: {
  server: Server;
  /** Closes the app (its runtime); bounded by closeMs. */
  close?: () => Promise<unknown>;
  /** How long requests in flight may take to finish; default 7000. */
  drainMs?: number;
  closeMs?: number;
  /** Exits whatever is still running after this long; default 9500. */
  hardMs?: number;
  log?: (line: string) => void;
  exit?: (code: number) => void;
  signals?: string[];
}): { inFlight: () => number; shutdown: (signal: string) => Promise<void> };
