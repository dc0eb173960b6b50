// Failures the simulator can be told to produce, the ones a real wamm.chat (or a proxy in front of
// it) has been seen to: its own error strings, HTTP errors, HTML pages, broken JSON, slowness.

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
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Method names a fault can be limited to: wamm.chat's own, plus `user_chats_all` and
 * `user_chats_per_user` to tell the all-chats call from the per-operator ones.
 */
export const FAULT_METHODS = [
  'user_chats',
  'user_chats_all',
  'user_chats_per_user',
  'user_list',
  'channel_list',
  'contact_to_user',
] as const;

export interface Fault {
  kind: FaultKind;
  /** For `slow`: how long to wait before answering; default 3000 ms. */
  delayMs?: number;
  /** Only these methods fail; default all. */
  methods?: string[];
  /** Fail only the next N matching calls, then clear; default: until cleared. */
  times?: number;
}

export function parseFault(input: unknown): Fault | string {
  if (typeof input !== 'object' || input === null) return 'the body must be a JSON object';
  const { kind, delayMs, methods, times } = input as Record<string, unknown>;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  }
  if (delayMs !== undefined && (typeof delayMs !== 'number' || delayMs < 0 || delayMs > 600_000)) {
    return 'delayMs must be a number of milliseconds up to 600000';
  }
  if (
    methods !== undefined &&
    (!Array.isArray(methods) || methods.some((method) => !(FAULT_METHODS as readonly string[]).includes(String(method))))
  ) {
    return `methods must be a list of ${FAULT_METHODS.join(', ')}`;
  }
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    return 'times must be a whole number of at least 1';
  }
  return {
    kind: kind as FaultKind,
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(methods === undefined ? {} : { methods: methods.map(String) }),
    ...(times === undefined ? {} : { times }),
  };
}

/** Whether a fault applies to a call; `names` are the call's method and its finer name. */
export function faultApplies(fault: Fault, names: readonly string[]): boolean {
  return !fault.methods || fault.methods.some((method) => names.includes(method));
}
