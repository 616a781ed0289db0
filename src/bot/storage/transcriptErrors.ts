/** A transcript call without what transcripts are filed under (channel, conversation). */
export class InvalidTranscriptArgumentError extends Error {
  override name = 'InvalidTranscriptArgumentError';
  constructor(what: string) {
    super(`[TranscriptStore]: missing ${what}`);
  }
}

/** Throws unless `value` is a non-empty string. */
export function requireId(value: string, field: string): void {
  if (typeof value !== 'string' || value === '') throw new InvalidTranscriptArgumentError(field);
}
