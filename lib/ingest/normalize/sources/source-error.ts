/** A document its source's normalizer cannot read; the message names the field. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}
