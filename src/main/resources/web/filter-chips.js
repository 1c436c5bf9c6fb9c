// Filter mode: conditions picked as (field, value) chips and sent as the API's `filter` object
// (values of one field are OR-ed, fields AND-ed, spec 4.5). Each chip has a remove button.
import { loadFields, valueSuggestions } from './catalogues.js';
import { t } from './i18n.js';

export class FilterChips {
  /** onChange(filter) runs whenever a chip is added or removed. */
  constructor(form, onChange) {
    this.form = form;
    this.fieldSelect = form.querySelector('#filter-field');
    this.valueInput = form.querySelector('#filter-value');
    this.valueList = form.querySelector('#filter-values');
    this.chipList = form.querySelector('#chips');
    this.onChange = onChange;
    this.chips = [];
    this.fieldSelect.addEventListener('change', () => this.suggestValues());
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.add(this.fieldSelect.value, this.valueInput.value.trim());
    });
  }

  async fillFields() {
    const fields = await loadFields();
    this.fieldSelect.replaceChildren(...fields.map(field => new Option(field.name, field.id)));
    this.fieldSelect.value = 'queue';
    await this.suggestValues();
  }

  async suggestValues() {
    const fields = await loadFields();
    const field = fields.find(candidate => candidate.id === this.fieldSelect.value);
    const suggestions = field ? await valueSuggestions(field) : [];
    this.valueList.replaceChildren(...suggestions.map(item => new Option(item.label, item.value)));
  }

  /** The API's filter object: {field: value} or {field: [values]} when a field has several. */
  get filter() {
    const filter = {};
    for (const { field, value } of this.chips) {
      filter[field] = field in filter ? [filter[field]].flat().concat(value) : value;
    }
    return filter;
  }

  /** Shows the chips of a filter object (from the page URL). */
  set filter(filter) {
    this.chips = Object.entries(filter ?? {}).flatMap(([field, value]) => [value].flat().map(item => ({ field, value: String(item) })));
    this.render();
  }

  add(field, value) {
    if (!field || !value || this.chips.some(chip => chip.field === field && chip.value === value)) {
      return;
    }
    this.chips.push({ field, value });
    this.valueInput.value = '';
    this.render();
    this.onChange(this.filter);
  }

  remove(index) {
    this.chips.splice(index, 1);
    this.render();
    this.onChange(this.filter);
    (this.chipList.querySelector('button') ?? this.valueInput).focus();   // keep keyboard focus nearby
  }

  render() {
    this.chipList.replaceChildren(...this.chips.map((chip, index) => {
      const item = document.createElement('li');
      item.className = 'chip';
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.setAttribute('aria-label', t('removeChip', `${chip.field}: ${chip.value}`));
      remove.addEventListener('click', () => this.remove(index));
      item.append(`${chip.field}: ${chip.value} `, remove);
      return item;
    }));
  }
}
