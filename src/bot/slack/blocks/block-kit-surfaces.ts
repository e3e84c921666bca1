import { z } from 'zod';
import { BlockSchema, OptionsResponseSchema, plain, type Block } from './block-kit-rules.js';

/*
 * The surfaces blocks go on, and the rules Slack applies across fields. Pages are relative to
 * https://docs.slack.dev/reference/.
 */

type Option = { value: string; text: { text: string } };
const sameOption = (a: Option, b: Option) => a.value === b.value && a.text.text === b.text.text;

/** Rules that span fields, with the page of each. */
function checkBlocks(blocks: Block[], ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    // block-kit/blocks: "block_id … should be unique for each message and each iteration of it"
    if (block.block_id !== undefined) {
      if (seen.has(block.block_id)) issue([i, 'block_id'], 'duplicate block_id');
      seen.add(block.block_id);
    }
    // block-kit/blocks/section-block: "text" is required unless "fields" is given
    if (block.type === 'section' && !block.text && !block.fields)
      issue([i], 'must provide either text or fields');
    // block-kit/blocks/actions-block: an action_id is unique among the block's elements
    if (block.type === 'actions') {
      const ids = block.elements.map((e) => e.action_id);
      ids.forEach((id, j) => {
        if (ids.indexOf(id) !== j) issue([i, 'elements', j, 'action_id'], 'duplicate action_id');
      });
    }
    if (block.type === 'input')
      checkElement(block.element, (path, m) => issue([i, 'element', ...path], m));
  });
}

type Element = Extract<Block, { type: 'input' }>['element'];
function checkElement(element: Element, issue: (path: string[], message: string) => void) {
  const among = (options: Option[], chosen: Option) => options.some((o) => sameOption(o, chosen));
  // block-kit/block-elements/select-menu-element: exactly one of options and option_groups;
  // initial_option "must be an exact match to one of the options"
  if (element.type === 'static_select') {
    if (!element.options === !element.option_groups)
      issue([], 'must provide exactly one of options and option_groups');
    const all = [
      ...(element.options ?? []),
      ...(element.option_groups ?? []).flatMap((g) => g.options),
    ];
    if (element.initial_option && !among(all as Option[], element.initial_option as Option))
      issue(['initial_option'], 'initial_option must match one of the options');
  }
  // block-kit/block-elements/radio-button-group-element and checkboxes-element: likewise
  if (element.type === 'radio_buttons' && element.initial_option)
    if (!among(element.options as Option[], element.initial_option as Option))
      issue(['initial_option'], 'initial_option must match one of the options');
  if (element.type === 'checkboxes')
    (element.initial_options ?? []).forEach((chosen, j) => {
      if (!among(element.options as Option[], chosen as Option))
        issue(['initial_options', String(j)], 'initial_options must match the options');
    });
  // block-kit/block-elements/number-input-element: whole numbers unless decimals are allowed;
  // min_value ≤ initial_value ≤ max_value
  if (element.type === 'number_input') {
    const values = (['min_value', 'initial_value', 'max_value'] as const).filter((k) => element[k]);
    for (const key of values)
      if (!element.is_decimal_allowed && !/^-?\d+$/.test(element[key]!))
        issue([key], 'must be a whole number when is_decimal_allowed is false');
    const nums = values.map((k) => Number(element[k]));
    if (nums.some((n, j) => j > 0 && n < nums[j - 1]!))
      issue([], 'min_value ≤ initial_value ≤ max_value');
  }
  // block-kit/block-elements/plain-text-input-element: min_length ≤ max_length
  if (
    element.type === 'plain_text_input' &&
    (element.min_length ?? 0) > (element.max_length ?? 3000)
  )
    issue(['min_length'], 'min_length must not exceed max_length');
}

const blocksOf = (max: number) => z.array(BlockSchema).max(max).superRefine(checkBlocks);

/** views: a modal's title, submit and close are 24 characters; up to 100 blocks. */
export const ModalSchema = z
  .strictObject({
    type: z.literal('modal'),
    callback_id: z.string().min(1).max(255).optional(),
    external_id: z.string().min(1).max(255).optional(),
    title: plain(24),
    submit: plain(24).optional(),
    close: plain(24).optional(),
    private_metadata: z.string().max(3000).optional(),
    clear_on_close: z.boolean().optional(),
    notify_on_close: z.boolean().optional(),
    blocks: blocksOf(100),
  })
  // views: "submit … required when an input block is within the blocks array"
  .superRefine((view, ctx) => {
    if (!view.submit && view.blocks.some((b) => b.type === 'input'))
      ctx.addIssue({
        code: 'custom',
        path: ['submit'],
        message: 'submit is required with input blocks',
      });
  });
export type Modal = z.input<typeof ModalSchema>;

/** views: App Home holds up to 100 blocks. */
export const HomeSchema = z.strictObject({
  type: z.literal('home'),
  callback_id: z.string().min(1).max(255).optional(),
  external_id: z.string().min(1).max(255).optional(),
  private_metadata: z.string().max(3000).optional(),
  blocks: blocksOf(100),
});
export type Home = z.input<typeof HomeSchema>;

/**
 * methods/chat.postMessage: up to 50 blocks; `text` is the notification fallback (no_text when a
 * message has neither); text over 40,000 characters is msg_too_long. The same body is used by
 * chat.update, chat.postEphemeral and the answers to slash commands and response_url.
 */
export const MessageSchema = z
  .object({
    text: z.string().max(40_000).optional(),
    blocks: blocksOf(50).optional(),
  })
  .refine((m) => Boolean(m.text) || Boolean(m.blocks?.length), { message: 'no_text' });

/** surfaces/modals (view_submission): what an acknowledgement may answer. */
export const ViewResponseSchema = z.discriminatedUnion('response_action', [
  z.strictObject({
    response_action: z.literal('errors'),
    errors: z
      .record(z.string().min(1).max(255), z.string().min(1))
      .refine((e) => Object.keys(e).length > 0),
  }),
  z.strictObject({ response_action: z.literal('update'), view: ModalSchema }),
  z.strictObject({ response_action: z.literal('push'), view: ModalSchema }),
  z.strictObject({ response_action: z.literal('clear') }),
]);

export const SURFACES = {
  message: MessageSchema,
  modal: ModalSchema,
  home: HomeSchema,
  options: OptionsResponseSchema,
  viewResponse: ViewResponseSchema,
} as const;
export type Surface = keyof typeof SURFACES;

/**
 * What Slack would say about a payload: one line per problem, worded as Slack's
 * `response_metadata.messages` are ("… [json-pointer:/view/title/text]"); empty when it is valid.
 */
export function blockKitProblems(surface: Surface, payload: unknown, pointer = ''): string[] {
  const parsed = SURFACES[surface].safeParse(payload);
  if (parsed.success) return [];
  return parsed.error.issues.map(
    (i) =>
      `[ERROR] ${i.message} [json-pointer:${pointer}${i.path.map((p) => `/${String(p)}`).join('')}]`,
  );
}
