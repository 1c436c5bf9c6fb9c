// Completion in the query box: field names from GET /v2/fields where a field name goes, values of
// that field (users, queues, statuses, ...) after "Field:". Arrow keys move, Enter or Tab takes,
// Escape closes; the list is an ARIA listbox tied to the textarea.
import { loadFields, findField, valueSuggestions } from './catalogues.js';
import { wordAtCaret } from './query-text.js';

const MAX_SHOWN = 12;

export class Completion {
  constructor(textarea, list) {
    this.textarea = textarea;
    this.list = list;
    this.items = [];
    this.active = -1;
    this.context = null;
    this.justAcceptedValue = false;
    textarea.addEventListener('input', () => this.update());
    textarea.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    textarea.addEventListener('keydown', event => this.onKey(event));
  }

  get open() {
    return !this.list.hidden;
  }

  async update() {
    if (this.justAcceptedValue) {
      this.justAcceptedValue = false;   // a value was just taken: do not offer it again
      return;
    }
    const text = this.textarea.value;
    const context = wordAtCaret(text, this.textarea.selectionStart);
    const suggestions = await this.suggestionsFor(context);
    if (text !== this.textarea.value) {
      return;   // the reader typed on while suggestions loaded
    }
    const prefix = context.prefix.toLowerCase();
    this.items = suggestions
      .filter(item => prefix === '' ? context.field !== null : item.label.toLowerCase().includes(prefix) || item.value.toLowerCase().startsWith(prefix))
      .slice(0, MAX_SHOWN);
    this.context = context;
    this.render();
  }

  async suggestionsFor(context) {
    try {
      if (context.field === null) {
        const fields = await loadFields();
        return [...fields.map(field => ({ value: quoteName(field.name), label: field.name, isField: true })),
          { value: '"Sort By"', label: 'Sort By', isField: true }];
      }
      if (/^sort\s+by$/i.test(context.field)) {
        return (await loadFields()).map(field => ({ value: field.id, label: `${field.name} (${field.id})` }));
      }
      const field = await findField(context.field);
      return field ? valueSuggestions(field) : [];
    } catch {
      return [];
    }
  }

  render() {
    this.list.replaceChildren();
    this.active = -1;
    this.items.forEach((item, index) => {
      const option = document.createElement('li');
      option.id = `completion-${index}`;
      option.role = 'option';
      option.textContent = item.label;
      // mousedown, not click: it comes before the textarea's blur closes the list
      option.addEventListener('mousedown', event => {
        event.preventDefault();
        this.accept(index);
      });
      this.list.append(option);
    });
    this.list.hidden = this.items.length === 0;
    this.textarea.setAttribute('aria-expanded', String(!this.list.hidden));
    this.textarea.removeAttribute('aria-activedescendant');
  }

  close() {
    this.items = [];
    this.render();
  }

  onKey(event) {
    if (!this.open) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.highlight((this.active + step + this.items.length) % this.items.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && this.active >= 0) {
      event.preventDefault();
      event.stopImmediatePropagation();   // Enter takes the suggestion instead of running the search
      this.accept(this.active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  }

  highlight(index) {
    this.active = index;
    [...this.list.children].forEach((option, position) => option.setAttribute('aria-selected', String(position === index)));
    this.textarea.setAttribute('aria-activedescendant', `completion-${index}`);
  }

  /** Replaces the word under the caret by the suggestion; a field name gets its ": ". */
  accept(index) {
    const item = this.items[index];
    const text = this.textarea.value;
    const caret = this.textarea.selectionStart;
    const inserted = item.isField ? `${item.value}: ` : item.value;
    this.textarea.value = text.slice(0, this.context.start) + inserted + text.slice(caret);
    const position = this.context.start + inserted.length;
    this.textarea.setSelectionRange(position, position);
    this.close();
    this.justAcceptedValue = !item.isField;
    this.textarea.focus();
    this.textarea.dispatchEvent(new Event('input'));
  }
}

function quoteName(name) {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `"${name}"`;
}
