// Export of the current result as NDJSON (issues exactly as the API returns them) or CSV (the shown
// columns as text). All fetching is in fetchAllIssues, so it can move to an export endpoint later.
import { IssueScroll } from './issue-scroll.js';
import { valueText } from './values.js';

const PER_SCROLL = 1000;   // the API's maximum page size (spec 5.1): fewest round trips

/** Every issue the search body matches, in its order; onProgress(done, total) after each page. */
export async function fetchAllIssues(body, onProgress) {
  const scroll = new IssueScroll(body, PER_SCROLL);
  const issues = [];
  try {
    while (!scroll.finished) {
      issues.push(...await scroll.next());
      onProgress(issues.length, scroll.total);
    }
    return issues;
  } finally {
    scroll.release();
  }
}

export function toNdjson(issues) {
  return issues.map(issue => JSON.stringify(issue) + '\n').join('');
}

/** RFC 4180 CSV: a header row of column names, then one row per issue. */
export function toCsv(issues, columns) {
  const rows = [columns.map(column => column.name)];
  for (const issue of issues) {
    rows.push(columns.map(column => valueText(issue[column.id])));
  }
  return rows.map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Saves text as a file through a temporary object URL (nothing leaves the browser). */
export function download(text, fileName, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
