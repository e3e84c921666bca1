import { z } from 'zod';
import { holidayPlaceProblem } from './calendar/holidays.js';
import { parseBusinessHours, type BusinessHours } from './domain/calendar/business-hours.js';

export { parseBusinessHours };

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/**
 * A number written in decimal digits. `z.coerce.number()` alone reads '' as 0 and '0x1F90' as
 * 8080, so an emptied or mistyped variable would quietly become another setting.
 */
const decimal = (fallback: string, what: string, shape = /^\d+(\.\d+)?$/) =>
  z
    .string()
    .default(fallback)
    .transform((text) => text.trim())
    .pipe(z.string().regex(shape, `must be ${what}, written in decimal digits`))
    .transform(Number);
const whole = (fallback: string, what: string, min: number, max: number) =>
  decimal(fallback, what, /^\d+$/).pipe(
    z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
  );

/** A calendar date that exists: '2026-13-45' matches the pattern but is no day. */
const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates must be YYYY-MM-DD')
  .superRefine((text, ctx) => {
    const day = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || !day.toISOString().startsWith(text)) {
      ctx.addIssue({ code: 'custom', message: `${text} is not a calendar date` });
    }
  });

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const timeZone = z
  .string()
  .default('Europe/Rome')
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'is not an IANA time zone (e.g. Europe/Rome)');

const businessHours = z
  .string()
  .default('mon-fri 08:30-17:30')
  .transform((text, ctx) => {
    const parsed = parseBusinessHours(text);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines on a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'human']).default('auto'),
  HOST: z.string().trim().min(1, 'must not be empty (e.g. 0.0.0.0)').default('0.0.0.0'),
  // 0 asks the system for a free port (tests start several bots at once).
  PORT: whole('3000', 'a whole port number (e.g. 3000)', 0, 65535),
  MONGODB_URI: optionalText.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  DATA_DIR: z.string().default('./data'),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional(),
  ),
  SLACK_SOCKET_MODE: flag,
  // Slack's Web API base (docs.slack.dev/reference/methods: https://slack.com/api/METHOD);
  // GovSlack and local stand-ins have their own. The WebClient appends method names to it.
  SLACK_API_URL: optionalText
    .pipe(
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://slack.com/api/' })
        .refine(
          (url) => !/[?#]/.test(url),
          'must have no query or fragment (method names follow it)',
        )
        .optional(),
    )
    .transform((url) => (url ?? 'https://slack.com/api/').replace(/\/?$/, '/')),
  SLACK_TEAM_ID: optionalText.pipe(
    z
      .string()
      .regex(/^T[A-Z0-9]{2,}$/, 'must be a Slack team id (T…)')
      .optional(),
  ),
  SLACK_ENTERPRISE_ID: optionalText.pipe(
    z
      .string()
      .regex(/^E[A-Z0-9]{2,}$/, 'must be a Slack enterprise id (E…)')
      .optional(),
  ),
  TEAMS_APP_ID: optionalText,
  TEAMS_APP_PASSWORD: optionalText,
  TEAMS_APP_TENANT_ID: optionalText,
  TZ: timeZone,
  DEFAULT_LOCALE: z.enum(['it', 'en']).default('it'),
  DIGEST_CHANNEL: optionalText,
  BUSINESS_HOURS: businessHours,
  HOLIDAYS_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code')
    .default('IT'),
  HOLIDAYS_REGION: optionalText,
  COST_THRESHOLD_EUR: decimal('1000', 'an amount in euro (e.g. 1000)'),
  LOYAL_AFTER_YEARS: optionalText.pipe(
    z.coerce.number<string | undefined>().int().min(1).max(100).optional(),
  ),
  REPEAT_WINDOW_DAYS: whole('90', 'a whole number of days', 1, 3650),
  COMPANY_CLOSURES: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    )
    .pipe(z.array(realDate)),
  TRIAGE_CHANNEL: optionalText,
  ESCALATION_CHANNEL: optionalText,
  PUBLIC_URL: optionalText.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL, e.g. https://sportello.example.com',
      })
      .optional(),
  ),
  ADMIN_USER: optionalText,
  ADMIN_PASSWORD: optionalText,
});

type Env = z.output<typeof EnvSchema>;

