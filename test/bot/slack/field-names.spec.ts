import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import { aClient, aComplaint, slackUser } from '../../support/fixtures.js';
import { useSlackBot } from '../../support/slack-bot.js';
import { postToBot, slashCommand } from '../../support/slack-requests.js';

/** A refused command names the wrong fields as its reader's forms do, never by property name. */
describe('Slack: invalid fields are named in the reader’s language', () => {
  const bot = useSlackBot('slack_field_names', { locales: { U0OPEN: 'en-GB' } });
  let number = '';
  beforeAll(async () => {
    const client = await bot.db.store.clients.insert(NewClientSchema.parse(aClient()));
    number = (await bot.db.store.complaints.register(aComplaint(client.id), 2026)).number;
    for (const user of ['U0OPIT', 'U0OPEN'])
      await bot.db.store.roles.assign(slackUser(user), ['operator']);
  });
  const say = async (user: string, text: string) =>
    String(
      (await postToBot(bot.baseUrl, { body: slashCommand(COMMANDS.complaint, user, text) })).json()
        .text,
    );

  it('a phone rating of 9 says the rating is invalid, in Italian and in English', async () => {
    const before = (await bot.db.store.complaints.findByNumber(number))?.satisfaction?.rating;
    expect(await say('U0OPIT', `rate ${number} 9`)).toBe(
      'Alcuni campi non sono validi: valutazione.',
    );
    expect(await say('U0OPEN', `rate ${number} 9`)).toBe('Some fields are not valid: rating.');
    const stored = await bot.db.store.complaints.findByNumber(number);
    expect(stored?.satisfaction?.rating).toBe(before);
  });
});
