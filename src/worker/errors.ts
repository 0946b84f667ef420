// The worker's own failures: a message for the clerk in both languages, and a cancelled call.
import type { Bilingual } from '../lang/diagnostic.js';

/** A message for the clerk, in both languages. */
export class UserError extends Error {
  constructor(readonly bilingual: Bilingual) {
    super(bilingual.en);
  }
}
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
