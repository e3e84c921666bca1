import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const lintAs = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

/** The rule that keeps src/domain free of frameworks, drivers, env and the clock. */
describe('domain purity rule', () => {
  it.each([
    ["import mongoose from 'mongoose';\nexport const m = mongoose;", /no-restricted-imports/],
    ["import { App } from '@slack/bolt';\nexport const a = App;", /no-restricted-imports/],
    [
      "import { Application } from '@microsoft/teams-ai';\nexport const a = Application;",
      /no-restricted-imports/,
    ],
    ["import { Agenda } from 'agenda';\nexport const a = Agenda;", /no-restricted-imports/],
    ["import type { Db } from 'mongodb';\nexport type D = Db;", /no-restricted-imports/],
    [
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
      /no-restricted-imports/,
    ],
    [
      "import { createStore } from '../../store/index.js';\nexport const c = createStore;",
      /adapters, persistence/,
    ],
    ['export const secret = process.env.SECRET;', /no-restricted-globals/],
    ['export const now = () => Date.now();', /must not read the clock/],
    ['export const now = () => new Date();', /must not read the clock/],
  ])('refuses %s in src/domain', async (code, expected) => {
    const messages = await lintAs('src/domain/complaint/example.ts', code);
    expect(messages.join('\n')).toMatch(expected);
  });

  it('allows zod, date-fns and other domain files', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { addMinutes } from 'date-fns';",
      "import { TZDate } from '@date-fns/tz';",
      "import { PrioritySchema } from '../complaint/complaint.js';",
      'export const due = (at: Date) => new TZDate(addMinutes(at, 30), "Europe/Rome");',
      'export const P = z.object({ p: PrioritySchema });',
    ].join('\n');
    expect(await lintAs('src/domain/sla/example.ts', code)).toEqual([]);
  });

  it('does not restrict adapters the same way', async () => {
    const code = "import mongoose from 'mongoose';\nexport const m = mongoose;";
    expect(await lintAs('src/store/example.ts', code)).toEqual([]);
  });

  it('finds no violation in the real src/domain', async () => {
    const results = await eslint.lintFiles(['src/domain/**/*.ts']);
    expect(results.length).toBeGreaterThan(5);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`))).toEqual(
      [],
    );
  });
});

describe('adapter separation rule', () => {
  it('keeps the Teams adapter from importing the Slack one, and the other way round', async () => {
    const fromTeams =
      "import { slackUser } from '../slack/slack-deps.js';\nexport const u = slackUser;";
    expect((await lintAs('src/bot/teams/example.ts', fromTeams)).join('\n')).toMatch(
      /must not import src\/slack/,
    );
    const fromSlack =
      "import { teamsUser } from '../teams/teams-app.js';\nexport const u = teamsUser;";
    expect((await lintAs('src/bot/slack/example.ts', fromSlack)).join('\n')).toMatch(
      /must not import src\/teams/,
    );
    const shared =
      "import { eventLine } from '../shared/event-line.js';\nexport const e = eventLine;";
    expect(await lintAs('src/bot/teams/example.ts', shared)).toEqual([]);
  });
});
