import { toWireChannel, toWireChat, toWireUser, type WireChannel, type WireChat, type WireUser } from './wire';
import { ALL_CHATS_CAP, type World } from './world';

// What wamm.chat's api2 answers to one call, decided from the world alone: the URL has been split
// and decoded already, faults and HTTP are the server's business.

/** One api2 call: `/api2/{method}/{token}/{...args}`, each segment URL-decoded. */
export interface ApiCall {
  method: string;
  /** null when the segment is not valid percent-encoding. */
  token: string | null;
  args: readonly string[];
}

export type ApiBody =
  | { err: 0; data: WireChat[] | WireUser[] | WireChannel[] }
  | { err: 0; result: 'success' }
  | { err: string };

export const API_METHODS = ['user_chats', 'user_list', 'channel_list', 'contact_to_user'] as const;

/** Names a call counts under and faults can target: its method, and for user_chats which kind. */
export const CALL_NAMES = [...API_METHODS, 'user_chats_all', 'user_chats_per_user'] as const;
export type CallName = (typeof CALL_NAMES)[number];

export function callNames(call: ApiCall): CallName[] {
  const method = API_METHODS.find((name) => name === call.method);
  if (!method) return [];
  if (method !== 'user_chats') return [method];
  return [method, isAllUsers(call.args[0]) ? 'user_chats_all' : 'user_chats_per_user'];
}

function isAllUsers(userId: string | undefined): boolean {
  return userId === undefined || userId === '' || userId === '0';
}

export interface ApiContext {
  world: World;
  token: string;
  timeZone: string;
}

export function answerApiCall(call: ApiCall, { world, token, timeZone }: ApiContext): ApiBody {
  if (call.token !== token) return { err: 'token fail' };
  switch (call.method) {
    case 'user_chats':
      return userChats(world, call.args, timeZone);
    case 'user_list':
      return { err: 0, data: world.users.map((user) => toWireUser(user, timeZone)) };
    case 'channel_list':
      return channelList(world, call.args[0] ?? 'active');
    case 'contact_to_user':
      return contactToUser(world, call.args);
    default:
      return { err: 'method fail' };
  }
}

function userChats(world: World, [userArg, channelArg]: readonly string[], timeZone: string): ApiBody {
  const all = isAllUsers(userArg);
  let userId = 0;
  if (!all) {
    userId = /^\d+$/.test(userArg ?? '') ? Number(userArg) : -1;
    // Locked and deleted operators are still users: their chats are there to be asked for.
    if (!world.users.some((user) => user.userId === userId)) return { err: 'user_id fail' };
  }
  // "The token's own channel": the simulated account's first one.
  const ownChannel = channelArg === '1' ? world.channels[0]?.apiId : undefined;
  const chats = world.chats.filter((chat) => (all || chat.userId === userId) && (ownChannel === undefined || chat.apiId === ownChannel));
  const shown = all ? chats.slice(0, ALL_CHATS_CAP) : chats;
  if (shown.length === 0) return { err: 'fail get data' };
  return { err: 0, data: shown.map((chat) => toWireChat(chat, timeZone)) };
}

function channelList(world: World, filter: string): ApiBody {
  const first = world.channels[0];
  const channels = world.channels.filter((channel) => {
    switch (filter) {
      case 'active':
        return true;
      case 'statusOn':
        return channel.state === 'authorized';
      case 'statusOff':
        return channel.state !== 'authorized';
      case 'one':
        return channel === first;
      default:
        // archive: this account has none; anything else is no list either.
        return false;
    }
  });
  if (channels.length === 0) return { err: 'fail get data' };
  return { err: 0, data: channels.map(toWireChannel) };
}

function contactToUser(world: World, [phone = '', userArg = '']: readonly string[]): ApiBody {
  if (phone === '') return { err: 'phone fail' };
  if (userArg !== 'none' && !/^[1-9]\d*$/.test(userArg)) return { err: 'user not found' };
  const result = world.reassign(phone, userArg === 'none' ? 0 : Number(userArg));
  return result === 'ok' ? { err: 0, result: 'success' } : { err: result };
}
