export interface ImportReport {
  read: number;
  imported: number;
  /** Already in the database (same client code, same complaint reference or content). */
  alreadyPresent: number;
  rejected: { line: number; reason: string }[];
  /** Problem codes met in the file and added to the taxonomy as "imported". */
  addedProblemCodes: string[];
  seconds: number;
}

export type Progress = (done: number, total: number) => void;

export const emptyReport = (): ImportReport => ({
  read: 0,
  imported: 0,
  alreadyPresent: 0,
  rejected: [],
  addedProblemCodes: [],
  seconds: 0,
});
