import type { IncomingMessage, ServerResponse } from 'node:http';

// Types of front.mjs (plain JavaScript, run by node without a build).

export declare const FRONT_KEY: unique symbol;
export declare const ADDRESS_HEADER: 'x-chatload-client-address';
export declare const PROOF_HEADER: 'x-chatload-front-proof';
export declare const REQUEST_BODY_LIMIT_BYTES: number;

export declare function registerFront(): string;

export declare function createFront(options: {
  handle: (request: IncomingMessage, response: ServerResponse) => unknown;
  trustProxy?: boolean;
  maxBodyBytes?: number;
}): (request: IncomingMessage, response: ServerResponse) => unknown;
