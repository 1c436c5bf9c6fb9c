// The issue panel: every field of GET /v2/issues/{key}, labelled with /v2/fields names when the
// server knows the field (else its id, so new fields still show), issue references as links; then the
// issue's links (GET .../links) and comments (GET .../comments, every page).
import { apiFetch, apiJson } from './api.js';
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
    this.linksSection = panel.querySelector('#issue-links-section');
    this.links = panel.querySelector('#issue-links');
    this.commentsSection = panel.querySelector('#issue-comments-section');
    this.comments = panel.querySelector('#issue-comments');
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
    this.links.replaceChildren();
    this.comments.replaceChildren();
    this.linksSection.hidden = true;
    this.commentsSection.hidden = true;
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
      const path = `/v2/issues/${encodeURIComponent(key)}`;
      const [links, comments] = await Promise.all([apiJson(`${path}/links`), allComments(`${path}/comments?perPage=100`)]);
      if (key !== this.key) {
        return;
      }
      this.showLinks(links);
      this.showComments(comments, locale);
    } catch (error) {
      this.errorLine.textContent = error.message;
    }
  }

  showLinks(links) {
    for (const link of links) {
      const item = document.createElement('li');
      const phrase = link.direction === 'outward' ? link.type?.outward : link.type?.inward;
      item.append(`${phrase ?? link.type?.id ?? ''} `, this.issueLink(link.object.key,
          link.object.display && link.object.display !== link.object.key ? `${link.object.key} ${link.object.display}` : link.object.key));
      if (link.status?.display) {
        item.append(` (${link.status.display})`);
      }
      this.links.append(item);
    }
    this.linksSection.hidden = links.length === 0;
  }

  showComments(comments, locale) {
    for (const comment of comments) {
      const item = document.createElement('li');
      item.dataset.comment = String(comment.id);
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.append(`${comment.createdBy?.display ?? ''}, `, valueNode(comment.createdAt, this.issueLink, locale));
      const text = document.createElement('div');
      text.className = 'text';
      text.textContent = comment.text ?? '';
      item.append(meta, text);
      this.comments.append(item);
    }
    this.commentsSection.hidden = comments.length === 0;
  }

  hide() {
    this.key = null;
    this.panel.hidden = true;
  }
}

/** Every comment of an issue: the first page, then the pages its Link rel="next" names. */
async function allComments(first) {
  const comments = [];
  let next = first;
  while (next) {
    const response = await apiFetch(next);
    comments.push(...await response.json());
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '')?.[1] ?? null;
    if (next) {
      next = new URL(next, location.href).pathname + new URL(next, location.href).search;
    }
  }
  return comments;
}
