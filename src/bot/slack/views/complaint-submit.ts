import type { SlackRoutes } from '../slack-routes.js';
import { VIEWS } from '../../ids.js';
import { escapeText } from '../blocks/block-kit.js';
import type { Locale, Translate } from '../../../i18n/translate.js';
import { refusalText } from '../../shared/refusal-text.js';
import { registrationMessage } from '../../shared/registration-message.js';
import { slackUser, type LocaleOf, type SlackDeps } from '../slack-deps.js';
import { complaintFiler, type FilingOptions, type FilingOutcome } from './complaint-filing.js';
import {
  checkForm,
  formErrors,
  readComplaintView,
  typedText,
  type SubmittedComplaint,
} from './complaint-form.js';
import { noJournal, type IntakeJournal, type JournalEntry } from './intake-journal.js';
import { tellUser } from './view-reply.js';

/**
 * Submitting the complaint form. Slack waits 3 seconds for the answer to a view_submission and
 * takes errors on the form only in that answer (`response_action: "errors"`, keyed by block_id):
 * docs.slack.dev/surfaces/modals ("Handling submissions") and
 * docs.slack.dev/tools/bolt-js/concepts/acknowledge. So the form is checked without the database
 * and answered at once (errors on their blocks, or the form closes); the filing, which may wait
 * on a slow database, happens after, and its outcome reaches the user in one message: registered
 * with its number, or not saved with what they typed.
 */
export function registerComplaintSubmit(
  app: SlackRoutes,
  deps: SlackDeps,
  localeOf: LocaleOf,
  options: FilingOptions & { journal?: IntakeJournal } = {},
) {
  const file = complaintFiler(deps, options);
  const journal = options.journal ?? noJournal;
  /**
   * Files an accepted form, tells its user how it went (once: a delivery of a submission already
   * filed says nothing more, unless it is a form left by a killed process), and closes its
   * journal line.
   */
  const finish = async ({ user, submitted }: JournalEntry, left = false) => {
    try {
      const outcome = await file(slackUser(user), submitted);
      if (outcome.again && !left) return;
      const { t, locale } = await localeOf(user.id);
      const text = outcomeText(outcome, submitted, t, locale);
      // Slack being down after the filing must not turn into a second, contradicting message.
      await tellUser(app.client, user.id, submitted.channel, text).catch((error: unknown) =>
        deps.log.error({ err: error, user: user.id }, 'could not tell the user how filing went'),
      );
    } finally {
      journal.end(submitted.form.intakeKey);
    }
  };
  app.view(VIEWS.complaint, async ({ ack, body, view }) => {
    const submitted = readComplaintView(view);
    const refused = checkForm(submitted, await taxonomyWithin(deps, TAXONOMY_WAIT_MS));
    if (refused) {
      const { t } = await localeOf(body.user.id);
      await ack({ response_action: 'errors', errors: formErrors(refused, t) });
      return;
    }
    journal.begin({ user: body.user, submitted });
    await ack();
    await finish({ user: body.user, submitted });
  });
  // Forms a killed process had answered but not finished: filed now (once, by intake key).
  const left = journal.unfinished();
  void Promise.all(left.map((entry) => finish(entry, true))).catch((error: unknown) =>
    deps.log.error({ err: error }, 'complaint forms left by the last run could not be finished'),
  );
}

const TAXONOMY_WAIT_MS = 500;

/**
 * The taxonomy to check a form against before Slack is answered: read through its cache, but
 * never waited for long (a slow database must not cost the 3 s); none then, and the filing
 * checks it (a value it does not list is then refused in the message that follows).
 */
const taxonomyWithin = (deps: SlackDeps, ms: number) =>
  Promise.race([
    deps.services.taxonomy.entries().catch(() => []),
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), ms).unref()),
  ]);

/** The one message after the form closed: what happened, never more than is known. */
export function outcomeText(
  outcome: FilingOutcome,
  submitted: SubmittedComplaint,
  t: Translate,
  locale: Locale,
): string {
  const kept = outcome.newClient
    ? `\n${t('complaint.client_kept', { name: escapeText(outcome.newClient) })}`
    : '';
  switch (outcome.kind) {
    case 'registered': {
      const said = outcome.route
        ? registrationMessage(outcome.complaint, outcome.route, t, locale, (id) => `<#${id}>`)
        : t('complaint.registered.short', { number: outcome.complaint.number });
      const known = outcome.knownClient;
      return known
        ? `${said}\n${t('complaint.client_known', { name: escapeText(known.name), code: escapeText(known.code) })}`
        : said;
    }
    case 'refused':
      return notSaved(refusalText(outcome.refusal, t), submitted, t) + kept;
    case 'not_saved':
      return notSaved(t('complaint.not_saved.database'), submitted, t) + kept;
    case 'unconfirmed':
      return `${t('complaint.unconfirmed')}\n${typedText(submitted, t)}${kept}`;
  }
}

const notSaved = (reason: string, submitted: SubmittedComplaint, t: Translate) =>
  `${t('complaint.not_saved', { reason })}\n${typedText(submitted, t)}`;
