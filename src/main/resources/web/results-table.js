// The results table: one scroll per search (issue-scroll.js), the next page fetched when the end of
// the table comes near the viewport, every page appended, the old scroll released when a new search
// starts. Header buttons report sort requests; the caller rewrites the query and searches again.
import { IssueScroll } from './issue-scroll.js';
import { language, t } from './i18n.js';
import { valueNode } from './values.js';

const PER_SCROLL = 200;
const PRELOAD_PIXELS = 600;   // fetch before the reader hits the end, so scrolling does not stall

export class ResultsTable {
  /** onSort(fieldId) when a header is activated; issueLink(key, text) builds a link that opens an issue. */
  constructor({ table, countLine, moreLine, errorLine, onSort, issueLink }) {
    this.table = table;
    this.head = table.tHead;
    this.body = table.tBodies[0];
    this.countLine = countLine;
    this.moreLine = moreLine;
    this.errorLine = errorLine;
    this.onSort = onSort;
    this.issueLink = issueLink;
    this.scroll = null;
    this.loading = false;
    // Scroll events, not an IntersectionObserver: an observer reports only changes, so a page that
    // arrives while the reader is already back at the end (End key, fast fling) would never load the next.
    const loadIfNearEnd = () => this.continueIfVisible();
    window.addEventListener('scroll', loadIfNearEnd, { passive: true });
    window.addEventListener('resize', loadIfNearEnd);
  }

  /**
   * Empties the table for a new search of body at once, before show() gets its columns, so that no row
   * or count of the previous search stays visible or arrives late. data-body names the search shown.
   */
  reset(body) {
    this.release();
    this.scroll = null;
    this.body.replaceChildren();
    this.table.dataset.body = JSON.stringify(body);
    this.countLine.textContent = '';
    delete this.countLine.dataset.total;
    this.errorLine.textContent = '';
  }

  /** Shows the result of body (after reset(body)); sort = {field, direction} marked in the header, or null. */
  async show(body, columns, sort) {
    this.reset(body);
    this.columns = columns;
    this.renderHead(sort);
    this.scroll = new IssueScroll(body, PER_SCROLL);
    this.loading = false;
    await this.loadMore();
  }

  /** Releases the server's snapshot of the current result, if any is still open. */
  release() {
    this.scroll?.release();
  }

  async loadMore() {
    const scroll = this.scroll;
    if (!scroll || scroll.finished || this.loading) {
      return;
    }
    this.loading = true;
    this.moreLine.textContent = t('loading');
    try {
      const issues = await scroll.next();
      if (scroll !== this.scroll) {
        return;   // a newer search replaced this one while the page was on its way
      }
      this.appendRows(issues);
      this.countLine.textContent = t('found', scroll.total.toLocaleString(language()));
      this.countLine.dataset.total = String(scroll.total);
      this.moreLine.textContent = scroll.finished ? (scroll.total === 0 ? t('noIssues') : t('allShown', scroll.total)) : '';
    } catch (error) {
      if (scroll === this.scroll) {
        this.errorLine.textContent = error.message;
        this.moreLine.textContent = '';
        scroll.finished = true;
      }
    } finally {
      if (scroll === this.scroll) {
        this.loading = false;
        this.continueIfVisible();
      }
    }
  }

  /** Loads the next page when the end of the table is within PRELOAD_PIXELS of the viewport. */
  continueIfVisible() {
    if (this.scroll && !this.scroll.finished && !this.loading
        && this.moreLine.getBoundingClientRect().top < window.innerHeight + PRELOAD_PIXELS) {
      this.loadMore();
    }
  }

  renderHead(sort) {
    const row = document.createElement('tr');
    for (const column of this.columns) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.dataset.field = column.id;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = column.name;
      button.title = t('sortBy', column.name);
      if (sort && sort.field === column.id) {
        cell.setAttribute('aria-sort', sort.direction === 'desc' ? 'descending' : 'ascending');
        button.append(sort.direction === 'desc' ? ' ▼' : ' ▲');
      }
      button.addEventListener('click', () => this.onSort(column.id));
      cell.append(button);
      row.append(cell);
    }
    this.head.replaceChildren(row);
  }

  appendRows(issues) {
    const rows = document.createDocumentFragment();
    const locale = language();
    for (const issue of issues) {
      const row = document.createElement('tr');
      row.dataset.key = issue.key;
      for (const column of this.columns) {
        const cell = document.createElement('td');
        cell.dataset.field = column.id;
        const value = issue[column.id];
        cell.append(column.id === 'key' ? this.issueLink(issue.key, issue.key) : valueNode(value, this.issueLink, locale));
        row.append(cell);
      }
      rows.append(row);
    }
    this.body.append(rows);
  }
}
