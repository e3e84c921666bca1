import type { CaseEventLog, Clock, RoleDirectory } from '../shared/shared.ports.js';
import type { TaxonomyEntry, TaxonomyKind, TaxonomyStatus } from './taxonomy.js';

/** The taxonomy as the complaint form reads it (on every form: may be briefly cached). */
export interface TaxonomyReader {
  entries(): Promise<TaxonomyEntry[]>;
}

/** What a change sets on an entry. */
export interface TaxonomyChange {
  label?: string;
  labelEn?: string;
  status?: TaxonomyStatus;
}

/**
 * The taxonomy as process owners edit it. Kind × code is unique; a write here is what the next
 * form offers (no stale copy survives it in this process).
 */
export interface TaxonomyStore extends TaxonomyReader {
  /** Adds an entry; the one already there under its kind and code when there is one. */
  add(entry: TaxonomyEntry): Promise<{ entry: TaxonomyEntry; first: boolean }>;
  /**
   * Changes the entry of `kind` and `code` if its status is one of `from`; undefined when there
   * is no such entry in such a status.
   */
  change(
    kind: TaxonomyKind,
    code: string,
    from: readonly TaxonomyStatus[],
    change: TaxonomyChange,
  ): Promise<TaxonomyEntry | undefined>;
  find(kind: TaxonomyKind, code: string): Promise<TaxonomyEntry | undefined>;
}

export interface TaxonomyServices {
  taxonomy: TaxonomyStore;
  roles: RoleDirectory;
  events: CaseEventLog;
  clock: Clock;
}
