import type { Agenda } from 'agenda';
import { lastWeek, postDigest, type DigestServices } from '../domain/kpi/digest.js';
import type { ChatDestination } from '../domain/shared/chat-user.js';

export const DIGEST_JOB = 'kpi.weekly-digest';

export interface DigestJobOptions {
  /** Where the digest goes; without it the job only logs that nothing was posted. */
  destination: ChatDestination | undefined;
  /** Cron in the company's time zone (default Monday 08:30). */
  cron?: string;
  log: { warn(message: string): void };
}

/** The weekly KPI digest: last full week against the week before, posted once per week. */
export async function defineDigestJob(
  agenda: Agenda,
  services: DigestServices,
  options: DigestJobOptions,
) {
  agenda.define(DIGEST_JOB, async () => {
    if (!options.destination)
      return options.log.warn('DIGEST_CHANNEL is not set: weekly digest not posted');
    const period = lastWeek(services.clock.now(), services.timeZone);
    await postDigest(services, options.destination, period, `digest:${period.from.toISOString()}`);
  });
  await agenda.every(options.cron ?? '30 8 * * 1', DIGEST_JOB, undefined, {
    timezone: services.timeZone,
  });
}
