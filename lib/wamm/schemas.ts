import { z } from 'zod';

// zod schemas of wamm.chat's answers, as they come over the wire. The upstream writes ids sometimes
// as numbers, sometimes as strings, and leaves fields empty or null; these read every form, and
// lib/wamm/mapping.ts turns the result into chatload's own types (lib/model/team.ts). Nothing
// outside lib/wamm uses these shapes.

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
// A date in any other form than text is no date (lib/wamm/mapping): the chat is counted, undated,
// rather than the whole list refused.
const wallClock = z.unknown().optional();

/** `err` is the number 0 on success, otherwise a string naming the error. */
export const errField = z.union([z.number(), z.string()]);

export const envelopeSchema = z.looseObject({ err: errField, data: z.unknown().optional() });

export const chatSchema = z.looseObject({
  chat_id: id,
  chat_name: text,
  phone: text,
  avatar: text,
  user_id: optionalId,
  date_msg: wallClock,
  api_id: optionalId,
});

export const userSchema = z.looseObject({
  user_id: id,
  acc: text,
  email: text,
  name: text,
  lock: flag,
  deleted: flag,
  dt_active: wallClock,
});

export const channelSchema = z.looseObject({
  api_id: id,
  api_tip: text,
  api_tag: text,
  phone: text,
  state: text,
});

export const chatListSchema = z.array(chatSchema);
export const userListSchema = z.array(userSchema);
export const channelListSchema = z.array(channelSchema);

export type WireChat = z.output<typeof chatSchema>;
export type WireUser = z.output<typeof userSchema>;
export type WireChannel = z.output<typeof channelSchema>;
