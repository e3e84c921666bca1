/**
 * When two spellings name one client. The registry keeps one client per normalised code and one
 * per normalised name, so that "new client: Officine Rossi" typed in five forms at once, or a
 * code typed in lower case, never makes a second client.
 */

/** Case, spacing and accents do not make another code: "cli-001 " is CLI-001. */
export function codeKey(code: string): string {
  return code.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/**
 * Case, accents, spacing, punctuation and the dots of legal forms do not make another client:
 * "Officine Rossi S.r.l.", "OFFICINE  ROSSI srl" and "Officine Rossi, SRL" are one name.
 */
export function nameKey(name: string): string {
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return key || name.trim().toLowerCase();
}
