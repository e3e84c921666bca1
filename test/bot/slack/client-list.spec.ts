import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, VIEWS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { input, postToBot, slashCommand, viewSubmission } from '../../support/slack-requests.js';

describe('Slack: /client list and /client search', () => {
  const bot = useSlackBot('slack_client_list');
  beforeAll(async () => {
    await bot.db.store.roles.assign(slackUser('U0OP'), ['operator']);
    const ids: string[] = [];
    for (const [code, name, loyal] of [
      ['ROSSI', 'Rossi Meccanica S.r.l.', true],
      ['VERDI', 'Verdi Impianti', false],
      ['NERI', 'Neri <Logistica>', false],
    ] as const)
      ids.push(
        (
          await bot.db.store.clients.insert(
            NewClientSchema.parse(aClient({ code, name, loyal, owner: slackUser('U0OWNER') })),
          )
        ).id,
      );
    await bot.db.store.complaints.register(aComplaint(ids[0]!, { product: 'Tornio T-9' }), 2026);
  });
  const say = async (user: string, text: string) =>
    String(
      (await postToBot(bot.baseUrl, { body: slashCommand(COMMANDS.client, user, text) })).json()
        .text,
    );

  it('lists the clients with code, owner and loyalty, and finds them by name or code', async () => {
    const list = await say('U0OP', 'list');
    expect(list.split('\n')[0]).toBe('Clienti (3):');
    expect(list).toContain(
      '• *Rossi Meccanica S.r.l.* (ROSSI) · referente <@U0OWNER> · fidelizzato',
    );
    expect(list).toContain('• *Neri &lt;Logistica&gt;* (NERI)');
    expect(await say('U0OP', 'search meccanica')).toMatch(/^Clienti \(1\):\n• \*Rossi Meccanica/);
    expect(await say('U0OP', 'search verdi')).toContain('(VERDI)');
    expect(await say('U0OP', 'search nessuno')).toBe('Nessun cliente trovato.');
  });

  it('shows nothing to a member with no role', async () => {
    expect(await say('U0NOBODY', 'list')).toMatch(/^Per consultare i clienti serve/);
    expect(await say('U0NOBODY', 'search rossi')).toMatch(/^Per consultare i clienti serve/);
  });

  it('finds complaints by their client’s name too', async () => {
    const body = slashCommand(COMMANDS.complaint, 'U0OP', 'search rossi meccanica');
    const found = String((await postToBot(bot.baseUrl, { body })).json().text);
    expect(found).toMatch(/^Reclami \(1\):\n• \*R-2026-0001\* .*Tornio T-9/);
  });

  it('confirms a saved client, and an edit field by field', async () => {
    const values = (overrides: Record<string, object> = {}) => ({
      code: input.text('BIANCHI'),
      name: input.text('Bianchi Serramenti'),
      kind: input.select('business'),
      industry: input.text('serramenti'),
      location: input.text('Parma'),
      careCadenceDays: input.number('60'),
      loyal: input.checks(),
      ...overrides,
    });
    const submit = (id: string, v: object, privateMetadata?: string) =>
      postToBot(bot.baseUrl, {
        body: viewSubmission('U0OP', {
          id,
          callbackId: VIEWS.client,
          values: v as never,
          ...(privateMetadata ? { privateMetadata } : {}),
        }),
      });
    const dms = () =>
      bot.stub
        .of('chat.postMessage')
        .filter((c) => c.args.channel === 'U0OP')
        .map((c) => c.args.text);
    await submit('VNEW', values());
    await eventually(() => expect(dms()).toContain('Cliente *BIANCHI* registrato.'));
    const saved = (await bot.db.store.clients.search('BIANCHI', 1))[0]!;
    const edit = values({
      name: input.text('Bianchi Serramenti S.p.A.'),
      loyal: input.checks('loyal'),
    });
    await submit('VEDIT', edit, JSON.stringify({ clientId: saved.id }));
    await submit('VEDIT', edit, JSON.stringify({ clientId: saved.id }));
    const expected =
      'Cliente *BIANCHI* aggiornato. Modifiche — Ragione sociale / nome: Bianchi Serramenti → Bianchi Serramenti S.p.A.; Cliente fedele: — → ✓.';
    await eventually(() => expect(dms()).toContain(expected));
    expect(dms().filter((t) => t === expected)).toHaveLength(1);
  });
});
