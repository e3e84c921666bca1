import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { useSlackBot } from '../../support/slack-bot.js';
import { postToBot, slashCommand } from '../../support/slack-requests.js';

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
});
