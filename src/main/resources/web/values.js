// Generic rendering of issue field values, so that fields the server adds later show up without
// changes here: references are objects with `display` (or key/name), lists are arrays, the rest is text.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{4}$/;

/** Plain text of a value, as CSV cells carry it: references by display name, lists comma-separated. */
export function valueText(value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map(valueText).join(', ');
  }
  if (typeof value === 'object') {
    return String(value.display ?? value.key ?? value.name ?? value.id ?? JSON.stringify(value));
  }
  return String(value);
}

/** The key of an issue a value refers to ({"self": ".../issues/KEY", "key": "KEY"}), else null. */
export function issueKeyOf(value) {
  if (value && typeof value === 'object' && typeof value.key === 'string' && /\/issues\/[^/]+$/.test(value.self ?? '')) {
    return value.key;
  }
  return null;
}

/** A DOM node showing the value: issue references become links that open that issue, timestamps local time. */
export function valueNode(value, linkToIssue, locale) {
  if (Array.isArray(value)) {
    const span = document.createElement('span');
    value.forEach((item, index) => {
      if (index > 0) {
        span.append(', ');
      }
      span.append(valueNode(item, linkToIssue, locale));
    });
    return span;
  }
  const key = issueKeyOf(value);
  if (key) {
    return linkToIssue(key, value.display ? `${key} ${value.display}` : key);
  }
  if (typeof value === 'string' && TIMESTAMP.test(value)) {
    const time = document.createElement('time');
    time.dateTime = value;
    time.textContent = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toLocaleString(locale);
    return time;
  }
  return document.createTextNode(valueText(value));
}
