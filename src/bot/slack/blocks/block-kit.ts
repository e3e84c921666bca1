import { z } from 'zod';

/** Zod models of the Block Kit we send, with Slack's published limits; a bad payload throws. */
const plain = (max: number) =>
  z.strictObject({
    type: z.literal('plain_text'),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
  });
const mrkdwn = (max: number) =>
  z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max) });
const textObject = (max: number) => z.union([plain(max), mrkdwn(max)]);
const actionId = z.string().min(1).max(255);
const option = z.strictObject({
  text: plain(75),
  value: z.string().min(1).max(150),
  description: plain(75).optional(),
});
const optionWithMrkdwn = z.strictObject({
  text: textObject(75),
  value: z.string().min(1).max(150),
  description: textObject(150).optional(),
});

const button = z.strictObject({
  type: z.literal('button'),
  text: plain(75),
  action_id: actionId,
  value: z.string().max(2000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});
const staticSelect = z.strictObject({
  type: z.literal('static_select'),
  action_id: actionId,
  placeholder: plain(150).optional(),
  options: z.array(option).min(1).max(100),
  initial_option: option.optional(),
});
const externalSelect = z.strictObject({
  type: z.literal('external_select'),
  action_id: actionId,
  placeholder: plain(150).optional(),
  min_query_length: z.number().int().min(0).optional(),
  initial_option: option.optional(),
});
const textInput = z.strictObject({
  type: z.literal('plain_text_input'),
  action_id: actionId,
  multiline: z.boolean().optional(),
  max_length: z.number().int().positive().max(3000).optional(),
  initial_value: z.string().max(3000).optional(),
  placeholder: plain(150).optional(),
});
const numberInput = z.strictObject({
  type: z.literal('number_input'),
  action_id: actionId,
  is_decimal_allowed: z.boolean(),
  min_value: z.string().optional(),
  initial_value: z.string().optional(),
});
const radios = z.strictObject({
  type: z.literal('radio_buttons'),
  action_id: actionId,
  options: z.array(optionWithMrkdwn).min(1).max(10),
  initial_option: optionWithMrkdwn.optional(),
});
const checkboxes = z.strictObject({
  type: z.literal('checkboxes'),
  action_id: actionId,
  options: z.array(optionWithMrkdwn).min(1).max(10),
  initial_options: z.array(optionWithMrkdwn).optional(),
});
const datepicker = z.strictObject({
  type: z.literal('datepicker'),
  action_id: actionId,
  initial_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const usersSelect = z.strictObject({
  type: z.literal('users_select'),
  action_id: actionId,
  initial_user: z.string().max(30).optional(),
});
const inputElement = z.discriminatedUnion('type', [
  usersSelect,
  staticSelect,
  externalSelect,
  textInput,
  numberInput,
  radios,
  checkboxes,
  datepicker,
]);

const blockId = z.string().min(1).max(255).optional();
export const BlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), block_id: blockId, text: plain(150) }),
  z.strictObject({ type: z.literal('divider'), block_id: blockId }),
  z.strictObject({
    type: z.literal('section'),
    block_id: blockId,
    text: textObject(3000).optional(),
    fields: z.array(textObject(2000)).max(10).optional(),
  }),
  z.strictObject({
    type: z.literal('context'),
    block_id: blockId,
    elements: z.array(textObject(3000)).min(1).max(10),
  }),
  z.strictObject({
    type: z.literal('actions'),
    block_id: blockId,
    elements: z.array(button).min(1).max(25),
  }),
  z.strictObject({
    type: z.literal('input'),
    block_id: z.string().min(1).max(255),
    label: plain(2000),
    element: inputElement,
    hint: plain(2000).optional(),
    optional: z.boolean().optional(),
  }),
]);
export type Block = z.input<typeof BlockSchema>;

export const MessageBlocksSchema = z.array(BlockSchema).max(50);

export const ModalSchema = z.strictObject({
  type: z.literal('modal'),
  callback_id: z.string().min(1).max(255),
  title: plain(24),
  submit: plain(24).optional(),
  close: plain(24).optional(),
  private_metadata: z.string().max(3000).optional(),
  blocks: z.array(BlockSchema).max(100),
});
export const HomeSchema = z.strictObject({
  type: z.literal('home'),
  blocks: z.array(BlockSchema).max(100),
});
export type Modal = z.input<typeof ModalSchema>;

/** Escapes user text for mrkdwn: `<!channel>`, `<@U…>` and links cannot be smuggled in. */
export const escapeText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Cuts text to Slack's limit for its place, marking the cut. */
export const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

export const plainText = (text: string, max = 75) => ({
  type: 'plain_text' as const,
  text: clip(text, max),
});
export const md = (text: string, max = 3000) => ({
  type: 'mrkdwn' as const,
  text: clip(text, max),
});
