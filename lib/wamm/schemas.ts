import { z } from 'zod';

// zod schemas of wamm.chat's responses. The upstream writes ids sometimes as numbers, sometimes as
// strings, and leaves fields empty or null; everything is normalised here to strings so the rest of
// chatload compares ids as strings and never meets a null name.

const id = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const text = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((value) => (value === null || value === undefined ? '' : String(value)));
const optionalId = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((value) => (value === null || value === undefined ? '' : String(value).trim()));
const flag = z
  .union([z.number(), z.string(), z.boolean(), z.null(), z.undefined()])
  .transform((value) => value === true || (value !== null && value !== undefined && value !== '' && Number(value) !== 0));

/** `err` is the number 0 on success, otherwise a string naming the error. */
export const errField = z.union([z.number(), z.string()]);

export const envelopeSchema = z.looseObject({ err: errField, data: z.unknown().optional() });

export const chatSchema = z
  .looseObject({
    chat_id: id,
    chat_name: text,
    phone: text,
    avatar: text,
    user_id: optionalId,
    date_msg: z.union([z.string(), z.null(), z.undefined()]),
    api_id: optionalId,
  })
  .transform((row) => ({
    chatId: row.chat_id,
    chatName: row.chat_name,
    phone: row.phone,
    avatar: row.avatar,
    // Unassigned chats come as 0, "0", "" or null: one row "0" for all of them.
    userId: row.user_id === '' ? '0' : row.user_id,
    apiId: row.api_id,
    dateMsg: row.date_msg ?? null,
  }));

export const userSchema = z
  .looseObject({
    user_id: id,
    acc: text,
    email: text,
    name: text,
    lock: flag,
    deleted: flag,
  })
  .transform((row) => ({
    userId: row.user_id,
    name: row.name.trim() === '' ? null : row.name,
    email: row.email,
    admin: row.acc === 'admin',
    locked: row.lock,
    deleted: row.deleted,
  }));

export const channelSchema = z
  .looseObject({
    api_id: id,
    api_tip: text,
    api_tag: text,
    phone: text,
    state: text,
  })
  .transform((row) => ({
    apiId: row.api_id,
    name: row.api_tag.trim() === '' ? null : row.api_tag,
    type: row.api_tip === '' ? null : row.api_tip,
    state: row.state === '' ? null : row.state,
  }));

export const chatListSchema = z.array(chatSchema);
export const userListSchema = z.array(userSchema);
export const channelListSchema = z.array(channelSchema);

export type WammChat = z.output<typeof chatSchema>;
export type WammUser = z.output<typeof userSchema>;
export type WammChannel = z.output<typeof channelSchema>;
