// Wires the page together. The page URL's fragment is the one source of what is shown:
// #q=<query> or #filter=<json>&order=<±field>, plus &issue=<key>. Every action writes the fragment
// and hashchange applies it, so searches and open issues can be bookmarked, shared and gone back to.
import { apiJson, whenSignedOut } from './api.js';
import { currentSession, saveSession, forgetSession } from './session.js';
import { language, setLanguage, t, translatePage } from './i18n.js';
import { findField, forgetCatalogues } from './catalogues.js';
import { chosenColumns, renderColumnChooser } from './columns.js';
import { QueryBox } from './query-box.js';
import { Completion } from './completion.js';
import { FilterChips } from './filter-chips.js';
import { ResultsTable } from './results-table.js';
import { IssuePanel } from './issue-panel.js';
import { splitSort, withSort } from './query-text.js';
import { fetchAllIssues, toNdjson, toCsv, download } from './export.js';

const $ = id => document.getElementById(id);

/** What the fragment asks for: {q} or {filter, order}, and issue. */
function readLocation() {
  const params = new URLSearchParams(location.hash.slice(1));
  let filter = null;
  try {
    filter = params.has('filter') ? JSON.parse(params.get('filter')) : null;
  } catch {
    filter = {};   // a mangled link: show everything rather than nothing
  }
  return { q: params.get('q'), filter, order: params.get('order'), issue: params.get('issue') };
}

function fragment(state) {
  const params = new URLSearchParams();
  if (state.filter) {
    params.set('filter', JSON.stringify(state.filter));
    if (state.order) {
      params.set('order', state.order);
    }
  } else {
    params.set('q', state.q ?? '');
  }
  if (state.issue) {
    params.set('issue', state.issue);
  }
  return '#' + params.toString();
}

/** Goes to a state; an unchanged fragment searches again (the reader pressed Search on purpose). */
function navigate(state) {
  const target = fragment(state);
  if (location.hash === target) {
    shownSearch = null;
    applyLocation();
  } else {
    location.hash = target;
  }
}

function issueLink(key, text) {
  const link = document.createElement('a');
  link.href = fragment({ ...readLocation(), issue: key });
  link.textContent = text;
  link.className = 'issue-link';
  return link;
}

const queryBox = new QueryBox($('query'), $('query-mirror'), $('query-error'));
const completion = new Completion($('query'), $('completions'));
const chips = new FilterChips($('filter-form'), filter => navigate({ filter, order: readLocation().order }));
const table = new ResultsTable({
  table: $('results'), countLine: $('count'), moreLine: $('more'), errorLine: $('search-error'), onSort: sortBy, issueLink,
});
const panel = new IssuePanel($('issue-panel'), issueLink, () => {
  navigate({ ...readLocation(), issue: null });
});

let shownSearch = null;   // the search the table shows, so that opening an issue does not search again

async function applyLocation() {
  if (!currentSession()) {
    return;
  }
  const state = readLocation();
  const searchKey = JSON.stringify([state.q, state.filter, state.order]);
  if (searchKey !== shownSearch) {
    shownSearch = searchKey;
    await search(state);
  }
  if (state.issue) {
    panel.show(state.issue);
  } else {
    panel.hide();
  }
}

async function search(state) {
  const filterMode = state.filter !== null;
  const body = searchBody(state);
  table.reset(body);
  showMode(filterMode ? 'filter' : 'query');
  let sort = null;
  if (filterMode) {
    chips.filter = state.filter;
    sort = state.order ? { field: state.order.replace(/^[+-]/, ''), direction: state.order.startsWith('-') ? 'desc' : 'asc' } : null;
  } else {
    const text = state.q ?? '';
    if (queryBox.text !== text) {
      queryBox.text = text;
    }
    sort = await sortShown(text);
  }
  try {
    await table.show(body, await chosenColumns(), sort);
  } catch (error) {
    $('search-error').textContent = error.message;
  }
}

/** The query's first "Sort By" field as a field id (the query may name it by display name). */
async function sortShown(text) {
  const first = splitSort(text).sort[0];
  if (!first) {
    return null;
  }
  const field = await findField(first.field).catch(() => null);
  return { field: field?.id ?? first.field, direction: first.direction };
}

