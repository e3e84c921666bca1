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

  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it.each([
    [{ PORT: '' }, /^PORT: must be a whole port number .*decimal digits$/],
    [{ PORT: '0x1F90' }, /^PORT: must be a whole port number/],
    [{ PORT: '80.5' }, /^PORT: must be a whole port number/],
    [{ PORT: '70000' }, /^PORT: must be at most 65535$/],
    [{ HOST: ' ' }, /^HOST: must not be empty/],
    [{ PUBLIC_URL: 'ftp://files.example.com' }, /^PUBLIC_URL: must be an http\(s\) URL/],
    [{ PUBLIC_URL: 'sportello.example.com' }, /^PUBLIC_URL: must be an http\(s\) URL/],
    [{ COST_THRESHOLD_EUR: '' }, /^COST_THRESHOLD_EUR: must be an amount in euro/],
    [{ COST_THRESHOLD_EUR: '1e3' }, /^COST_THRESHOLD_EUR: must be an amount in euro/],
    [{ REPEAT_WINDOW_DAYS: '' }, /^REPEAT_WINDOW_DAYS: must be a whole number of days/],
    [{ HOLIDAYS_COUNTRY: 'ZZ' }, /^HOLIDAYS_COUNTRY: ZZ is not a country with holiday data/],
    [
      { HOLIDAYS_COUNTRY: 'IT', HOLIDAYS_REGION: 'ZZ' },
      /^HOLIDAYS_REGION: ZZ is not a region of IT \(known: 21 Piedmont, .*25 Lombardy/,
    ],
    [{ COMPANY_CLOSURES: '2026-08-14,2026-13-45' }, /^COMPANY_CLOSURES\.1: 2026-13-45 is not a/],
    [{ COMPANY_CLOSURES: '2026-02-30' }, /^COMPANY_CLOSURES\.0: 2026-02-30 is not a calendar date/],
  ])('refuses %o with one line naming the variable', (env, line) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(line);
  });

  it('accepts the good spellings of the same settings', () => {
    const config = loadConfig({
      PORT: ' 8080 ',
      PUBLIC_URL: 'https://sportello.example.com/',
      COST_THRESHOLD_EUR: '0',
      HOLIDAYS_COUNTRY: 'IT',
      HOLIDAYS_REGION: '25',
      COMPANY_CLOSURES: '2028-02-29, 2026-12-24',
    });
    expect(config).toMatchObject({
      http: { port: 8080 },
      publicUrl: 'https://sportello.example.com',
      costThresholdEur: 0,
      holidays: { country: 'IT', region: '25' },
      closures: ['2028-02-29', '2026-12-24'],
    });
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
      apiUrl: 'https://slack.com/api/',
      teamId: undefined,
      enterpriseId: undefined,
    });
  });

  it('reads SLACK_API_URL (ending it in /) and the workspace ids, refusing other shapes', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };
    const config = loadConfig({
      ...slack,
      SLACK_API_URL: 'https://slack-gov.com/api',
      SLACK_TEAM_ID: 'T0TEAM',
      SLACK_ENTERPRISE_ID: 'E0ORG',
    });
    expect(config.slack).toMatchObject({
      apiUrl: 'https://slack-gov.com/api/',
      teamId: 'T0TEAM',
      enterpriseId: 'E0ORG',
    });
    expect(loadConfig({ ...slack, SLACK_API_URL: 'http://127.0.0.1:9/api/' }).slack?.apiUrl).toBe(
      'http://127.0.0.1:9/api/',
    );
    expect(problemsOf({ SLACK_API_URL: 'slack.com/api' })).toEqual([
      expect.stringMatching(/^SLACK_API_URL: must be an http\(s\) URL/),
    ]);
    expect(problemsOf({ SLACK_API_URL: 'https://slack.com/api/?x=1' })).toEqual([
      expect.stringMatching(/^SLACK_API_URL: must have no query/),
    ]);
    expect(problemsOf({ SLACK_TEAM_ID: 'acme', SLACK_ENTERPRISE_ID: 'T0TEAM' })).toEqual([
      expect.stringMatching(/^SLACK_TEAM_ID: must be a Slack team id/),
      expect.stringMatching(/^SLACK_ENTERPRISE_ID: must be a Slack enterprise id/),
    ]);
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
