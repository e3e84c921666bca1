import { z } from 'zod';

/*
 * Slack's Block Kit limits for every object our payloads use, each with the reference page it
 * comes from, relative to https://docs.slack.dev/reference/block-kit/. @slack/types carries these
 * limits only as comments, and slack-block-builder and jsx-slack do not check them at run time, so
 * they live here as zod schemas; the Slack stub in the tests refuses what they refuse.
 */

/** Text object: 1–3000 characters; `emoji` only on plain_text, `verbatim` only on mrkdwn. */
// composition-objects/text-object
const plain = (max = 3000) =>
  z.strictObject({
    type: z.literal('plain_text'),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
  });
const mrkdwn = (max = 3000) =>
  z.strictObject({
    type: z.literal('mrkdwn'),
    text: z.string().min(1).max(max),
    verbatim: z.boolean().optional(),
  });
const anyText = (max = 3000) => z.discriminatedUnion('type', [plain(max), mrkdwn(max)]);

/** composition-objects/option-object: text and description 75, value 150. */
const menuOption = z.strictObject({
  text: plain(75),
  value: z.string().min(1).max(150),
  description: plain(75).optional(),
});
/** Radio buttons and checkboxes may use mrkdwn in an option's text and description. */
const choiceOption = z.strictObject({
  text: anyText(75),
  value: z.string().min(1).max(150),
  description: anyText(75).optional(),
});
/** composition-objects/option-group-object: label 75, up to 100 options. */
const optionGroup = z.strictObject({
  label: plain(75),
  options: z.array(menuOption).min(1).max(100),
});

/** action_id: up to 255 characters (every element page). */
const actionId = z.string().min(1).max(255);
/** Placeholders of selects and inputs: plain_text, 150 characters. */
const placeholder = plain(150).optional();

