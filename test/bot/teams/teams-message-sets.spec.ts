import { describe, expect, it } from 'vitest';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { eventually } from '../../support/slack-bot.js';
import { activity, postActivity, useTeamsBot } from '../../support/teams-bot.js';

const DIRECTORS = [
  { id: 'aad-dir-1', name: 'Marco' },
  { id: 'aad-dir-2', name: 'Elena' },
];
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});
const teamsUser = (who: { id: string; name: string }): ChatUser => ({ platform: 'teams', ...who });

/** The same per-message once-keys as Slack: a retry sends only what did not go out. */
describe('Teams: a partly failed message set, retried, delivers each message exactly once', () => {
  const bot = useTeamsBot('teams_message_sets');

  it("the second director's reminder fails once: each director gets it once", async () => {
    // Each director has written to the bot once, so it knows their personal chat.
    for (const who of DIRECTORS)
      expect(
        (
          await postActivity(
            bot.baseUrl,
            activity(bot.stub.url, who, personal(who), { type: 'message', text: 'ciao' }),
          )
        ).status,
      ).toBeLessThan(300);
    await eventually(async () => {
      for (const who of DIRECTORS)
        if (!(await bot.db.store.conversations.personalFor(who.id))) throw new Error('not yet');
    });
    const before = (who: { id: string }) => bot.stub.posted(personal(who).id).length;
    const counts = DIRECTORS.map(before);

    bot.stub.failNext(1, 'POST', personal(DIRECTORS[1]!).id);
    await bot.chat.services.notifier.queue({
      type: 'd2.unsigned',
      case: { caseKind: 'd2', caseId: 'd2-teams', caseNumber: 'D2-2026-0077' },
      to: DIRECTORS.map(teamsUser),
      waitingSince: new Date('2026-11-30T09:00:00Z'),
    });
    await eventually(async () => {
      const open = (await bot.db.store.outbox.list()).filter((e) => e.status !== 'delivered');
      if (open.length) throw new Error(`${open.length} entries not delivered`);
      if (!bot.stub.calls.some((c) => c.method === 'POST#failed')) throw new Error('no failure');
    }, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reminders = (who: { id: string }, i: number) =>
      bot.stub
        .posted(personal(who).id)
        .slice(counts[i])
        .filter((c) => JSON.stringify(c.body).includes('D2-2026-0077'));
    expect(reminders(DIRECTORS[0]!, 0)).toHaveLength(1);
    expect(reminders(DIRECTORS[1]!, 1)).toHaveLength(1);
  });
});
