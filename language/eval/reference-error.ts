/**
 * Thrown by a scope's `lookup` for a reference it cannot resolve. `unset` marks a well-formed name that simply has
 * no value (an unset environment variable, a var not captured yet, a missing property): `a ?? b` falls back to `b`
 * for those. Any other unknown reference (a typo in a scope or setting name) stays an error even under `??`.
 */
export class ReferenceLookupError extends Error {
  readonly reference: string;
  readonly unset: boolean;
  constructor(reference: string, message: string, unset: boolean) {
    super(message);
    this.name = 'ReferenceLookupError';
    this.reference = reference;
    this.unset = unset;
  }
}