/** Every variable the bot reads (documented one by one in .env.example). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape);

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  http: { host: string; port: number };
  database: { uri: string | undefined; dataDir: string };
  slack:
    | {
        botToken: string;
        signingSecret: string;
        appToken: string | undefined;
        socketMode: boolean;
        /** The Web API base, ending in '/'. */
        apiUrl: string;
        /** The workspace (and Enterprise Grid org) admitted before auth.test has answered. */
        teamId: string | undefined;
        enterpriseId: string | undefined;
      }
    | undefined;
  teams: { appId: string; appPassword: string; tenantId: string | undefined } | undefined;
  timeZone: string;
  defaultLocale: 'it' | 'en';
  digestChannel: string | undefined;
  businessHours: BusinessHours;
  holidays: { country: string; region: string | undefined };
  costThresholdEur: number;
  repeatWindowDays: number;
  /** Loyal clients: marked so, or (when set) with the company for at least this many years. */
  loyalAfterYears: number | undefined;
  closures: string[];
  /** Where cases go when no routing rule matches (a Slack channel id). */
  triageChannel: string | undefined;
  /** Where SLA breaches are also posted: a Slack channel id, or `teams:<conversation id>`. */
  escalationChannel: string | undefined;
  /** The bot's public address, for links people open (satisfaction surveys). */
  publicUrl: string;
  admin: { user: string; password: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError listing every problem at once. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const problems = pairProblems(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    http: { host: env.HOST, port: env.PORT },
    database: { uri: env.MONGODB_URI, dataDir: env.DATA_DIR },
    slack:
      env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET
        ? {
            botToken: env.SLACK_BOT_TOKEN,
            signingSecret: env.SLACK_SIGNING_SECRET,
            appToken: env.SLACK_APP_TOKEN,
            socketMode: env.SLACK_SOCKET_MODE,
            apiUrl: env.SLACK_API_URL,
            teamId: env.SLACK_TEAM_ID,
            enterpriseId: env.SLACK_ENTERPRISE_ID,
          }
        : undefined,
    teams:
      env.TEAMS_APP_ID && env.TEAMS_APP_PASSWORD
        ? {
            appId: env.TEAMS_APP_ID,
            appPassword: env.TEAMS_APP_PASSWORD,
            tenantId: env.TEAMS_APP_TENANT_ID,
          }
        : undefined,
    timeZone: env.TZ,
    defaultLocale: env.DEFAULT_LOCALE,
    digestChannel: env.DIGEST_CHANNEL,
    businessHours: env.BUSINESS_HOURS,
    holidays: { country: env.HOLIDAYS_COUNTRY, region: env.HOLIDAYS_REGION },
    costThresholdEur: env.COST_THRESHOLD_EUR,
    repeatWindowDays: env.REPEAT_WINDOW_DAYS,
    loyalAfterYears: env.LOYAL_AFTER_YEARS,
    closures: env.COMPANY_CLOSURES,
    triageChannel: env.TRIAGE_CHANNEL,
    escalationChannel: env.ESCALATION_CHANNEL,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    admin:
      env.ADMIN_USER && env.ADMIN_PASSWORD
        ? { user: env.ADMIN_USER, password: env.ADMIN_PASSWORD }
        : undefined,
  };
}

/** Settings that only make sense together: half a pair is a mistake worth stopping for. */
function pairProblems(env: Env): string[] {
  const problems: string[] = [];
  const pair = (a: keyof Env, b: keyof Env) => {
    if (Boolean(env[a]) !== Boolean(env[b])) {
      problems.push(`${env[a] ? b : a}: is required when ${env[a] ? a : b} is set`);
    }
  };
  pair('SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET');
  pair('TEAMS_APP_ID', 'TEAMS_APP_PASSWORD');
  pair('ADMIN_USER', 'ADMIN_PASSWORD');
  if (env.SLACK_SOCKET_MODE && !env.SLACK_APP_TOKEN) {
    problems.push('SLACK_APP_TOKEN: is required when SLACK_SOCKET_MODE is true');
  }
  const place = holidayPlaceProblem(env.HOLIDAYS_COUNTRY, env.HOLIDAYS_REGION);
  if (place) problems.push(place);
  return problems;
}
