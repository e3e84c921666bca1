import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import { TZDate } from '@date-fns/tz';
import { logCareCall } from '../../../domain/care/care-call-use-cases.js';
import type { CareServices } from '../../../domain/care/care.ports.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import { ACTIONS, VIEWS } from '../../ids.js';
import { clip, escapeText, plainText } from '../blocks/block-kit.js';
import { formatInstant } from '../../shared/format.js';
import { refusalText } from '../../shared/refusal-text.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { metadataOf, viewIntakeKey } from './view-reply.js';
import { fieldErrors, readViewState, text } from './view-state.js';

const MetadataSchema = z.object({ clientId: z.string().max(40) });

/**
 * A day picked in the form, as noon of that day where the company is; today before noon is now.
 * A later day stays in the future, for the use case to refuse.
 */
function dayOf(value: string | undefined, timeZone: string, now: Date): Date | string | undefined {
  if (!value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const noon = new TZDate(
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
    12,
    0,
    timeZone,
  );
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
  return noon > now && value === today ? now : new Date(noon.getTime());
}

/** Logging a care call writes Mod. 07_A9, schedules the next one and offers the follow-ups. */
export function registerCareCallSubmit(
  app: SlackRoutes,
  deps: SlackDeps,
  care: CareServices,
  localeOf: LocaleOf,
) {
  app.view(VIEWS.careCall, async ({ ack, body, view, client }) => {
    const { t, locale } = await localeOf(body.user.id);
    const values = readViewState(view.state);
    const clientId = metadataOf(MetadataSchema, view.private_metadata).clientId ?? '';
    const now = care.clock.now();
    const result = await logCareCall(care, slackUser(body.user), {
      clientId,
      at: dayOf(text(values, 'date'), deps.timeZone, now),
      channel: text(values, 'channel'),
      outcome: text(values, 'outcome') ?? '',
      needs: text(values, 'needs'),
      nextAction: text(values, 'nextAction'),
      intakeKey: viewIntakeKey(view),
    });
    if (!result.ok) {
      const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
      const errors = fieldErrors(problems, t, (f) =>
        f === 'at'
          ? 'date'
          : ['channel', 'outcome', 'needs', 'nextAction'].includes(f)
            ? f
            : undefined,
      );
      const field = result.error.code === 'CARE.IN_FUTURE' ? 'date' : 'outcome';
      await ack({
        response_action: 'errors',
        errors: Object.keys(errors).length ? errors : { [field]: refusalText(result, t) },
      });
      return;
    }
    await ack();
    // A repeated delivery answers as the first did; the first already sent the follow-ups.
    if (result.repeat) return;
    const found = await deps.clients.find(clientId);
    const message = t('care.logged', {
      client: escapeText(found?.name ?? clientId),
      next: formatInstant(result.value.nextDue, locale, deps.timeZone),
    });
    const value = JSON.stringify({
      c: clientId,
      ...(result.value.contact.needs ? { n: clip(result.value.contact.needs, 1500) } : {}),
    });
    await client.chat.postMessage({
      channel: body.user.id,
      text: message,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: message } },
        {
          type: 'actions',
          block_id: 'care_follow_up',
          elements: [
            {
              type: 'button',
              action_id: ACTIONS.careToComplaint,
              text: plainText(t('action.care_to_complaint')),
              value,
            },
            {
              type: 'button',
              action_id: ACTIONS.careToD2,
              text: plainText(t('action.care_to_d2')),
              value,
            },
          ],
        },
      ],
    });
  });
}
