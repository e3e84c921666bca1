import { createBusinessCalendar } from './calendar/holidays.js';
import type { Config } from './config.js';
import { businessDayMinutes } from './domain/calendar/business-calendar.js';
import type { CaseRules } from './domain/complaint/complaint.ports.js';
import type { ChatDestination } from './domain/shared/chat-user.js';
import { defaultSlaPolicy } from './domain/sla/sla-policy.js';

/** Used when TRIAGE_CHANNEL is not set: a channel of this name must exist and hold the bot. */
export const DEFAULT_TRIAGE_CHANNEL = 'sportello-triage';

/** The company's rules from configuration; what is not configured is the seed's default. */
export function companyRules(config: Config): CaseRules {
  const calendar = createBusinessCalendar({
    timeZone: config.timeZone,
    hours: config.businessHours,
    holidays: config.holidays,
    closures: config.closures,
  });
  return {
    calendar,
    sla: defaultSlaPolicy(businessDayMinutes(config.businessHours)),
    escalation: {
      costThresholdEur: config.costThresholdEur,
      featureChangeNeedsReview: true,
      outsidePolicyNeedsManager: true,
    },
    repeatWindowDays: config.repeatWindowDays,
    triage: { platform: 'slack', channel: config.triageChannel ?? DEFAULT_TRIAGE_CHANNEL },
    ...(config.escalationChannel
      ? { escalationChannel: destinationOf(config.escalationChannel) }
      : {}),
  };
}

/** `teams:<conversation id>` is a Teams conversation; anything else a Slack channel id. */
function destinationOf(setting: string): ChatDestination {
  return setting.startsWith('teams:')
    ? { platform: 'teams', channel: setting.slice('teams:'.length) }
    : { platform: 'slack', channel: setting };
}
