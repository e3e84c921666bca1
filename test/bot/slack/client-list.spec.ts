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
    // The edit shows what will change and saves nothing yet.
    const asked = (await submit('VEDIT', edit, JSON.stringify({ clientId: saved.id }))).json() as {
      response_action: string;
      view: { callback_id: string; private_metadata: string; blocks: { text: { text: string } }[] };
    };
    expect(asked.response_action).toBe('push');
    expect(asked.view.callback_id).toBe(VIEWS.clientConfirm);
    expect(asked.view.blocks.map((b) => b.text.text)).toEqual([
      'Salvando, il cliente *BIANCHI* cambia così (Indietro per correggere il modulo):',
      '• Ragione sociale / nome: Bianchi Serramenti → Bianchi Serramenti S.p.A.\n• Cliente fedele: — → ✓',
    ]);
    expect(await bot.db.store.clients.findByCode('BIANCHI')).toMatchObject({
      name: 'Bianchi Serramenti',
      loyal: false,
    });
    type Answer = { response_action: string; view: { blocks: { text: { text: string } }[] } };
    const confirm = async (user: string, metadata: string) =>
      await postToBot(bot.baseUrl, {
        body: viewSubmission(user, {
          id: 'VCONFIRM',
          callbackId: VIEWS.clientConfirm,
          values: {},
          privateMetadata: metadata,
        }),
      });
    // Someone with no role replaying the confirmation changes nothing and is told why.
    const intruder = (await confirm('U0NOBODY', asked.view.private_metadata)).json() as Answer;
    expect(intruder.response_action).toBe('update');
    expect(intruder.view.blocks[0]!.text.text).toBe('Non hai il ruolo per registrare un cliente.');
    const forged = (await confirm('U0OP', '{"clientId":"nope"')).json() as Answer;
    expect(forged.view.blocks[0]!.text.text).toMatch(/^Questa conferma non è più valida/);
    expect((await bot.db.store.clients.findByCode('BIANCHI'))?.name).toBe('Bianchi Serramenti');
    // Save, clicked twice: saved once, told once, every view closed.
    const answers = await Promise.all([
      confirm('U0OP', asked.view.private_metadata),
      confirm('U0OP', asked.view.private_metadata),
    ]);
    expect(answers.map((a) => a.json())).toEqual([
      { response_action: 'clear' },
      { response_action: 'clear' },
    ]);
    const expected =
      'Cliente *BIANCHI* aggiornato. Modifiche — Ragione sociale / nome: Bianchi Serramenti → Bianchi Serramenti S.p.A.; Cliente fedele: — → ✓.';
    await eventually(() => expect(dms()).toContain(expected));
    expect(await bot.db.store.clients.findByCode('BIANCHI')).toMatchObject({
      name: 'Bianchi Serramenti S.p.A.',
      loyal: true,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(dms().filter((t) => String(t).startsWith('Cliente *BIANCHI* aggiornato'))).toEqual([
      expected,
    ]);
    // The form sent again as it now is: nothing to confirm, and it says so.
    const same = await submit('VEDIT2', edit, JSON.stringify({ clientId: saved.id }));
    expect(same.text).toBe('');
    await eventually(() =>
      expect(dms()).toContain(
        'Cliente *BIANCHI*: nessun campo è cambiato, non c’era nulla da salvare.',
      ),
    );
    // Someone else saves the client between the preview and Save: nothing of this edit is saved.
    const moved = values({
      name: input.text('Bianchi Serramenti S.p.A.'),
      loyal: input.checks('loyal'),
      location: input.text('Reggio Emilia'),
    });
    const second = (
      await submit('VEDIT3', moved, JSON.stringify({ clientId: saved.id }))
    ).json() as typeof asked;
    await new Promise((r) => setTimeout(r, 5));
    await bot.db.store.clients.update(saved.id, { careCadenceDays: 30 });
    const late = (await confirm('U0OP', second.view.private_metadata)).json() as Answer;
    expect(late.view.blocks[0]!.text.text).toBe(
      'Nel frattempo qualcun altro ha modificato il cliente BIANCHI: riapri `/client edit BIANCHI` per vedere i dati attuali. Nulla è stato salvato.',
    );
    expect(await bot.db.store.clients.findByCode('BIANCHI')).toMatchObject({
      classification: { kind: 'business', industry: 'serramenti', location: 'Parma' },
      careCadenceDays: 30,
    });
    expect(bot.stub.refusals).toEqual([]);
  });
});
