import { describe, expect, it } from 'vitest';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { eventually } from '../../support/slack-bot.js';
import { activity, outboxSettled, postActivity, useTeamsBot } from '../../support/teams-bot.js';

const ELENA = { id: 'aad-elena', name: 'Elena', locale: 'it-IT' };
const JOHN = { id: 'aad-john', name: 'John', locale: 'en-GB' };
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});
const teamsUser = (who: { id: string; name: string }): ChatUser => ({
  platform: 'teams',
  id: who.id,
  name: who.name,
});
const textsTo = (bot: ReturnType<typeof useTeamsBot>, who: { id: string }) =>
  bot.stub.posted(personal(who).id).map((c) => JSON.stringify(c.body));

/** A Teams DM is written in the language its reader's Teams reports, not the company default. */
describe('Teams: each direct message is in its recipient’s language', () => {
  const bot = useTeamsBot('teams_recipient_language', { defaultLocale: 'it' });

  it('a reminder and a catalogue DM reach an English and an Italian reader each in theirs', async () => {
    for (const who of [ELENA, JOHN]) {
      const hello = activity(bot.stub.url, who, personal(who), {
        type: 'message',
        text: 'ciao',
        locale: who.locale,
      });
      expect((await postActivity(bot.baseUrl, hello)).status).toBeLessThan(300);
    }
    await eventually(async () => {
      for (const who of [ELENA, JOHN])
        expect((await bot.db.store.conversations.personalFor(who.id))?.locale).toBe(who.locale);
    });
    const before = { elena: textsTo(bot, ELENA).length, john: textsTo(bot, JOHN).length };

    await bot.chat.services.notifier.queue({
      type: 'd2.unsigned',
      case: { caseKind: 'd2', caseId: 'd2-lang', caseNumber: 'D2-2026-0042' },
      to: [teamsUser(ELENA), teamsUser(JOHN)],
      waitingSince: new Date('2026-11-30T09:00:00Z'),
    });
    for (const who of [ELENA, JOHN])
      await bot.chat.services.notifier.queue({
        type: 'direct.message',
        to: teamsUser(who),
        text: 'fallback',
        say: { key: 'field.at_least', params: { minimum: 3 } },
      });
    await outboxSettled(bot);

    const elena = textsTo(bot, ELENA).slice(before.elena).join('\n');
    const john = textsTo(bot, JOHN).slice(before.john).join('\n');
    expect(elena).toContain('La richiesta **D2-2026-0042** attende la tua firma');
    expect(elena).toContain('Deve essere almeno 3.');
    expect(elena).not.toMatch(/has waited|at least/);
    expect(john).toContain('Request **D2-2026-0042** has waited for your signature');
    expect(john).toContain('Must be at least 3.');
    expect(john).not.toMatch(/attende|almeno/);
  });
});
