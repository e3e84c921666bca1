export interface ImportReport {
  /** Data rows in the file, readable or not. */
  read: number;
  imported: number;
  /** Stored cases whose row had changed (closing date, status, solution, cost…). */
  updated: number;
  /** Already in the database (same client code, same complaint reference or content). */
  alreadyPresent: number;
  /**
   * Rows found by their content where one side had a reference and the other none (the key
   * strategy changed between two imports): the same case, not a new one.
   */
  matchedByContent: number;
  repeatsLinked: number;
  rejected: { line: number; reason: string }[];
  /** Problem codes met in the file and added to the taxonomy as "imported". */
  addedProblemCodes: string[];
  /** Clients the file named that the registry lacked (only when asked to add them). */
  addedClients: string[];
  seconds: number;
}

export type Progress = (done: number, total: number) => void;

export const emptyReport = (): ImportReport => ({
  read: 0,
  imported: 0,
  updated: 0,
  alreadyPresent: 0,
  matchedByContent: 0,
  repeatsLinked: 0,
  rejected: [],
  addedProblemCodes: [],
  addedClients: [],
  seconds: 0,
});
