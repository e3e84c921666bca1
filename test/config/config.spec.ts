import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../../src/config.js';
import { parseBusinessHours } from '../../src/domain/calendar/business-hours.js';

describe('configuration from the environment', () => {
  it('runs with no variables at all, on the procedure’s defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      http: { port: 3000 },
      database: { uri: undefined, dataDir: './data' },
      slack: undefined,
      teams: undefined,
      timeZone: 'Europe/Rome',
      defaultLocale: 'it',
      costThresholdEur: 1000,
      holidays: { country: 'IT' },
    });
    expect(config.businessHours.mon).toEqual([{ start: '08:30', end: '17:30' }]);
    expect(config.businessHours.sat).toBeUndefined();
  });

  it('lists every problem at once, by variable name', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        TZ: 'Mars/Olympus',
        DEFAULT_LOCALE: 'de',
        MONGODB_URI: 'postgres://x',
        SLACK_BOT_TOKEN: 'xoxp-user',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'TZ', 'DEFAULT_LOCALE', 'MONGODB_URI', 'SLACK_BOT_TOKEN']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('refuses half of a credential pair', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_SIGNING_SECRET: is required/,
    );
    expect(() => loadConfig({ TEAMS_APP_PASSWORD: 'p' })).toThrow(/TEAMS_APP_ID: is required/);
    expect(() =>
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_SOCKET_MODE: 'true',
      }),
    ).toThrow(/SLACK_APP_TOKEN/);
  });

  it('builds the Slack settings when both halves are given', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_SOCKET_MODE: 'yes',
    });
    expect(config.slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'shh',
      appToken: 'xapp-1',
      socketMode: true,
    });
  });

  it('reads business hours with split days and short days', () => {
    expect(parseBusinessHours('mon-thu 08:30-12:30,14:00-18:00; fri 08:30-13:00')).toEqual({
      mon: [
        { start: '08:30', end: '12:30' },
        { start: '14:00', end: '18:00' },
      ],
      tue: [
        { start: '08:30', end: '12:30' },
        { start: '14:00', end: '18:00' },
      ],
      wed: [
        { start: '08:30', end: '12:30' },
        { start: '14:00', end: '18:00' },
      ],
      thu: [
        { start: '08:30', end: '12:30' },
        { start: '14:00', end: '18:00' },
      ],
      fri: [{ start: '08:30', end: '13:00' }],
    });
    expect(parseBusinessHours('fri-mon 08:00-17:00')).toMatch(/day range/);
    expect(parseBusinessHours('mon 18:00-08:00')).toMatch(/HH:MM-HH:MM/);
    expect(() => loadConfig({ BUSINESS_HOURS: 'weekdays nine to five' })).toThrow(/BUSINESS_HOURS/);
  });
});

describe('.env.example', () => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const entries = Object.fromEntries(
    example
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('documents exactly the variables the bot reads', () => {
    expect(Object.keys(entries).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('is itself a valid configuration', () => {
    expect(() => loadConfig(entries)).not.toThrow();
  });
});
