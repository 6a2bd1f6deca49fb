/** An evaluation error raised by a library function: cel-js reports the message it carries. */
export class CelLibraryError extends Error {
  override readonly name = 'CelLibraryError';
}

/** A library function's error, to throw from a CEL function handler. */
export function celError(message: string): CelLibraryError {
  return new CelLibraryError(message);
}
