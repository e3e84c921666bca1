import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, execute, text } from '../../../src/bot/teams/cards/adaptive.js';
import { cardIssues, schemaIssues, sdkIssues } from '../../support/adaptive-cards/card-schema.js';
import {
  MESSAGE_LIMIT_BYTES,
  startConnectorStub,
  type ConnectorStub,
} from '../../support/connector-stub.js';

const fixture = (name: string) => new URL(`../../support/adaptive-cards/${name}`, import.meta.url);
const schema = JSON.parse(readFileSync(fixture('adaptive-card-1.5.schema.json'), 'utf8')) as {
  definitions: Record<string, { properties: Record<string, { type?: string }> }>;
};
/** Input.Number with `value: null`: what a refused complaint card used to re-send. */
const nullNumber = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'Input.Number', id: 'estimatedCostEur', label: 'Cost', min: 0, value: null }],
};

describe('the Adaptive Card 1.5 schema the Teams cards are checked against', () => {
  it('is the file Microsoft publishes, unchanged (checksum noted in its README)', () => {
    const sha = createHash('sha256')
      .update(readFileSync(fixture('adaptive-card-1.5.schema.json')))
      .digest('hex');
    expect(readFileSync(fixture('README.md'), 'utf8')).toContain(sha);
  });

  it('reports a broken rule at the element that breaks it, from that element’s own definition', () => {
    // The rule: definitions["Input.Number"].properties.value is `"type": "number"`.
    expect(schema.definitions['Input.Number']!.properties.value!.type).toBe('number');
    expect(schemaIssues(nullNumber)).toEqual(['/body/0/value (Input.Number) must be number']);
    expect(
      schemaIssues({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] }),
    ).toEqual(["/body/0 (TextBlock) must have required property 'text'"]);
    expect(
      schemaIssues({ ...nullNumber, body: [{ type: 'TextBlock', text: 'x', colour: 'red' }] }),
    ).toEqual(['/body/0 (TextBlock) must NOT have additional properties: colour']);
    expect(schemaIssues(card([text('ok')]))).toEqual([]);
  });

  it('reports what the Adaptive Cards SDK finds wrong, and a version other than 1.5', () => {
    expect(
      sdkIssues({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }),
    ).not.toEqual([]);
    expect(
      sdkIssues({ ...nullNumber, body: [{ type: 'Input.ChoiceSet', id: 'c', choices: [] }] }),
    ).toEqual(['An Input.ChoiceSet must have at least one choice defined.']);
    expect(sdkIssues({ type: 'AdaptiveCard', version: '1.2', body: [] })).toContain(
      'card version is not 1.5',
    );
    expect(sdkIssues(card([text('ok')]))).toEqual([]);
  });

  it('asks every Action.Execute button for an Action.Submit fallback with the same data and verb', () => {
    const button = execute('Ok', 'case.ack', { caseId: 'c1' });
    expect(cardIssues(card([text('ok')], { actions: [button] }))).toEqual([]);
    const { fallback: _dropped, ...bare } = button;
    expect(cardIssues(card([text('ok')], { actions: [bare] }))).toEqual([
      '/actions/0 Action.Execute "case.ack" has no Action.Submit fallback',
    ]);
    const wrong = { ...button, fallback: { ...button.fallback, data: { caseId: 'c2' } } };
    expect(cardIssues(card([text('ok')], { actions: [wrong] }))).toEqual([
      '/actions/0 fallback of "case.ack" does not carry the same data',
    ]);
  });
});

describe('the Connector stub says no to a card that breaks the schema, as the Bot Connector does', () => {
  let stub: ConnectorStub;
  beforeAll(async () => {
    stub = await startConnectorStub();
  });
  afterAll(() => stub.close());
  const post = (content: unknown) =>
    fetch(`${stub.url}v3/conversations/a%3Achat/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
      }),
    });

  it('answers 400 BadArgument with the rule broken, and notes it for the harness', async () => {
    const answer = await post(nullNumber);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: {
        code: 'BadArgument',
        message: 'Adaptive Card 1.5 schema: /body/0/value (Input.Number) must be number',
      },
    });
    expect(stub.calls.at(-1)?.method).toBe('POST#refused');
    expect(stub.takeCardIssues()).toEqual([
      'POST /v3/conversations/a:chat/activities: /body/0/value (Input.Number) must be number',
    ]);
    const fine = await post(card([text('ok')]));
    expect(fine.status).toBe(200);
    expect(stub.takeCardIssues()).toEqual([]);
  });

  it('answers 413 MessageSizeTooBig to a message over 100 KB (UTF-16, base64 images left out)', async () => {
    const image = { type: 'Image', url: `data:image/png;base64,${'A'.repeat(200_000)}` };
    expect((await post(card([image]))).status).toBe(200);
    const answer = await post(card([text('é'.repeat(MESSAGE_LIMIT_BYTES / 2))]));
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({
      error: { code: 'MessageSizeTooBig', message: 'Message size too large.' },
    });
    expect(stub.takeCardIssues()).toHaveLength(1);
  });

  it('accepts a card only the SDK or the fallback rule objects to, and notes why', async () => {
    const { fallback: _dropped, ...bare } = execute('Ok', 'case.ack', { caseId: 'c1' });
    expect((await post(card([text('ok')], { actions: [bare] }))).status).toBe(200);
    expect(stub.takeCardIssues()).toEqual([
      'POST /v3/conversations/a:chat/activities: /actions/0 Action.Execute "case.ack" has no Action.Submit fallback',
    ]);
  });

  it('makes the real botbuilder client fail with the Bot Connector’s error', async () => {
    const adapter = new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
    const reference = {
      serviceUrl: stub.url,
      channelId: 'msteams',
      conversation: { id: 'a:chat', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: '28:sportello', name: 'Sportello' },
    };
    const sending = adapter.continueConversationAsync('', reference, async (turn) => {
      await turn.sendActivity({
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', content: nullNumber },
        ],
      });
    });
    await expect(sending).rejects.toMatchObject({ statusCode: 400 });
    expect(stub.takeCardIssues()).toHaveLength(1);
  });
});
