// The issue panel: every field of GET /v2/issues/{key}, labelled with /v2/fields names when the
// server knows the field (else its id, so new fields still show), issue references as links.
import { apiJson } from './api.js';
import { loadFields } from './catalogues.js';
import { language } from './i18n.js';
import { valueNode } from './values.js';

export class IssuePanel {
  /** issueLink(key, text) builds a link that opens that issue; onClose runs when the reader closes it. */
  constructor(panel, issueLink, onClose) {
    this.panel = panel;
    this.title = panel.querySelector('#issue-title');
    this.list = panel.querySelector('#issue-fields');
    this.errorLine = panel.querySelector('#issue-error');
    this.issueLink = issueLink;
    this.key = null;
    panel.querySelector('#issue-close').addEventListener('click', onClose);
    panel.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        onClose();
      }
    });
  }

  async show(key) {
    if (key === this.key && !this.panel.hidden) {
      return;
    }
    this.key = key;
    this.panel.hidden = false;
    this.title.textContent = key;
    this.list.replaceChildren();
    this.errorLine.textContent = '';
    this.panel.focus();
    try {
      const [issue, fields] = await Promise.all([apiJson(`/v2/issues/${encodeURIComponent(key)}`), loadFields()]);
      if (key !== this.key) {
        return;
      }
      this.title.textContent = `${issue.key}: ${issue.summary ?? ''}`;
      const names = new Map(fields.map(field => [field.id, field.name]));
      const locale = language();
      for (const [id, value] of Object.entries(issue)) {
        if (id === 'self' || value === null || (Array.isArray(value) && value.length === 0)) {
          continue;
        }
        const term = document.createElement('dt');
        term.textContent = names.get(id) ?? id;
        const definition = document.createElement('dd');
        definition.dataset.field = id;
        definition.append(valueNode(value, this.issueLink, locale));
        this.list.append(term, definition);
      }
    } catch (error) {
      this.errorLine.textContent = error.message;
    }
  }

  hide() {
    this.key = null;
    this.panel.hidden = true;
  }
}
