// Every request of the page goes through here: the public Tracker API with the signed-in token and
// organization, in the page's language, errors turned into the message the API gave.
import { currentSession } from './session.js';
import { language } from './i18n.js';

/** An API answer other than 2xx; message is the API's own errorMessages text. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let onSignedOut = () => {};

/** Called when the API says the token or organization is not (or no longer) accepted. */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

export function apiHeaders(session = currentSession()) {
  return {
    'Authorization': `OAuth ${session?.token ?? ''}`,
    'X-Org-ID': session?.organization ?? '',
    'Accept-Language': language(),
    'Content-Type': 'application/json',
  };
}

/** Sends a request and returns the Response; throws ApiError for a non-2xx answer. */
export async function apiFetch(path, { method = 'GET', body, session, keepalive = false } = {}) {
  const response = await fetch(path, {
    method,
    headers: apiHeaders(session),
    body: body === undefined ? undefined : JSON.stringify(body),
    keepalive,
    credentials: 'omit',
  });
  if (response.ok) {
    return response;
  }
  const error = new ApiError(response.status, await errorMessage(response));
  if (response.status === 401 || response.status === 403 && /organi[sz]ation|организац/i.test(error.message)) {
    onSignedOut(error);
  }
  throw error;
}

export async function apiJson(path, options) {
  const response = await apiFetch(path, options);
  return response.json();
}

/** The Tracker error body's errorMessages (and field errors), else the HTTP status line. */
async function errorMessage(response) {
  try {
    const body = await response.json();
    const messages = [...(body.errorMessages ?? []), ...Object.values(body.errors ?? {})];
    if (messages.length > 0) {
      return messages.join(' ');
    }
  } catch {
    // not the Tracker error format (a proxy in between); fall through to the status
  }
  return `HTTP ${response.status} ${response.statusText}`;
}
