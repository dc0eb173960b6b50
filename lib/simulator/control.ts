import { z } from 'zod';
import { parseFault, type Fault } from './faults';
import type { WireChannel, WireChat, WireUser } from './wire';
import { ALL_CHATS_CAP, DATASETS, type DatasetName, type DatasetOptions } from './world';

// How tests steer the simulator: in-process through SimulatorControl, or from another process
// (the e2e run) through the same operations as /__sim/ endpoints.

/** Calls received, per method; user_chats also split into the all-chats and per-operator calls. */
export type SimulatorStats = Record<
  'user_chats' | 'user_chats_all' | 'user_chats_per_user' | 'user_list' | 'channel_list' | 'contact_to_user',
  number
>;

export interface SimulatorSnapshot {
  users: WireUser[];
  channels: WireChannel[];
  /** Every open chat, uncapped. */
  chats: WireChat[];
}

export interface SimulatorControl {
  setFault(fault: Fault): void;
  /** Also ends calls left hanging by a `hang` fault, so none outlives the test that set it. */
  clearFault(): void;
  setDataset(name: DatasetName, options?: DatasetOptions): void;
  setLive(live: boolean): void;
  /** Advances the world one step, live or not. */
  tick(): void;
  snapshot(): SimulatorSnapshot;
  stats(): SimulatorStats;
  resetStats(): void;
}

export function emptyStats(): SimulatorStats {
  return { user_chats: 0, user_chats_all: 0, user_chats_per_user: 0, user_list: 0, channel_list: 0, contact_to_user: 0 };
}

export interface ControlReply {
  status: number;
  body: unknown;
}

const datasetSchema = z.object({
  name: z.enum(DATASETS),
  unassigned: z.number().int().min(0).max(ALL_CHATS_CAP).optional(),
});
const liveSchema = z.object({ live: z.boolean() });

const ok = (body: Record<string, unknown> = {}): ControlReply => ({ status: 200, body: { ok: true, ...body } });
const badRequest = (message: string): ControlReply => ({ status: 400, body: { error: message } });

/**
 * One /__sim/ request: `route` is the HTTP method and the path after /__sim/ ("POST fault"),
 * `body` the parsed JSON body (undefined when there was none).
 */
export function handleControlRequest(control: SimulatorControl, route: string, body: unknown): ControlReply {
  switch (route) {
    // GET /__sim/health – liveness for whoever started the simulator
    case 'GET health':
      return ok();
    // POST /__sim/fault – body: a Fault
    case 'POST fault': {
      const parsed = parseFault(body);
      if (!parsed.ok) return badRequest(parsed.message);
      control.setFault(parsed.fault);
      return ok({ fault: parsed.fault });
    }
    // DELETE /__sim/fault – back to normal answers
    case 'DELETE fault':
      control.clearFault();
      return ok();
    // POST /__sim/dataset – body: {name, unassigned?}
    case 'POST dataset': {
      const parsed = datasetSchema.safeParse(body);
      if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
      const { name, unassigned } = parsed.data;
      control.setDataset(name, unassigned === undefined ? {} : { unassigned });
      return ok({ chats: control.snapshot().chats.length });
    }
    // POST /__sim/live – body: {live: boolean}
    case 'POST live': {
      const parsed = liveSchema.safeParse(body);
      if (!parsed.success) return badRequest(z.prettifyError(parsed.error));
      control.setLive(parsed.data.live);
      return ok();
    }
    // POST /__sim/tick – one step of the world
    case 'POST tick':
      control.tick();
      return ok({ chats: control.snapshot().chats.length });
    // GET /__sim/snapshot – the truth: every user, channel and open chat in wire shapes
    case 'GET snapshot':
      return { status: 200, body: control.snapshot() };
    // GET /__sim/stats – calls received per method
    case 'GET stats':
      return { status: 200, body: control.stats() };
    // POST /__sim/stats/reset
    case 'POST stats/reset':
      control.resetStats();
      return ok();
    default:
      return { status: 404, body: { error: `no control endpoint ${route}` } };
  }
}