/** A header click: sort by that field ascending, or flip the direction if it already sorts by it. */
async function sortBy(fieldId) {
  const state = readLocation();
  if (state.filter !== null) {
    const order = state.order === `+${fieldId}` ? `-${fieldId}` : `+${fieldId}`;
    navigate({ filter: state.filter, order, issue: state.issue });
    return;
  }
  const current = await sortShown(state.q ?? '');
  const direction = current && current.field === fieldId && current.direction === 'asc' ? 'desc' : 'asc';
  navigate({ q: withSort(state.q ?? '', fieldId, direction), issue: state.issue });
}

/** The _search body of a state; no conditions at all is a body without a mode: every issue. */
function searchBody(state) {
  if (state.filter !== null) {
    const order = state.order ? { order: [state.order] } : {};
    return Object.keys(state.filter).length === 0 ? order : { filter: state.filter, ...order };
  }
  return (state.q ?? '').trim() === '' ? {} : { query: state.q };
}

function showMode(mode) {
  document.querySelector(`input[name="mode"][value="${mode}"]`).checked = true;
  $('query-form').hidden = mode !== 'query';
  $('filter-form').hidden = mode !== 'filter';
}

function showSignIn(message) {
  table.release();
  panel.hide();
  $('search').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  $('token').value = '';
  $('token').focus();
}

/** Checks the session with GET /v2/myself, then shows the search; a refusal shows the API's message. */
async function enter() {
  let me;
  try {
    me = await apiJson('/v2/myself');
  } catch (error) {
    forgetSession();
    showSignIn(error.message);
    return;
  }
  $('sign-in').hidden = true;
  $('search').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = t('signedInAs', me.display ?? me.login);
  shownSearch = null;
  await Promise.all([chips.fillFields().catch(() => {}), applyLocation()]);
}

async function exportAs(format) {
  const status = $('export-status');
  try {
    const issues = await fetchAllIssues(searchBody(readLocation()), (done, total) => {
      status.textContent = t('exporting', done, total);
    });
    if (format === 'ndjson') {
      download(toNdjson(issues), 'issues.ndjson', 'application/x-ndjson');
    } else {
      // a byte order mark, so that spreadsheet programs read Cyrillic text as UTF-8
      download('\uFEFF' + toCsv(issues, await chosenColumns()), 'issues.csv', 'text/csv;charset=utf-8');
    }
    status.textContent = t('exported', issues.length);
  } catch (error) {
    status.textContent = error.message;
  }
}

whenSignedOut(error => {
  forgetSession();
  forgetCatalogues();
  showSignIn(error.message);
});

$('sign-in').addEventListener('submit', event => {
  event.preventDefault();
  saveSession($('token').value.trim(), $('organization').value.trim());
  enter();
});
$('sign-out').addEventListener('click', () => {
  forgetSession();
  forgetCatalogues();
  showSignIn('');
});
$('language').addEventListener('click', () => {
  setLanguage(language() === 'en' ? 'ru' : 'en');
  shownSearch = null;   // texts in the table (count, dates) follow the language
  applyLocation();
});
$('query-form').addEventListener('submit', async event => {
  event.preventDefault();
  completion.close();
  if (await queryBox.validate()) {
    navigate({ q: queryBox.text.trim() });
  }
});
$('query').addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();   // a query is one line: Enter searches
    $('query-form').requestSubmit();
  }
});
for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.addEventListener('change', () => navigate(radio.value === 'filter' ? { filter: chips.filter } : { q: queryBox.text }));
}
$('columns-button').addEventListener('click', async () => {
  const chooser = $('columns-chooser');
  chooser.hidden = !chooser.hidden;
  $('columns-button').setAttribute('aria-expanded', String(!chooser.hidden));
  if (!chooser.hidden) {
    await renderColumnChooser(chooser, () => {
      shownSearch = null;
      applyLocation();
    });
  }
});
$('export-ndjson').addEventListener('click', () => exportAs('ndjson'));
$('export-csv').addEventListener('click', () => exportAs('csv'));
document.addEventListener('keydown', event => {
  // "/" jumps to the query box, as on many search pages, unless the reader is typing somewhere
  if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName)) {
    event.preventDefault();
    $('query').focus();
  }
});
window.addEventListener('hashchange', applyLocation);
// a closing page releases its scroll (issue-scroll.js sends _clear with keepalive)
window.addEventListener('pagehide', () => table.release());

translatePage();
if (currentSession()) {
  enter();
} else {
  showSignIn('');
}
