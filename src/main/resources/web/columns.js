// Which fields the results table shows: the defaults of the issue, or the reader's choice from
// GET /v2/fields (remembered in localStorage: a display preference, not a secret).
import { loadFields } from './catalogues.js';

export const DEFAULT_COLUMNS = ['key', 'summary', 'status', 'priority', 'assignee', 'updatedAt'];
const STORAGE_KEY = 'tracksearch.columns';

export function chosenColumnIds() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY));
    return Array.isArray(stored) && stored.length > 0 ? stored : DEFAULT_COLUMNS;
  } catch {
    return DEFAULT_COLUMNS;
  }
}

/** The chosen columns as {id, name}; a field the server no longer has keeps its id as name. */
export async function chosenColumns() {
  const fields = await loadFields();
  return chosenColumnIds().map(id => ({ id, name: fields.find(field => field.id === id)?.name ?? id }));
}

/** Fills the chooser with one checkbox per field; onChange runs after the choice changed. */
export async function renderColumnChooser(container, onChange) {
  const fields = await loadFields();
  const chosen = new Set(chosenColumnIds());
  container.querySelectorAll('label').forEach(label => label.remove());
  for (const field of fields) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = field.id;
    box.checked = chosen.has(field.id);
    box.addEventListener('change', () => {
      // keep the order of /v2/fields for new columns, the existing order for the rest
      const current = chosenColumnIds().filter(id => id !== field.id);
      const next = box.checked ? [...current, field.id] : current;
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next.length > 0 ? next : DEFAULT_COLUMNS));
      onChange();
    });
    label.append(box, ` ${field.name}`);
    container.append(label);
  }
}
