import type { SlackRoutes } from '../slack-routes.js';
import { z } from 'zod';
import { raiseD2 } from '../../../domain/d2/raise-d2.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import { VIEWS } from '../../ids.js';
import { refusalText } from '../../shared/refusal-text.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { metadataOf, tellUser, viewIntakeKey } from './view-reply.js';
import { fieldErrors, readViewState, text } from './view-state.js';

const MetadataSchema = z.object({ channel: z.string().max(30).optional() });

/** Submitting Mod. 07_D2: numbered and sent to the director for the signature. */
export function registerD2Submit(app: SlackRoutes, deps: SlackDeps, localeOf: LocaleOf) {
  app.view(VIEWS.d2, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const values = readViewState(view.state);
    const result = await raiseD2(deps.services, slackUser(body.user), {
      clientId: text(values, 'client') ?? '',
      reason: text(values, 'reason') ?? '',
      urgency: text(values, 'urgency'),
      notes: text(values, 'notes'),
      intakeKey: viewIntakeKey(view),
    });
    if (!result.ok) {
      const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
      const errors = problems.length
        ? fieldErrors(problems, t, (field) =>
            field === 'clientId' ? 'client' : field in values ? field : undefined,
          )
        : {};
      await ack({
        response_action: 'errors',
        errors: Object.keys(errors).length ? errors : { reason: refusalText(result, t) },
      });
      return;
    }
    await ack();
    // A repeated delivery answers as the first did; the first already told the user.
    if (result.repeat) return;
    const metadata = metadataOf(MetadataSchema, view.private_metadata);
    await tellUser(
      client,
      body.user.id,
      metadata.channel,
      t('d2.raised', { number: result.value.number }),
    );
  });
}
