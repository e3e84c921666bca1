import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SubmittedComplaint } from './complaint-form.js';

/** A complaint form accepted by Slack's answer and not yet filed and told. */
export interface JournalEntry {
  user: { id: string; name?: string; username?: string };
  submitted: SubmittedComplaint;
}

/**
 * The complaint forms this process has answered and not yet finished, on local disk. Slack is
 * answered before the filing (its 3 s), so a process killed in between would lose a form the
 * user saw close; a line written before the answer lets the next start file it and tell them.
 * A local append takes microseconds where the database may take seconds.
 */
export interface IntakeJournal {
  begin(entry: JournalEntry): void;
  end(intakeKey: string): void;
  /** Begun and never ended (the process died between), oldest first; the journal keeps only them. */
  unfinished(): JournalEntry[];
}

export const noJournal: IntakeJournal = {
  begin: () => undefined,
  end: () => undefined,
  unfinished: () => [],
};

type Line = { begin: JournalEntry } | { end: string };

/** One journal file per bot instance (its data directory). */
export function fileJournal(file: string): IntakeJournal {
  mkdirSync(path.dirname(file), { recursive: true });
  const append = (line: Line) => appendFileSync(file, `${JSON.stringify(line)}\n`);
  return {
    begin: (entry) => append({ begin: entry }),
    end: (intakeKey) => append({ end: intakeKey }),
    unfinished() {
      const open = new Map<string, JournalEntry>();
      for (const line of readLines(file)) {
        if ('begin' in line) open.set(line.begin.submitted.form.intakeKey, line.begin);
        else open.delete(line.end);
      }
      const left = [...open.values()];
      writeFileSync(`${file}.tmp`, left.map((begin) => `${JSON.stringify({ begin })}\n`).join(''));
      renameSync(`${file}.tmp`, file);
      return left;
    },
  };
}

function readLines(file: string): Line[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    try {
      // A line cut short by the kill is skipped: its form was not answered yet.
      if (raw.trim()) lines.push(JSON.parse(raw) as Line);
    } catch {
      continue;
    }
  }
  return lines;
}
