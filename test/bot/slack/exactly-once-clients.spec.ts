import { beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, VIEWS } from '../../../src/bot/ids.js';
import { slackUser } from '../../support/fixtures.js';
import { eventually, useSlackBot } from '../../support/slack-bot.js';
import {
  clientSuggestion,
  input,
  postToBot,
  viewSubmission,
} from '../../support/slack-requests.js';

const OPERATOR = 'U0OP';

/**
 * One client per code and per name, however it is spelt and however many forms register it at
 * the same moment: "new client" in a complaint form, the client form delivered again, two people
 * registering the same code. Nothing is overwritten; the duplicates are told which client has it.
 */
describe('Slack: a new client is created once, also under concurrency', () => {
  const bot = useSlackBot('slack_exactly_once_clients');
  beforeAll(async () => {
    await bot.db.store.roles.assign(slackUser(OPERATOR), ['operator']);
  });
  const post = (body: string) => postToBot(bot.baseUrl, { body });
  const complaint = (viewId: string, clientValue: string) =>
    viewSubmission(OPERATOR, {
      id: viewId,
      callbackId: VIEWS.complaint,
      values: {
        client: input.external(OPTIONS.client, clientValue),
        product: input.text('Cancello C-1'),
        description: input.text('Non si apre'),
        problemCode: input.text('MEC-3'),
        category: input.text('meccanica'),
        department: input.text('assistenza'),
        priority: input.radio('P3'),
        channel: input.select('phone'),
        warranty: input.select('unknown'),
      },
    });
  const clientForm = (viewId: string, code: string, name: string) =>
    viewSubmission(OPERATOR, {
      id: viewId,
      callbackId: VIEWS.client,
      values: {
        code: input.text(code),
        name: input.text(name),
        kind: input.select('business'),
        careCadenceDays: input.number('90'),
      },
    });
  const clientsNamed = (pattern: RegExp) =>
    bot.db.store.models.client.find({ name: pattern }).lean();

  /** The complaint form files after answering Slack: wait until every filing is done. */
  const filed = (count: number) =>
    eventually(async () => {
      const n = await bot.db.store.models.complaint.countDocuments();
      if (n < count) throw new Error(`${n} of ${count} cases filed yet`);
      await delivered();
    });
  const delivered = () =>
    eventually(async () => {
      const waiting = await bot.db.store.models.outbox.countDocuments({
        status: { $in: ['pending', 'delivering'] },
      });
      if (waiting) throw new Error(`${waiting} messages not delivered yet`);
    });

  it('"new client" in one complaint form delivered 10 times at once: one client, one case', async () => {
    const body = complaint('VNEW1', 'new:Officine Bianchi S.r.l.');
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(answers.map((a) => [a.status, a.text])).toEqual(answers.map(() => [200, '']));
    await filed(1);
    const clients = await clientsNamed(/Bianchi/);
    expect(clients).toHaveLength(1);
    expect(await bot.db.store.models.complaint.countDocuments()).toBe(1);
    expect(await bot.db.store.models.complaint.countDocuments({ clientId: clients[0]!._id })).toBe(
      1,
    );
  });

  it('offers the client a typed name already is, spelt differently, instead of a new one', async () => {
    const suggest = await post(clientSuggestion(OPERATOR, 'officine  bianchi srl', 'VSUGGEST'));
    const [client] = await clientsNamed(/Bianchi/);
    expect(suggest.json()).toEqual({
      options: [
        {
          text: { type: 'plain_text', text: `Officine Bianchi S.r.l. (${client!.code})` },
          value: String(client!._id),
        },
      ],
    });
  });

  it('"new client" naming a client already on file files on it and says so; a new one is told as new', async () => {
    const dms = () =>
      bot.stub
        .of('chat.postMessage')
        .filter((c) => c.args.channel === OPERATOR)
        .map((c) => String(c.args.text));
    const before = dms().length;
    await post(complaint('VKNOWN', 'new:OFFICINE BIANCHI srl'));
    const [bianchi] = await clientsNamed(/Bianchi/);
    await eventually(() =>
      expect(dms().slice(before).join('\n')).toContain(
        `Il cliente Officine Bianchi S.r.l. (${bianchi!.code}) era già in anagrafica: il reclamo è registrato su di lui, nessun doppione creato.`,
      ),
    );
    expect(await clientsNamed(/Bianchi/)).toHaveLength(1);
    const told = dms().length;
    await post(complaint('VFRESH', 'new:Rossi Infissi'));
    await eventually(() => expect(dms().length).toBeGreaterThan(told));
    await delivered();
    expect(dms().slice(told).join('\n')).not.toContain('era già in anagrafica');
  });

  it('"new client" typed in 5 different forms at once, spelt differently: one client, 5 cases', async () => {
    const spellings = ['Verdi Impianti srl', 'VERDI IMPIANTI S.r.l.', 'Verdi  Impianti, S.R.L.'];
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        post(complaint(`VNEW2-${i}`, `new:${spellings[i % spellings.length]}`)),
      ),
    );
    expect(answers.map((a) => a.text)).toEqual(answers.map(() => ''));
    await filed(6);
    const clients = await clientsNamed(/^(Verdi|VERDI)/);
    expect(clients).toHaveLength(1);
    expect(await bot.db.store.models.complaint.countDocuments({ clientId: clients[0]!._id })).toBe(
      5,
    );
  });

  it('the client form delivered 3 times in a row and 10 at once registers one client each', async () => {
    const sequential = [];
    for (let i = 0; i < 3; i++) sequential.push(await post(clientForm('VCLI1', 'ACME-1', 'Acme')));
    const together = await Promise.all(
      Array.from({ length: 10 }, () => post(clientForm('VCLI2', 'ACME-2', 'Acme Due'))),
    );
    for (const answer of [...sequential, ...together]) expect(answer.text).toBe('');
    expect(await clientsNamed(/^Acme$/)).toHaveLength(1);
    expect(await clientsNamed(/^Acme Due$/)).toHaveLength(1);
  });

  it('a code or name another client has is refused on its field, naming that client, and nothing is overwritten', async () => {
    const before = await bot.db.store.clients.findByCode('ACME-1');
    const sameCode = await post(clientForm('VCLI3', 'acme-1', 'Altra Ditta'));
    expect(sameCode.json()).toEqual({
      response_action: 'errors',
      errors: {
        code: 'Il codice ACME-1 è già del cliente Acme: per modificarlo usa `/client edit ACME-1`.',
      },
    });
    const sameName = await post(clientForm('VCLI4', 'ACME-9', ' ACME '));
    expect(sameName.json()).toEqual({
      response_action: 'errors',
      errors: {
        name: 'Il cliente Acme esiste già (codice ACME-1): per modificarlo usa `/client edit ACME-1`.',
      },
    });
    expect(await bot.db.store.clients.findByCode('ACME-1')).toEqual(before);
    expect(await bot.db.store.clients.findByCode('ACME-9')).toBeUndefined();
  });

  it('10 people registering the same code at once: one client, the others told who has it', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(clientForm(`VCLI5-${i}`, 'RACE-1', `Ditta ${i}`))),
    );
    const refused = answers.filter((a) => a.text !== '');
    expect(answers.length - refused.length).toBe(1);
    const winner = (await bot.db.store.clients.findByCode('RACE-1'))!;
    for (const answer of refused)
      expect(answer.json()).toMatchObject({
        response_action: 'errors',
        errors: { code: expect.stringContaining(`del cliente ${winner.name}`) },
      });
    expect(await bot.db.store.models.client.countDocuments({ code: 'RACE-1' })).toBe(1);
  });

  it('10 people registering one name under 10 codes at once: one client, the others told who it is', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          clientForm(`VCLI6-${i}`, `UNICA-${i}`, i % 2 ? 'Ditta Unica S.r.l.' : 'DITTA UNICA SRL'),
        ),
      ),
    );
    const refused = answers.filter((a) => a.text !== '');
    expect(answers.length - refused.length).toBe(1);
    for (const answer of refused)
      expect(answer.json()).toMatchObject({
        response_action: 'errors',
        errors: {
          name: expect.stringMatching(
            /^Il cliente Ditta Unica S\.r\.l\.|^Il cliente DITTA UNICA SRL/,
          ),
        },
      });
    expect(await clientsNamed(/^(Ditta|DITTA) (Unica|UNICA)/)).toHaveLength(1);
  });
});
