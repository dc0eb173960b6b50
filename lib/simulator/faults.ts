import { z } from 'zod';
import { CALL_NAMES, type CallName } from './wamm-api';

// Failures the simulator can be told to produce, the ones a real wamm.chat (or a proxy in front of
// it) has been seen to: its own error strings, HTTP errors, HTML pages, broken JSON, slowness,
// silence and dropped connections.

export const FAULT_KINDS = [
  'token_fail',
  'acc_not_authorized',
  'fail_execution',
  'http_500',
  'html',
  'malformed_json',
  'slow',
  'hang',
  'reset',
  /** The call takes effect (a chat moves), then no answer ever comes: a timeout after the write. */
  'hang_after_apply',
  /** The call takes effect, then the answer is an HTTP 500: the caller cannot know it worked. */
  'http_500_after_apply',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** For `slow`: how long to wait before answering normally; default 3000 ms. */
  delayMs?: number;
  /**
   * Only calls with these names fail: wamm.chat's methods, plus `user_chats_all` and
   * `user_chats_per_user` to tell the all-chats call from the per-operator ones. Default all.
   */
  methods?: string[];
  /**
   * Only the per-operator user_chats calls of these operators fail (wamm.chat's user_ids, as
   * strings): some of a team answering and some not. Default every call the other fields match.
   */
  users?: string[];
  /** Fail only the next N matching calls, then clear; default: until cleared. */
  times?: number;
}

export const DEFAULT_SLOW_MS = 3000;

const faultSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  methods: z.array(z.enum(CALL_NAMES)).optional(),
  users: z.array(z.string().regex(/^\d{1,20}$/)).max(10_000).optional(),
  times: z.number().int().min(1).optional(),
});

/** A fault from an untrusted JSON body, or a message saying what is wrong with it. */
export function parseFault(input: unknown): { ok: true; fault: Fault } | { ok: false; message: string } {
  const parsed = faultSchema.safeParse(input);
  if (parsed.success) return { ok: true, fault: parsed.data };
  return { ok: false, message: z.prettifyError(parsed.error) };
}

/** The fault in force, counted down call by call when it has `times`. */
export class FaultSwitch {
  private current: Fault | null = null;
  private remaining = Infinity;

  get active(): Fault | null {
    return this.current;
  }

  set(fault: Fault): void {
    this.current = { ...fault };
    this.remaining = fault.times ?? Infinity;
  }

  clear(): void {
    this.current = null;
  }

  /**
   * The fault this call gets, if any, used up once: decided when the call arrives so that calls
   * in flight together cannot both take the last of `times`.
   */
  take(names: readonly CallName[], userId?: string): Fault | null {
    const fault = this.current;
    if (!fault) return null;
    if (fault.methods && !fault.methods.some((method) => (names as readonly string[]).includes(method))) return null;
    if (fault.users && (!names.includes('user_chats_per_user') || userId === undefined || !fault.users.includes(userId))) return null;
    this.remaining--;
    if (this.remaining <= 0) this.current = null;
    return fault;
  }
}
