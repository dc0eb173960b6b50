import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultApplies, parseFault, type Fault } from './faults';
import { formatWallClock } from '@/lib/time/wall-clock';
import { World, type DatasetName, type DatasetOptions, type SimChat } from './world';

// The simulated wamm.chat over HTTP: the api2 URLs and JSON (token in the path, `err` 0 or a
// string, HTTP 200 even for errors) and, beside them, /__sim/ control endpoints for tests.

export interface SimulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The API token it accepts. */
  token: string;
  /** Zone in which `date_msg` is written; default Europe/Moscow. */
  timezone?: string;
  seed?: number;
  dataset?: DatasetName;
  /** The team changes over time (default); false freezes it. */
  live?: boolean;
  tickMs?: number;
  now?: () => number;
}

export type Stats = Record<'user_chats' | 'user_chats_all' | 'user_chats_per_user' | 'user_list' | 'channel_list' | 'contact_to_user', number>;

/** wamm.chat's own wire shapes. */
export interface WireChat {
  chat_id: string | number;
  chat_name: string;
  phone: string;
  avatar: string;
  user_id: string | number;
  date_msg: string;
  api_id: string | number;
}
export interface WireUser {
  user_id: number;
  acc: 'admin' | 'user';
  email: string;
  name: string;
  dt_reg: string;
  dt_active: string;
  lock: 0 | 1;
  deleted: 0 | 1;
}
export interface WireChannel {
  api_id: number;
  api_tip: string;
  pay_state: string;
  phone: string;
  api_tag: string;
  state: string;
  hook: string;
}

export interface SimulatorControl {
  setFault(fault: Fault): void;
  clearFault(): void;
  setDataset(name: DatasetName, options?: DatasetOptions): void;
  setLive(live: boolean): void;
  tick(): void;
  snapshot(): { users: WireUser[]; channels: WireChannel[]; chats: WireChat[] };
  stats(): Stats;
  resetStats(): void;
}

export interface SimulatorHandle {
  /** Base URL without the token, e.g. http://127.0.0.1:41234/api2 */
  url: string;
  port: number;
  control: SimulatorControl;
  close(): Promise<void>;
}

/** wamm.chat lists at most this many chats in one all-chats answer. */
export const SIMULATOR_CAP = 900;

const emptyStats = (): Stats => ({
  user_chats: 0,
  user_chats_all: 0,
  user_chats_per_user: 0,
  user_list: 0,
  channel_list: 0,
  contact_to_user: 0,
});

