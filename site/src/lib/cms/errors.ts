/** What can go wrong talking to the CMS (see http.ts for the refusals a page explains). */
export class CmsError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CmsError';
  }
}

/** The CMS could not be reached or answered with a server error: the service is down, not the page. */
export class CmsUnavailableError extends CmsError {
  constructor(message: string, path: string, status?: number, options?: ErrorOptions) {
    super(message, path, status, options);
    this.name = 'CmsUnavailableError';
  }
}

export function isCmsError(error: unknown): error is CmsError {
  return error instanceof CmsError || (error instanceof Error && ['CmsError', 'CmsUnavailableError', 'CmsRequestError'].includes(error.name));
}
