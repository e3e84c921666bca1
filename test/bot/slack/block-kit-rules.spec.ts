import { WebClient, type Logger } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintModal } from '../../../src/bot/slack/blocks/modals.js';
import { openModal } from '../../../src/bot/slack/slack-views.js';
import { translator } from '../../../src/i18n/translate.js';
import { startSlackStub, type SlackStub } from '../../support/slack-stub.js';

const section = (text: string, blockId?: string) => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text },
});
const modal = (overrides: object) => ({
  type: 'modal',
  callback_id: 'x',
  title: { type: 'plain_text', text: 'Sportello' },
  submit: { type: 'plain_text', text: 'Invia' },
  blocks: [section('ok')],
  ...overrides,
});
const radios = (description: string, initial?: object) => ({
  type: 'input',
  block_id: 'priority',
  label: { type: 'plain_text', text: 'Criticità' },
  element: {
    type: 'radio_buttons',
    action_id: 'value',
    options: [
      {
        text: { type: 'plain_text', text: 'P1' },
        value: 'P1',
        description: { type: 'plain_text', text: description },
      },
    ],
    ...(initial ? { initial_option: initial } : {}),
  },
});

/** Payloads that break one documented rule each: [rule and its page, method, arguments, pointer]. */
const BROKEN: [string, string, Record<string, unknown>, string][] = [
  [
    'option description ≤ 75 (composition-objects/option-object): the old complaint form',
    'views.open',
    { trigger_id: 't', view: modal({ blocks: [radios('x'.repeat(110))] }) },
    '/view/blocks/0/element/options/0/description/text',
  ],
  [
    'modal title ≤ 24 (views)',
    'views.open',
    { trigger_id: 't', view: modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }) },
    '/view/title/text',
  ],
  [
    'private_metadata ≤ 3000 (views)',
    'views.open',
    { trigger_id: 't', view: modal({ private_metadata: 'x'.repeat(3001) }) },
    '/view/private_metadata',
  ],
  [
    'a modal holds ≤ 100 blocks (views)',
    'views.open',
    { trigger_id: 't', view: modal({ blocks: Array.from({ length: 101 }, () => section('x')) }) },
    '/view/blocks',
  ],
  [
    'submit is required with input blocks (views)',
    'views.open',
    { trigger_id: 't', view: modal({ submit: undefined, blocks: [radios('ok')] }) },
    '/view/submit',
  ],
  [
    'initial_option must be one of the options (radio-button-group-element)',
    'views.open',
    {
      trigger_id: 't',
      view: modal({
        blocks: [radios('ok', { text: { type: 'plain_text', text: 'P9' }, value: 'P9' })],
      }),
    },
    '/view/blocks/0/element/initial_option',
  ],
  [
    'App Home holds ≤ 100 blocks (views)',
    'views.publish',
    {
      user_id: 'U1',
      view: { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) },
    },
    '/view/blocks',
  ],
  [
    'a message holds ≤ 50 blocks (chat.postMessage)',
    'chat.postMessage',
    { channel: 'C1', text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) },
    '/blocks',
  ],
  [
    'block_id is unique in a message (blocks)',
    'chat.postMessage',
    { channel: 'C1', text: 'x', blocks: [section('a', 'b1'), section('b', 'b1')] },
    '/blocks/1/block_id',
  ],
  [
    'section text ≤ 3000 (section-block)',
    'chat.update',
    { channel: 'C1', ts: '1.1', text: 'x', blocks: [section('x'.repeat(3001))] },
    '/blocks/0/text/text',
  ],
  [
    'button text ≤ 75 and plain_text only (button-element)',
    'chat.postEphemeral',
    {
      channel: 'C1',
      user: 'U1',
      text: 'x',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } },
          ],
        },
      ],
    },
    '/blocks/0/elements/0/text/text',
  ],
  [
    'header ≤ 150 (header-block)',
    'chat.postMessage',
    {
      channel: 'C1',
      text: 'x',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
    },
    '/blocks/0/text/text',
  ],
];

/** The refusals are the point here: the client's own error lines would only read as failures. */
const SILENT = Object.fromEntries(
  ['debug', 'info', 'warn', 'error', 'setLevel', 'getLevel', 'setName'].map((m) => [
    m,
    () => undefined,
  ]),
) as unknown as Logger;

describe('Slack stub: refuses a payload that breaks a documented Block Kit rule, as Slack does', () => {
  let stub: SlackStub;
  let client: WebClient;
  beforeAll(async () => {
    stub = await startSlackStub();
    client = new WebClient('xoxb-test', {
      slackApiUrl: stub.url,
      retryConfig: { retries: 0 },
      logger: SILENT,
    });
  });
  afterAll(() => stub.close());

  it.each(BROKEN)('%s', async (_rule, method, args, pointer) => {
    const refused = await client.apiCall(method, args).catch((e: { data: unknown }) => e.data);
    const error = method.startsWith('views.') ? 'invalid_arguments' : 'invalid_blocks';
    expect(refused).toMatchObject({ ok: false, error });
    const messages = (refused as { response_metadata: { messages: string[] } }).response_metadata
      .messages;
    expect(
      messages.some((m) => m.startsWith('[ERROR]') && m.endsWith(`[json-pointer:${pointer}]`)),
    ).toBe(true);
    expect(stub.of(method)).toEqual([]);
  });

  // The bot sends its views as JSON-encoded strings (slack-views.ts): read and refused alike.
  it.each(BROKEN.filter(([, method]) => method.startsWith('views.')))(
    '%s, the view sent as a JSON string',
    async (_rule, method, args, pointer) => {
      const encoded = { ...args, view: JSON.stringify(args.view) };
      const refused = await client.apiCall(method, encoded).catch((e: { data: unknown }) => e.data);
      expect(refused).toMatchObject({
        ok: false,
        error: 'invalid_arguments',
        response_metadata: {
          messages: expect.arrayContaining([
            expect.stringMatching(`^\\[ERROR\\].*\\[json-pointer:${pointer}\\]$`),
          ]),
        },
      });
      expect(stub.of(method)).toEqual([]);
    },
  );

  it('refuses a view string that is not JSON with invalid_arguments', async () => {
    const refused = await client
      .apiCall('views.open', { trigger_id: 't', view: '{"type":"modal",' })
      .catch((e: { data: unknown }) => e.data);
    expect(refused).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(stub.of('views.open')).toEqual([]);
  });

  it('answers a message with neither text nor blocks no_text (chat.postMessage errors)', async () => {
    const refused = await client.chat
      .postMessage({ channel: 'C1', text: '' })
      .catch((e: { data: unknown }) => e.data);
    expect(refused).toMatchObject({ ok: false, error: 'no_text' });
  });

  it('accepts the complaint form in both languages, as the bot opens it (a JSON string)', async () => {
    for (const locale of ['it', 'en'] as const) {
      const view = complaintModal(translator(locale), { channel: 'C1' });
      await expect(openModal(client, 't', view)).resolves.toMatchObject({ ok: true });
      expect(stub.of('views.open').at(-1)?.args.view).toEqual(view);
    }
  });
});
