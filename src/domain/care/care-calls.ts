import { addDays } from 'date-fns';
import {
  addBusinessMinutes,
  businessDayMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from '../calendar/business-calendar.js';
import type { Client } from '../client/client.js';

/** When a client's next care call falls due: set explicitly, else cadence after the last one. */
export function careCallDueAt(client: Client): Date {
  if (client.nextCareCallDue) return client.nextCareCallDue;
  return addDays(client.lastCareCallAt ?? client.createdAt, client.careCadenceDays);
}

/**
 * Which reminder is due for a care call at `now`: 0 on the due day, then 1, 2… for each further
 * business day it stays overdue; undefined before it is due.
 */
export function careReminderDue(
  client: Client,
  now: Date,
  calendar: BusinessCalendar,
): number | undefined {
  if (!client.active) return undefined;
  const due = careCallDueAt(client);
  if (now < due) return undefined;
  const day = businessDayMinutes(calendar.hours);
  const firstNag = addBusinessMinutes(calendar, due, day);
  if (now < firstNag) return 0;
  return 1 + Math.floor(businessMinutesBetween(calendar, firstNag, now) / day);
}

/** The next call: the cadence after this one. */
export const nextCareCallAfter = (client: Pick<Client, 'careCadenceDays'>, at: Date): Date =>
  addDays(at, client.careCadenceDays);
