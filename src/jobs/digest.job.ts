import type { Agenda } from 'agenda';
import { lastWeek, postDigest, type DigestServices } from '../domain/kpi/digest.js';
import { digestDestinationOf, type SettingsStore } from '../domain/settings/settings.js';
import type { ChatDestination } from '../domain/shared/chat-user.js';

export const DIGEST_JOB = 'kpi.weekly-digest';

export interface DigestJobOptions {
  /**
   * The deployment's default (DIGEST_CHANNEL): used until the director sets a destination from
   * chat; without either the job only logs that nothing was posted.
   */
  destination: ChatDestination | undefined;
  /** Where the director's choice is kept; read at every run, so a change needs no restart. */
  settings: Pick<SettingsStore, 'read'>;
  /** Cron in the company's time zone (default Monday 08:30). */
  cron?: string;
  log: { warn(message: string): void };
}

/** Teams conversation ids: channels and group chats `19:…`, personal chats `a:…`. */
const TEAMS_CONVERSATION = /^(19|a):/;

/** DIGEST_CHANNEL as a destination: a Teams conversation id, else a Slack channel id. */
export const digestDefault = (channel: string | undefined): ChatDestination | undefined =>
  channel ? { platform: TEAMS_CONVERSATION.test(channel) ? 'teams' : 'slack', channel } : undefined;

/** One run: last full week against the week before, to the destination set now, once per week. */
export async function runWeeklyDigest(services: DigestServices, options: DigestJobOptions) {
  const destination = await digestDestinationOf(options.settings, options.destination);
  if (!destination)
    return options.log.warn(
      'no digest destination (DIGEST_CHANNEL, or `/sportello digest here`): weekly digest not posted',
    );
  const period = lastWeek(services.clock.now(), services.timeZone);
  await postDigest(services, destination, period, `digest:${period.from.toISOString()}`);
}

/** The weekly KPI digest as an Agenda job in the company's time zone. */
export async function defineDigestJob(
  agenda: Agenda,
  services: DigestServices,
  options: DigestJobOptions,
) {
  agenda.define(DIGEST_JOB, () => runWeeklyDigest(services, options));
  await agenda.every(options.cron ?? '30 8 * * 1', DIGEST_JOB, undefined, {
    timezone: services.timeZone,
  });
}