export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  const now = options.now ?? Date.now;
  const timezone = options.timezone ?? 'Europe/Moscow';
  const world = new World(options.seed ?? 42, now());
  world.load(options.dataset ?? 'demo', now());
  let fault: (Fault & { remaining?: number }) | null = null;
  let stats = emptyStats();
  let ticker: ReturnType<typeof setInterval> | null = null;
  const hanging = new Set<http.ServerResponse>();

  const setLive = (live: boolean) => {
    if (ticker) clearInterval(ticker);
    ticker = null;
    if (live) {
      ticker = setInterval(() => world.tick(now()), options.tickMs ?? 5000);
      ticker.unref();
    }
  };
  setLive(options.live ?? true);

  const wireChat = (chat: SimChat): WireChat => {
    // The real API mixes numbers and strings for ids; so does this one, by chat.
    const asNumbers = chat.chatId % 5 === 0;
    const unassigned = chat.chatId % 2 === 0 ? '' : '0';
    return {
      chat_id: asNumbers ? chat.chatId : String(chat.chatId),
      chat_name: chat.name,
      phone: chat.phone,
      avatar: chat.avatar,
      user_id: chat.userId === 0 ? unassigned : asNumbers ? chat.userId : String(chat.userId),
      date_msg: formatWallClock(chat.lastMessageMs, timezone),
      api_id: asNumbers ? chat.apiId : String(chat.apiId),
    };
  };
  const wireUsers = (): WireUser[] =>
    world.users.map((user) => ({
      user_id: user.userId,
      acc: user.admin ? 'admin' : 'user',
      email: user.email,
      name: user.name,
      dt_reg: formatWallClock(user.registeredAtMs, timezone),
      dt_active: formatWallClock(user.activeAtMs, timezone),
      lock: user.locked ? 1 : 0,
      deleted: user.deleted ? 1 : 0,
    }));
  const wireChannels = (): WireChannel[] =>
    world.channels.map((channel) => ({
      api_id: channel.apiId,
      api_tip: channel.type,
      pay_state: 'paid',
      phone: channel.phone,
      api_tag: channel.tag,
      state: channel.state,
      hook: '',
    }));

  const control: SimulatorControl = {
    setFault: (next) => {
      fault = { ...next, ...(next.times ? { remaining: next.times } : {}) };
    },
    clearFault: () => {
      fault = null;
      for (const response of hanging) response.destroy();
      hanging.clear();
    },
    setDataset: (name, datasetOptions) => world.load(name, now(), datasetOptions),
    setLive,
    tick: () => world.tick(now()),
    snapshot: () => ({ users: wireUsers(), channels: wireChannels(), chats: world.chats.map(wireChat) }),
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats = emptyStats();
    },
  };

  const sendJson = (response: http.ServerResponse, body: unknown, status = 200) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };

  /** Answers a wamm.chat call, or returns false when a fault took over the response. */
  const applyFault = (response: http.ServerResponse, names: string[]): boolean => {
    const active = fault;
    if (!active || !faultApplies(active, names)) return false;
    if (active.remaining !== undefined) {
      active.remaining--;
      if (active.remaining <= 0) fault = null;
    }
    switch (active.kind) {
      case 'token_fail':
        sendJson(response, { err: 'token fail' });
        return true;
      case 'acc_not_authorized':
        sendJson(response, { err: 'acc not authorized' });
        return true;
      case 'fail_execution':
        sendJson(response, { err: 'fail execution' });
        return true;
      case 'http_500':
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Internal Server Error');
        return true;
      case 'html':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
        return true;
      case 'malformed_json':
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end('{"err":0,"data":[{"chat_id":"1","chat_name":"Обрыв');
        return true;
      case 'hang':
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return true;
      case 'reset':
        response.socket?.destroy();
        return true;
      case 'slow':
        return false; // handled by the caller: answer normally, later
    }
  };

  const handleApi = (segments: string[], response: http.ServerResponse) => {
    const [method = '', rawToken = '', ...rest] = segments;
    let token: string;
    try {
      token = decodeURIComponent(rawToken);
    } catch {
      token = '';
    }
    const args = rest.map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
    const userId = method === 'user_chats' ? Number(args[0] ?? '0') || 0 : 0;
    const names = [method];
    if (method === 'user_chats') names.push(userId === 0 ? 'user_chats_all' : 'user_chats_per_user');
    if (method in stats) {
      for (const name of names) stats[name as keyof Stats]++;
    }

    const answer = () => {
      if (applyFault(response, names)) return;
      if (token !== options.token) return sendJson(response, { err: 'token fail' });
      switch (method) {
        case 'user_chats': {
          const ownChannelOnly = args[1] === '1';
          if (userId !== 0 && !world.users.some((user) => user.userId === userId)) {
            return sendJson(response, { err: 'user_id fail' });
          }
          let chats = world.chats.filter(
            (chat) => (userId === 0 || chat.userId === userId) && (!ownChannelOnly || chat.apiId === world.channels[0]!.apiId),
          );
          if (userId === 0) chats = chats.slice(0, SIMULATOR_CAP);
          if (chats.length === 0) return sendJson(response, { err: 'fail get data' });
          return sendJson(response, { err: 0, data: chats.map(wireChat) });
        }
        case 'user_list':
          return sendJson(response, { err: 0, data: wireUsers() });
        case 'channel_list': {
          const filter = args[0] ?? 'active';
          const channels = wireChannels().filter((channel) =>
            filter === 'active' ? true : filter === 'statusOn' ? channel.state === 'authorized' : filter === 'statusOff' ? channel.state !== 'authorized' : filter === 'one' ? channel.api_id === world.channels[0]!.apiId : false,
          );
          if (channels.length === 0) return sendJson(response, { err: 'fail get data' });
          return sendJson(response, { err: 0, data: channels });
        }
        case 'contact_to_user': {
          const [phone = '', user = ''] = args;
          const target = user === 'none' ? 0 : Number(user);
          if (!Number.isInteger(target) || (user !== 'none' && target <= 0)) return sendJson(response, { err: 'user not found' });
          if (phone === '') return sendJson(response, { err: 'phone fail' });
          const result = world.reassign(phone, target);
          return sendJson(response, result === 'ok' ? { err: 0, result: 'success' } : { err: result });
        }
        default:
          return sendJson(response, { err: 'method fail' });
      }
    };
    const active = fault;
    if (active?.kind === 'slow' && faultApplies(active, names)) setTimeout(answer, active.delayMs ?? 3000);
    else answer();
  };

  const handleControl = async (request: http.IncomingMessage, path: string, response: http.ServerResponse) => {
    const body = request.method === 'POST' ? await readJson(request) : undefined;
    if (body instanceof Error) return sendJson(response, { error: body.message }, 400);
    const route = `${request.method} ${path}`;
    switch (route) {
      case 'GET health':
        return sendJson(response, { ok: true, chats: world.chats.length });
      case 'POST fault': {
        const parsed = parseFault(body);
        if (typeof parsed === 'string') return sendJson(response, { error: parsed }, 400);
        control.setFault(parsed);
        return sendJson(response, { ok: true, fault: parsed });
      }
      case 'DELETE fault':
        control.clearFault();
        return sendJson(response, { ok: true });
      case 'POST dataset': {
        const { name, unassigned } = (body ?? {}) as { name?: unknown; unassigned?: unknown };
        if (name !== 'demo' && name !== 'empty' && name !== 'over900') {
          return sendJson(response, { error: 'name must be demo, empty or over900' }, 400);
        }
        if (unassigned !== undefined && unassigned !== null && (typeof unassigned !== 'number' || unassigned < 0)) {
          return sendJson(response, { error: 'unassigned must be a number of chats' }, 400);
        }
        control.setDataset(name, typeof unassigned === 'number' ? { unassigned } : {});
        return sendJson(response, { ok: true, chats: world.chats.length });
      }
      case 'POST live': {
        const live = (body as { live?: unknown } | undefined)?.live;
        if (typeof live !== 'boolean') return sendJson(response, { error: 'live must be true or false' }, 400);
        control.setLive(live);
        return sendJson(response, { ok: true });
      }
      case 'POST tick':
        control.tick();
        return sendJson(response, { ok: true, chats: world.chats.length });
      case 'GET snapshot':
        return sendJson(response, control.snapshot());
      case 'GET stats':
        return sendJson(response, control.stats());
      case 'POST stats/reset':
        control.resetStats();
        return sendJson(response, { ok: true });
      default:
        return sendJson(response, { error: `no control endpoint ${route}` }, 404);
    }
  };

  const server = http.createServer((request, response) => {
    // Split before decoding: an encoded "/" in the token stays inside its segment.
    const path = (request.url ?? '/').split('?')[0]!;
    if (path.startsWith('/__sim/')) {
      handleControl(request, path.slice('/__sim/'.length), response).catch(() => sendJson(response, { error: 'control failed' }, 500));
      return;
    }
    if (path.startsWith('/api2/') && request.method === 'GET') {
      handleApi(path.slice('/api2/'.length).split('/'), response);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<html><body><h1>404 Not Found</h1></body></html>');
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/api2`,
    port,
    control,
    async close() {
      setLive(false);
      for (const response of hanging) response.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 100_000) return new Error('body too large');
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new Error('the body is not valid JSON');
  }
}
