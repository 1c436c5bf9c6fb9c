// One scroll over a search result (POST /v2/issues/_search?scrollType=sorted, then X-Scroll-Id and
// X-Scroll-Token from each page), released with _clear when it is no longer wanted. The server keeps
// a snapshot per scroll, so the page never leaves one behind on purpose.
import { apiFetch, apiHeaders } from './api.js';
import { currentSession } from './session.js';

const SEARCH = '/v2/issues/_search';
const CLEAR = '/v2/system/search/scroll/_clear';
// A reader may pause between pages; the longest TTL the API allows (spec 5.1), released early by _clear.
const TTL_MILLIS = 600000;

export class IssueScroll {
  /** body: the _search body ({query} or {filter, order}); perScroll: issues per page (at most 1000). */
  constructor(body, perScroll) {
    this.body = body;
    this.perScroll = perScroll;
    this.total = null;
    this.scrollId = null;
    this.scrollToken = null;
    this.finished = false;
    this.released = false;
    // the scroll belongs to whoever opened it: its pages and its release use that session, even
    // after a sign-out has forgotten it
    this.session = currentSession();
  }

  /** The next page of issues; [] once finished. Sets total from X-Total-Count. */
  async next() {
    if (this.finished) {
      return [];
    }
    const query = this.scrollId === null
      ? `scrollType=sorted&perScroll=${this.perScroll}&scrollTTLMillis=${TTL_MILLIS}`
      : `scrollId=${encodeURIComponent(this.scrollId)}&scrollToken=${encodeURIComponent(this.scrollToken)}&scrollTTLMillis=${TTL_MILLIS}`;
    const response = await apiFetch(`${SEARCH}?${query}`, { method: 'POST', body: this.body, session: this.session });
    this.total = Number(response.headers.get('X-Total-Count'));
    this.scrollId = response.headers.get('X-Scroll-Id');
    this.scrollToken = response.headers.get('X-Scroll-Token');
    // the last page carries no scroll id: the server has released the snapshot itself
    this.finished = this.scrollId === null;
    if (this.released) {
      this.release();   // released while this page was on its way: free the snapshot it opened
    }
    return response.json();
  }

  /**
   * Frees the server's snapshot unless the scroll already ended. keepalive lets the request outlive a
   * closing page; navigator.sendBeacon would too, but it cannot send the Authorization header.
   */
  release() {
    this.released = true;
    if (this.finished || this.scrollId === null) {
      return;   // nothing open, or the first page is on its way and next() releases it on arrival
    }
    this.finished = true;
    fetch(CLEAR, {
      method: 'POST',
      headers: apiHeaders(this.session),
      body: JSON.stringify({ [this.scrollId]: this.scrollToken }),
      keepalive: true,
      credentials: 'omit',
    }).catch(() => {
      // the snapshot expires by itself after its TTL
    });
  }
}
