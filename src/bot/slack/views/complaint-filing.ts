import { registerQuickClient } from '../../../domain/client/register-client.js';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import type { ComplaintServices } from '../../../domain/complaint/complaint.ports.js';
import { fileComplaint, routeOf } from '../../../domain/complaint/file-complaint.js';
import type { Route } from '../../../domain/routing/route.js';
import type { ChatUser } from '../../../domain/shared/chat-user.js';
import { ok, type Refusal, type Result } from '../../../domain/shared/result.js';
import type { SlackDeps } from '../slack-deps.js';
import { newClientName, type SubmittedComplaint } from './complaint-form.js';

/** How a filing ended, as far as the bot can know it: what the user is told, once. */
export type FilingOutcome = {
  newClient?: string;
  /** "New client" named one the registry has: the case is filed on that one. */
  knownClient?: { name: string; code: string };
  /** Another delivery of this submission was filed first, and its user is told by that one. */
  again?: boolean;
} & (
  | { kind: 'registered'; complaint: Complaint; route?: Route }
  | { kind: 'refused'; refusal: Refusal }
  /** The database failed before the case could be written: certainly not stored. */
  | { kind: 'not_saved' }
  /** The write itself failed and the database stayed away: stored or not, nobody can say yet. */
  | { kind: 'unconfirmed' }
);

export interface FilingOptions {
  /** How long a failed write is checked for having landed after all. */
  confirmWithinMs?: number;
  /** Filings running at once; the rest wait their turn. */
  concurrency?: number;
}

/**
 * Files complaint submissions after Slack has been answered. Copies of one submission in flight
 * at once (the same view delivered again) share the first copy's filing and so its outcome; a
 * later copy finds the case by its intake key. Never throws: every failure is an outcome.
 */
export function complaintFiler(deps: SlackDeps, options: FilingOptions = {}) {
  const inFlight = new Map<string, Promise<FilingOutcome>>();
  const inTurn = lanes(options.concurrency ?? 4);
  const arrivals = { last: 0 };
  return (by: ChatUser, submitted: SubmittedComplaint): Promise<FilingOutcome> => {
    const key = submitted.form.intakeKey;
    const running = inFlight.get(key);
    if (running) return running.then((outcome) => ({ ...outcome, again: true }));
    arrivals.last = performance.now();
    const filing = afterBurst(arrivals)
      .then(() => inTurn(() => fileTracked(deps, by, submitted, options)))
      .finally(() => inFlight.delete(key));
    inFlight.set(key, filing);
    return filing;
  };
}

/**
 * At most `size` filings at once, the others queued. Numbered writes take turns in the store
 * anyway, so a burst gains nothing from running all at once, while the CPU it would take is what
 * the next submissions need to be answered within Slack's 3 s.
 */
function lanes(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running < size) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

const QUIET_MS = 100;
const LONGEST_WAIT_MS = 2_000;

/**
 * While forms keep arriving (a burst), their filings wait: answering Slack within 3 s comes
 * first, and a filing's database work takes the CPU those answers need. A filing starts once no
 * form arrived for a moment, or after waiting two seconds whatever happens.
 */
async function afterBurst(arrivals: { last: number }) {
  const since = performance.now();
  while (
    performance.now() - arrivals.last < QUIET_MS &&
    performance.now() - since < LONGEST_WAIT_MS
  )
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
}

interface Progress {
  newClient?: string;
  knownClient?: { name: string; code: string };
  /** The case's write was sent. */
  writing?: boolean;
  stored?: Complaint;
}

async function fileTracked(
  deps: SlackDeps,
  by: ChatUser,
  submitted: SubmittedComplaint,
  options: FilingOptions,
): Promise<FilingOutcome> {
  const progress: Progress = {};
  const services = tracked(deps.services, progress);
  try {
    const client = await clientFor(services, by, submitted, progress);
    const result = client.ok
      ? await fileComplaint(services, by, { ...submitted.form, clientId: client.value })
      : client;
    if (!result.ok) return { kind: 'refused', refusal: result, ...kept(progress) };
    return { kind: 'registered', ...result.value, ...kept(progress) };
  } catch (error) {
    deps.log.error({ err: error, intakeKey: submitted.form.intakeKey }, 'complaint filing failed');
    // Stored and then something after it failed: it is registered (the filing sweep finishes it).
    if (progress.stored) return registered(services, progress.stored, progress);
    if (!progress.writing) return { kind: 'not_saved', ...kept(progress) };
    return confirm(services, submitted.form.intakeKey, options.confirmWithinMs ?? 30_000, progress);
  }
}

/** The services with the case's write watched, to know after a failure whether it happened. */
function tracked<S extends ComplaintServices>(services: S, progress: Progress): S {
  const complaints = services.complaints;
  return {
    ...services,
    complaints: {
      ...complaints,
      registerOnce: async (data, year, firstEvents) => {
        progress.writing = true;
        const done = await complaints.registerOnce(data, year, firstEvents);
        progress.stored = done.record;
        return done;
      },
    },
  };
}

/**
 * A write that failed may still have landed: its intake key says. Asked until the database
 * answers or the time is up.
 */
async function confirm(
  services: ComplaintServices,
  intakeKey: string,
  withinMs: number,
  progress: Progress,
): Promise<FilingOutcome> {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      const stored = await services.complaints.findByIntakeKey(intakeKey);
      if (stored) return registered(services, stored, progress);
      return { kind: 'not_saved', ...kept(progress) };
    } catch {
      if (Date.now() >= until) return { kind: 'unconfirmed', ...kept(progress) };
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function registered(
  services: ComplaintServices,
  complaint: Complaint,
  progress: Progress,
): Promise<FilingOutcome> {
  const route = await routeOf(services, complaint).catch(() => undefined);
  return { kind: 'registered', complaint, ...(route ? { route } : {}), ...kept(progress) };
}

const kept = (progress: Progress) => ({
  ...(progress.newClient ? { newClient: progress.newClient } : {}),
  ...(progress.knownClient ? { knownClient: progress.knownClient } : {}),
});

/**
 * The chosen client's id; "new client: <name>" registers it first (the form is already valid),
 * and not again for a submission that already filed its case.
 */
async function clientFor(
  services: SlackDeps['services'],
  by: ChatUser,
  submitted: SubmittedComplaint,
  progress: Progress,
): Promise<Result<string>> {
  const name = newClientName(submitted.client);
  if (!name) return ok(submitted.client ?? '');
  const intakeKey = submitted.form.intakeKey;
  const filed = await services.complaints.findByIntakeKey(intakeKey);
  if (filed) return ok(filed.clientId);
  const created = await registerQuickClient(services, by, { name });
  if (created.ok) {
    const { client, existed } = created.value;
    if (existed) progress.knownClient = { name: client.name, code: client.code };
    else progress.newClient = name;
    return ok(client.id);
  }
  // Another instance may have filed this very submission meanwhile, with the client it made.
  const theirs = await services.complaints.findByIntakeKey(intakeKey);
  return theirs ? ok(theirs.clientId) : created;
}
