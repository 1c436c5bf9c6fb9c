// Export of the current result as NDJSON (issues exactly as the API returns them) or CSV (the shown
// columns as text). All fetching is in fetchAllIssues: one POST /v2/issues/_export, which streams the
// whole result from one snapshot as NDJSON (each line what GET returns), read as it arrives.
import { apiFetch } from './api.js';
import { valueText } from './values.js';

/** Every issue the search body matches, in its order; onProgress(done, total) as lines arrive. */
export async function fetchAllIssues(body, onProgress) {
  const response = await apiFetch('/v2/issues/_export', { method: 'POST', body });
  const total = Number(response.headers.get('X-Total-Count') ?? 0);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const issues = [];
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      if (line.trim() !== '') {
        issues.push(JSON.parse(line));
      }
    }
    onProgress(issues.length, total);
  }
  if (pending.trim() !== '') {
    issues.push(JSON.parse(pending));
  }
  onProgress(issues.length, total);
  return issues;
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
