import type { App } from '@slack/bolt';
import { z } from 'zod';
import { fileComplaint } from '../../../domain/complaint/file-complaint.js';
import type { FieldProblem } from '../../../domain/shared/input.js';
import { VIEWS } from '../../ids.js';
import { slackUser, refusalText, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { amount, chosen, fieldErrors, readViewState, text } from './view-state.js';
import { metadataOf, tellUser } from './view-reply.js';

const ComplaintMetadataSchema = z.object({
  channel: z.string().max(30).optional(),
  sourceMessageUrl: z.string().url().max(1000).optional(),
});

/** Domain field → the block that shows its error. */
const FORM_BLOCKS = [
  'product',
  'description',
  'problemCode',
  'category',
  'department',
  'priority',
  'estimatedCostEur',
  'warranty',
  'channel',
  'remedyRequested',
  'reportedBy',
];
const BLOCK_OF: Record<string, string> = {
  ...Object.fromEntries(FORM_BLOCKS.map((block) => [block, block])),
  clientId: 'client',
  changesProductFunctionality: 'flags',
  outsidePolicy: 'flags',
};

/** Submitting the complaint form registers the case; field problems go back onto the form. */
export function registerComplaintSubmit(app: App, deps: SlackDeps, localeOf: LocaleOf) {
  app.view(VIEWS.complaint, async ({ ack, body, view, client }) => {
    const { t } = await localeOf(body.user.id);
    const metadata = metadataOf(ComplaintMetadataSchema, view.private_metadata);
    const values = readViewState(view.state);
    const flags = chosen(values, 'flags');
    const result = await fileComplaint(deps.services, slackUser(body.user), {
      clientId: text(values, 'client') ?? '',
      product: text(values, 'product') ?? '',
      description: text(values, 'description') ?? '',
      problemCode: text(values, 'problemCode') ?? '',
      category: text(values, 'category') ?? '',
      department: text(values, 'department') ?? '',
      priority: text(values, 'priority'),
      channel: text(values, 'channel'),
      warranty: text(values, 'warranty'),
      estimatedCostEur: amount(values, 'estimatedCostEur'),
      changesProductFunctionality: flags.includes('changesProductFunctionality'),
      outsidePolicy: flags.includes('outsidePolicy'),
      remedyRequested: text(values, 'remedyRequested'),
      reportedBy: text(values, 'reportedBy'),
      sourceMessageUrl: metadata.sourceMessageUrl,
      intakeKey: `slack:view:${view.id}`,
    });
    if (!result.ok) {
      const problems = (result.error.details?.problems as FieldProblem[] | undefined) ?? [];
      const errors = problems.length
        ? fieldErrors(problems, t, (field) => BLOCK_OF[field])
        : {
            [result.error.code.endsWith('CLIENT_NOT_FOUND') ? 'client' : 'description']:
              refusalText(result, t),
          };
      await ack({
        response_action: 'errors',
        errors: Object.keys(errors).length ? errors : { description: refusalText(result, t) },
      });
      return;
    }
    await ack();
    const { complaint, route } = result.value;
    const waiting = complaint.approvals.filter((a) => a.status === 'pending');
    const message = waiting.length
      ? t('complaint.registered.waiting', {
          number: complaint.number,
          reasons: waiting.map((a) => a.reason).join('; '),
        })
      : t('complaint.registered', {
          number: complaint.number,
          priority: complaint.priority,
          channel: route.destination.channel,
        });
    await tellUser(client, body.user.id, metadata.channel, message);
  });
}
