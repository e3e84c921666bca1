import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/bot/ids.js';
import { slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import { postToBot, slashCommand } from '../../support/slack-requests.js';

const BOSS = 'U0BOSS';
const ADMIN = 'U0ADMIN';
const DCOM2 = 'U0DCOM2';

describe('Slack: roles are given and taken safely, from a fresh installation', () => {
  const bot = useSlackBot('slack_roles', { locales: { [ADMIN]: 'en-US' } });
  const say = async (user: string, text: string) =>
    String(
      (await postToBot(bot.baseUrl, { body: slashCommand(COMMANDS.sportello, user, text) })).json()
        .text,
    );
  const rolesOf = (id: string) => bot.db.store.roles.rolesOf(slackUser(id));

  it('makes exactly one of ten concurrent setups director, and tells the others who is', async () => {
    const people = Array.from({ length: 10 }, (_, i) => `U0FIRST${i}`);
    const answers = await Promise.all(people.map((p) => say(p, 'setup')));
    const winners = people.filter((_, i) => /ora sei direttore/.test(answers[i]!));
    expect(winners).toHaveLength(1);
    const directors = await bot.db.store.roles.holdersOf('DCOM');
    expect(directors.map((d) => d.id)).toEqual(winners);
    for (const answer of answers.filter((a) => !/ora sei direttore/.test(a)))
      expect(answer).toBe(
        `Sportello è già configurato. Direttori: <@${winners[0]}>. Chiedi a loro o a un amministratore i ruoli che ti servono.`,
      );
    // later, setup stays closed: a member with no role never becomes director
    expect(await say('U0LATER', 'setup')).toMatch(/già configurato/);
    expect(await say(winners[0]!, 'setup')).toMatch(
      /^Sportello è già configurato e tu sei tra i direttori/,
    );
    expect(await rolesOf('U0LATER')).toEqual([]);
    // hand the office over to BOSS for the rest of the walk
    const first = winners[0]!;
    expect(await say(first, `roles <@${BOSS}> +DCOM +admin`)).toMatch(/aggiunti: DCOM, admin/);
    expect(await say(BOSS, `roles <@${first}> -DCOM -admin`)).toMatch(/tolti: DCOM, admin/);
    expect(await rolesOf(first)).toEqual([]);
  });

  it('adds a role to the director without taking DCOM or admin away, audited and told', async () => {
    expect(await say(BOSS, `roles <@${BOSS}> SCOM`)).toBe(
      'Ruoli di <@U0BOSS> — aggiunti: SCOM; tolti: —. Ora: DCOM, admin, SCOM.',
    );
    expect(await rolesOf(BOSS)).toEqual(['DCOM', 'admin', 'SCOM']);
    expect(await say(BOSS, `roles <@${BOSS}> +SCOM -manager`)).toBe(
      'Nessun cambiamento: i ruoli di <@U0BOSS> restano DCOM, admin, SCOM.',
    );
    const trail = await bot.db.store.caseEvents.history('roles', `slack:${BOSS}`);
    expect(trail.filter((e) => e.type === 'roles.changed').at(-1)?.data).toMatchObject({
      added: ['SCOM'],
      removed: [],
    });
    await eventually(() => {
      const told = bot.stub.of('chat.postMessage').filter((c) => c.args.channel === BOSS);
      expect(told.map((c) => c.args.text)).toContain(
        'I tuoi ruoli in Sportello sono cambiati — aggiunti: SCOM; tolti: —. Ora hai: DCOM, admin, SCOM.',
      );
    });
  });

  it('lets only a DCOM grant or remove DCOM; an admin gives the other roles', async () => {
    expect(await say(BOSS, `roles <@${ADMIN}> +admin`)).toMatch(/aggiunti: admin/);
    expect(await say(ADMIN, `roles <@U0EVE> +DCOM`)).toBe(
      'Only a director (DCOM) grants or removes the DCOM role: ask <@U0BOSS>.',
    );
    expect(await say(ADMIN, `roles <@${BOSS}> -DCOM`)).toMatch(/Only a director/);
    expect(await rolesOf('U0EVE')).toEqual([]);
    expect(await say(ADMIN, `roles <@U0EVE> +operator,technician`)).toMatch(
      /added: operator, technician/,
    );
    const refused = await bot.db.store.caseEvents.history('roles', 'slack:U0EVE');
    expect(refused.map((e) => e.type)).toEqual(['roles.change_refused', 'roles.changed']);
  });

  it('keeps the last DCOM and the last admin', async () => {
    expect(await say(BOSS, `roles <@${BOSS}> -DCOM`)).toMatch(/unico direttore/);
    expect(await say(BOSS, `roles <@${BOSS}> -admin`)).toMatch(/aggiunti: —; tolti: admin/);
    expect(await say(ADMIN, `roles <@${ADMIN}> -admin`)).toMatch(/only administrator/);
    expect(await rolesOf(BOSS)).toContain('DCOM');
    expect(await rolesOf(ADMIN)).toEqual(['admin']);
  });

  it('leaves a director when two directors remove each other at the same moment', async () => {
    expect(await say(BOSS, `roles <@${DCOM2}> +DCOM`)).toMatch(/aggiunti: DCOM/);
    await Promise.all([say(BOSS, `roles <@${DCOM2}> -DCOM`), say(DCOM2, `roles <@${BOSS}> -DCOM`)]);
    expect((await bot.db.store.roles.holdersOf('DCOM')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses people with no role and malformed requests, changing nothing', async () => {
    // Whom to ask: the directors left by the race above (one or both).
    expect(await say('U0NOBODY', `roles <@U0NOBODY> +DCOM`)).toMatch(
      /^Per assegnare ruoli serve uno di questi ruoli: DCOM, admin\. Chiedi a <@U0(BOSS|DCOM2)>/,
    );
    for (const bad of [
      `roles <@U0EVE> +WIZARD`,
      'roles someone +SCOM',
      `roles <@U0EVE>`,
      `roles <@U0EVE> +{"$gt":""}`,
    ])
      expect(await say(BOSS, bad)).toMatch(/^Uso:/);
    expect(await rolesOf('U0NOBODY')).toEqual([]);
    expect(await rolesOf('U0EVE')).toEqual(['operator', 'technician']);
  });
});
