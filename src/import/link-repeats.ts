import { repeatWindowStart } from '../domain/complaint/repeat.js';
import type { Store } from '../store/index.js';

interface Brief {
  _id: unknown;
  number: string;
  clientId: unknown;
  problemCode: string;
  receivedAt: Date;
  sourceReference?: string;
  repeatOf?: unknown;
}

export interface RepeatLinks {
  /** Imported cases (by source reference) whose register names the case they repeat. */
  named: Map<string, string>;
  /** Without a "repeat of" column, the intake's rule decides (file-complaint.ts). */
  byRule: boolean;
  windowDays: number;
}

/**
 * Links imported cases to the case they repeat, after all rows are in, so a repeat of a case
 * further down the file (or imported earlier) is found. The rule is the intake's: the latest
 * earlier case of the same client and problem code received within the window.
 */
export async function linkRepeats(store: Store, imported: unknown[], links: RepeatLinks) {
  if (!imported.length) return 0;
  const fresh = await store.models.complaint
    .find({ _id: { $in: imported }, repeatOf: { $exists: false } }, brief)
    .lean<Brief[]>();
  const updates = links.byRule
    ? await byRule(store, fresh, links.windowDays)
    : await named(store, fresh, links.named);
  for (let i = 0; i < updates.length; i += 1000)
    await store.models.complaint.bulkWrite(updates.slice(i, i + 1000), { ordered: false });
  return updates.length;
}

const brief = {
  number: 1,
  clientId: 1,
  problemCode: 1,
  receivedAt: 1,
  sourceReference: 1,
  repeatOf: 1,
};
const link = (c: Brief, earlier: Brief) => ({
  updateOne: {
    filter: { _id: c._id },
    update: { $set: { repeatOf: { id: earlier._id, number: earlier.number } } },
  },
});

async function byRule(store: Store, fresh: Brief[], windowDays: number) {
  const related = await store.models.complaint
    .find(
      {
        clientId: { $in: [...new Set(fresh.map((c) => String(c.clientId)))] },
        problemCode: { $in: [...new Set(fresh.map((c) => c.problemCode))] },
      },
      brief,
    )
    .lean<Brief[]>();
  const groups = new Map<string, Brief[]>();
  for (const c of related) {
    const key = `${String(c.clientId)}|${c.problemCode}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values())
    group.sort(
      (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.number.localeCompare(b.number),
    );
  return fresh.flatMap((c) => {
    const group = groups.get(`${String(c.clientId)}|${c.problemCode}`) ?? [];
    const at = group.findIndex((g) => String(g._id) === String(c._id));
    const earlier = at > 0 ? group[at - 1] : undefined;
    const since = repeatWindowStart(c.receivedAt, windowDays);
    return earlier && earlier.receivedAt >= since ? [link(c, earlier)] : [];
  });
}

async function named(store: Store, fresh: Brief[], names: Map<string, string>) {
  const wanted = fresh.flatMap((c) => {
    const of = c.sourceReference ? names.get(c.sourceReference) : undefined;
    return of ? [{ c, of }] : [];
  });
  const earlier = new Map(
    (
      await store.models.complaint
        .find({ sourceReference: { $in: wanted.map((w) => w.of) } }, brief)
        .lean<Brief[]>()
    ).map((e) => [e.sourceReference!, e]),
  );
  return wanted.flatMap(({ c, of }) => {
    const e = earlier.get(of);
    return e ? [link(c, e)] : [];
  });
}