/** block-elements/button-element */
const button = z.strictObject({
  type: z.literal('button'),
  text: plain(75),
  action_id: actionId,
  url: z.string().max(3000).optional(),
  value: z.string().max(2000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  accessibility_label: z.string().max(75).optional(),
});
/** block-elements/overflow-menu-element: 1–5 options, in an actions or section block. */
const overflow = z.strictObject({
  type: z.literal('overflow'),
  action_id: actionId,
  options: z.array(menuOption).min(1).max(5),
});
/** block-elements/select-menu-element (static): up to 100 options or option groups. */
const staticSelect = z.strictObject({
  type: z.literal('static_select'),
  action_id: actionId,
  placeholder,
  options: z.array(menuOption).min(1).max(100).optional(),
  option_groups: z.array(optionGroup).min(1).max(100).optional(),
  initial_option: menuOption.optional(),
});
/** block-elements/select-menu-element#external_select */
const externalSelect = z.strictObject({
  type: z.literal('external_select'),
  action_id: actionId,
  placeholder,
  min_query_length: z.number().int().min(0).optional(),
  initial_option: menuOption.optional(),
});
/** block-elements/select-menu-element#users_select */
const usersSelect = z.strictObject({
  type: z.literal('users_select'),
  action_id: actionId,
  placeholder,
  initial_user: z.string().min(1).max(30).optional(),
});
/**
 * block-elements/select-menu-element#conversations_select: initial_conversation is one
 * conversation id; `filter` is composition-objects/conversation-filter-object — `include` a
 * non-empty list of im, mpim, private, public, and at least one of its fields given;
 * `response_url_enabled` only in an input block of a modal.
 */
const conversationsSelect = z.strictObject({
  type: z.literal('conversations_select'),
  action_id: actionId,
  placeholder,
  initial_conversation: z.string().min(1).max(30).optional(),
  default_to_current_conversation: z.boolean().optional(),
  response_url_enabled: z.boolean().optional(),
  focus_on_load: z.boolean().optional(),
  filter: z
    .strictObject({
      include: z
        .array(z.enum(['im', 'mpim', 'private', 'public']))
        .min(1)
        .optional(),
      exclude_external_shared_channels: z.boolean().optional(),
      exclude_bot_users: z.boolean().optional(),
    })
    .refine((f) => Object.keys(f).length > 0, 'a conversation filter needs at least one field')
    .optional(),
});
/**
 * block-elements/multi-select-menu-element#users_multi_select: initial_users are user ids;
 * max_selected_items at least 1.
 */
const multiUsersSelect = z.strictObject({
  type: z.literal('multi_users_select'),
  action_id: actionId,
  placeholder,
  initial_users: z.array(z.string().min(1).max(30)).optional(),
  max_selected_items: z.number().int().min(1).optional(),
  focus_on_load: z.boolean().optional(),
});
/** block-elements/plain-text-input-element: lengths 0–3000. */
const textInput = z.strictObject({
  type: z.literal('plain_text_input'),
  action_id: actionId,
  placeholder,
  multiline: z.boolean().optional(),
  min_length: z.number().int().min(0).max(3000).optional(),
  max_length: z.number().int().min(1).max(3000).optional(),
  initial_value: z.string().max(3000).optional(),
});
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
/** block-elements/number-input-element: is_decimal_allowed is required. */
const numberInput = z.strictObject({
  type: z.literal('number_input'),
  action_id: actionId,
  is_decimal_allowed: z.boolean(),
  placeholder,
  initial_value: decimal.optional(),
  min_value: decimal.optional(),
  max_value: decimal.optional(),
});
/** block-elements/radio-button-group-element: up to 10 options. */
const radios = z.strictObject({
  type: z.literal('radio_buttons'),
  action_id: actionId,
  options: z.array(choiceOption).min(1).max(10),
  initial_option: choiceOption.optional(),
});
/** block-elements/checkboxes-element: up to 10 options. */
const checkboxes = z.strictObject({
  type: z.literal('checkboxes'),
  action_id: actionId,
  options: z.array(choiceOption).min(1).max(10),
  initial_options: z.array(choiceOption).max(10).optional(),
});
/** block-elements/date-picker-element: initial_date YYYY-MM-DD. */
const datepicker = z.strictObject({
  type: z.literal('datepicker'),
  action_id: actionId,
  placeholder,
  initial_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const inputElement = z.discriminatedUnion('type', [
  usersSelect,
  multiUsersSelect,
  conversationsSelect,
  staticSelect,
  externalSelect,
  textInput,
  numberInput,
  radios,
  checkboxes,
  datepicker,
]);

/** block_id: up to 255 characters (every block page). */
const blockId = z.string().min(1).max(255);
export const BlockSchema = z.discriminatedUnion('type', [
  // blocks/header-block
  z.strictObject({ type: z.literal('header'), block_id: blockId.optional(), text: plain(150) }),
  // blocks/divider-block
  z.strictObject({ type: z.literal('divider'), block_id: blockId.optional() }),
  // blocks/section-block: text 3000, or up to 10 fields of 2000
  z.strictObject({
    type: z.literal('section'),
    block_id: blockId.optional(),
    text: anyText(3000).optional(),
    fields: z.array(anyText(2000)).min(1).max(10).optional(),
    accessory: button.optional(),
  }),
  // blocks/context-block: up to 10 elements
  z.strictObject({
    type: z.literal('context'),
    block_id: blockId.optional(),
    elements: z.array(anyText(3000)).min(1).max(10),
  }),
  // blocks/actions-block: up to 25 elements
  z.strictObject({
    type: z.literal('actions'),
    block_id: blockId.optional(),
    elements: z
      .array(z.discriminatedUnion('type', [button, overflow]))
      .min(1)
      .max(25),
  }),
  // blocks/input-block: label and hint plain_text of 2000
  z.strictObject({
    type: z.literal('input'),
    block_id: blockId,
    label: plain(2000),
    element: inputElement,
    hint: plain(2000).optional(),
    optional: z.boolean().optional(),
    dispatch_action: z.boolean().optional(),
  }),
]);
export type Block = z.input<typeof BlockSchema>;

/** What an external select's options request is answered with (select-menu-element). */
export const OptionsResponseSchema = z.union([
  z.strictObject({ options: z.array(menuOption).max(100) }),
  z.strictObject({ option_groups: z.array(optionGroup).max(100) }),
]);
export { plain };
