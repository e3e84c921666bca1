import { beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_VERBS } from '../../../src/bot/ids.js';
import { NewClientSchema } from '../../../src/domain/client/client.js';
import type { ChatUser } from '../../../src/domain/shared/chat-user.js';
import { cardIssues } from '../../support/adaptive-cards/card-schema.js';
import { aClient } from '../../support/fixtures.js';
import { eventually } from '../../support/slack-bot.js';
import { actionExecute, activity, postActivity, useTeamsBot } from '../../support/teams-bot.js';

const user = (who: { id: string; name: string }): ChatUser => ({ platform: 'teams', ...who });
const DIRECTOR = { id: 'aad-tax-director', name: 'Marco' };
const OPERATOR = { id: 'aad-tax-operator', name: 'Giulia' };
const personal = (who: { id: string }) => ({
  id: `a:personal-${who.id}`,
  conversationType: 'personal' as const,
});

describe('Teams: the taxonomy from the text command to the complaint card', () => {
  const bot = useTeamsBot('teams_taxonomy');
  let clientId = '';
  beforeAll(async () => {
    clientId = (
      await bot.db.store.clients.insert(NewClientSchema.parse(aClient({ code: 'TAXT1' })))
    ).id;
    await bot.db.store.roles.assign(user(DIRECTOR), ['DCOM']);
    await bot.db.store.roles.assign(user(OPERATOR), ['operator']);
  });
  const say = async (from: { id: string; name: string }, text: string, locale = 'it-IT') => {
    const conversation = personal(from);
    const before = bot.stub.posted(conversation.id).length;
    await postActivity(
      bot.baseUrl,
      activity(bot.stub.url, from, conversation, { type: 'message', text, locale }),
    );
    return eventually(() => {
      const answer = bot.stub.posted(conversation.id)[before];
      if (!answer) throw new Error('no answer yet');
      return answer.body as { text?: string; attachments?: { content: unknown }[] };
    });
  };

  it('refuses an operator, and lets the director add values', async () => {
    expect((await say(OPERATOR, 'taxonomy add department assistenza "Assistenza"')).text).toBe(
      'Per gestire reparti, categorie e codici problema serve uno di questi ruoli: DCOM, manager, admin. Chiedi a Marco.',
    );
    expect(
      (
        await say(
          DIRECTOR,
          'taxonomy add department assistenza "Assistenza tecnica" "Technical support"',
        )
      ).text,
    ).toBe(
      'Aggiunto (reparto): `assistenza` — Assistenza tecnica / Technical support. Il prossimo modulo di reclamo lo propone.',
    );
    expect((await say(DIRECTOR, 'taxonomy add category pompe "Pompe"')).text).toContain(
      'Aggiunto (categoria)',
    );
    expect((await say(DIRECTOR, 'taxonomy')).text).toContain('• `assistenza` — Assistenza tecnica');
    expect((await say(DIRECTOR, 'taxonomy nonsense')).text).toMatch(/^Uso: `taxonomy \[/);
  });

  it('offers them on the complaint card in both languages, valid Adaptive Card 1.5', async () => {
    for (const [locale, notSure, label] of [
      ['it-IT', 'Non so → triage', 'Assistenza tecnica'],
      ['en-US', 'Not sure → triage', 'Technical support'],
    ] as const) {
      const form = (await say(OPERATOR, 'reclamo', locale)).attachments![0]!.content as {
        body: { id?: string; type: string; choices?: { title: string; value: string }[] }[];
      };
      expect(cardIssues(form)).toEqual([]);
      const department = form.body.find((e) => e.id === 'department')!;
      expect(department.type).toBe('Input.ChoiceSet');
      expect(department.choices).toEqual([
        { title: notSure, value: 'triage' },
        { title: label, value: 'assistenza' },
      ]);
      expect(form.body.find((e) => e.id === 'category')!.type).toBe('Input.ChoiceSet');
      // No problem codes listed yet: typed, as before.
      expect(form.body.find((e) => e.id === 'problemCode')!.type).toBe('Input.Text');
    }
  });

  it('refuses an unlisted department on the same card, storing nothing; files a listed one', async () => {
    const valid = {
      clientId,
      product: 'Pompa P-7',
      description: 'Perde pressione',
      problemCode: 'PMP-1',
      category: 'pompe',
      department: 'assistenza',
      priority: 'P3',
      channel: 'phone',
      warranty: 'unknown',
    };
    const refused = await postActivity(
      bot.baseUrl,
      activity(
        bot.stub.url,
        OPERATOR,
        personal(OPERATOR),
        actionExecute(TEAMS_VERBS.complaintSubmit, { ...valid, department: 'marketing' }, 'tax-1'),
      ),
    );
    expect(JSON.stringify(refused.body)).toContain('department: Scegli un valore dall’elenco.');
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(0);
    const filed = await postActivity(
      bot.baseUrl,
      activity(
        bot.stub.url,
        OPERATOR,
        personal(OPERATOR),
        actionExecute(TEAMS_VERBS.complaintSubmit, valid, 'tax-2'),
      ),
    );
    expect(JSON.stringify(filed.body)).toMatch(/R-\d{4}-0001/);
    expect((await bot.db.store.complaints.recent(1))[0]).toMatchObject({
      department: 'assistenza',
      category: 'pompe',
    });
  });
  it('offers the listed departments on the case’s “Amministra” move form, in both languages, and refuses one it does not list', async () => {
    const caseId = (await bot.db.store.complaints.recent(1))[0]!.id;
    const execute = (verb: string, data: object, locale: string) =>
      postActivity(
        bot.baseUrl,
        activity(bot.stub.url, DIRECTOR, personal(DIRECTOR), {
          ...actionExecute(verb, data, `tax-admin-${verb}-${locale}`),
          locale,
        }),
      );
    /** The elements with this id anywhere in the card (the move form is inside a ShowCard). */
    const find = (node: unknown, id: string): Record<string, unknown>[] =>
      !node || typeof node !== 'object'
        ? []
        : [
            ...((node as { id?: string }).id === id ? [node as Record<string, unknown>] : []),
            ...Object.values(node).flatMap((child) => find(child, id)),
          ];
    for (const [locale, notSure, label] of [
      ['it-IT', 'Non so → triage', 'Assistenza tecnica'],
      ['en-US', 'Not sure → triage', 'Technical support'],
    ] as const) {
      const card = (await execute(TEAMS_VERBS.administer, { caseId }, locale)).body.value;
      expect(cardIssues(card)).toEqual([]);
      const [department] = find(card, 'department');
      expect(department).toMatchObject({
        type: 'Input.ChoiceSet',
        value: 'assistenza',
        choices: [
          { title: notSure, value: 'triage' },
          { title: label, value: 'assistenza' },
        ],
      });
    }
    const refused = await execute(
      TEAMS_VERBS.reroute,
      { caseId, department: 'marketing' },
      'it-IT',
    );
    expect(JSON.stringify(refused.body)).toContain('Alcuni campi non sono validi: Reparto.');
    expect((await bot.db.store.complaints.get(caseId))?.department).toBe('assistenza');
  });
});
