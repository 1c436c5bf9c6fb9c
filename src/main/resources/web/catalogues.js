// What the page knows about fields and their values, all read from the public API once per sign-in:
// GET /v2/fields (so fields added on the server appear here), users, queues and the fixed catalogues.
import { apiJson } from './api.js';

let fields = null;
const valueLists = new Map();

/** Field descriptors of GET /v2/fields: {id, name, schema: {type, items?}}. */
export async function loadFields() {
  fields ??= apiJson('/v2/fields').catch(error => {
    fields = null;
    throw error;
  });
  return fields;
}

export function forgetCatalogues() {
  fields = null;
  valueLists.clear();
}

/** The field named by id or display name (case-insensitive, as the query language matches them). */
export async function findField(name) {
  const wanted = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return (await loadFields()).find(field => field.id.toLowerCase() === wanted || field.name.toLowerCase() === wanted) ?? null;
}

// schema type (or item type of an array) -> where its values come from and how a query writes one
const SOURCES = {
  user: { path: '/v2/users?perPage=1000', value: user => `${user.login}@`, label: user => `${user.display} (${user.login}@)` },
  queue: { path: '/v2/queues?perPage=1000', value: queue => queue.key, label: queue => `${queue.key} ${queue.name ?? ''}` },
  status: catalogue('/v2/statuses'),
  priority: catalogue('/v2/priorities'),
  issuetype: catalogue('/v2/issuetypes'),
  resolution: catalogue('/v2/resolutions'),
};

function catalogue(path) {
  return { path, value: entry => entry.key, label: entry => `${entry.name} (${entry.key})` };
}

const FUNCTIONS = {
  user: ['me()', 'empty()', 'notEmpty()'],
  date: ['today()', 'empty()', 'notEmpty()'],
  datetime: ['today()', 'now()', 'empty()', 'notEmpty()'],
};

/** Suggestions {value, label} for values of a field: its catalogue entries, then functions it takes. */
export async function valueSuggestions(field) {
  const type = field.schema?.type === 'array' ? field.schema.items : field.schema?.type;
  const functions = (FUNCTIONS[type] ?? ['empty()', 'notEmpty()']).map(name => ({ value: name, label: name }));
  const source = SOURCES[type];
  if (!source) {
    return functions;
  }
  if (!valueLists.has(type)) {
    valueLists.set(type, apiJson(source.path).then(entries =>
      entries.map(entry => ({ value: source.value(entry), label: source.label(entry) }))));
  }
  try {
    return [...await valueLists.get(type), ...functions];
  } catch {
    valueLists.delete(type);   // try again next time; completion is a convenience, not worth an error
    return functions;
  }
}
