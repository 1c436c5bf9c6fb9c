// The signed-in token and organization live in sessionStorage only: never in the URL (bookmarks,
// history, Referer) and never in a cookie (other sites could make the browser send it).
const KEY = 'tracksearch.session';

/** @returns {{token: string, organization: string} | null} */
export function currentSession() {
  const stored = sessionStorage.getItem(KEY);
  return stored ? JSON.parse(stored) : null;
}

export function saveSession(token, organization) {
  sessionStorage.setItem(KEY, JSON.stringify({ token, organization }));
}

export function forgetSession() {
  sessionStorage.removeItem(KEY);
}
