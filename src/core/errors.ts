/**
 * A small error hierarchy. Every error has a string `code`. UserError is the user's mistake
 * (bad input, not found, not allowed): the dispatcher turns it into a friendly reply with an
 * example. Anything else is unexpected: logged with an id, and the user sees a short apology.
 */
export class RapportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UserError extends RapportError {
  constructor(
    code: string,
    message: string,
    readonly details: { example?: string; field?: string; choices?: { label: string; command: string }[] } = {},
  ) {
    super(code, message);
  }
}

export class PermissionDenied extends UserError {
  constructor(message: string) {
    super("permission_denied", message);
  }
}

export class NotFound extends UserError {
  constructor(message: string, example?: string) {
    super("not_found", message, { example });
  }
}
