// The query box: live validation through POST /v2/issues/_validateQuery, the error shown with the
// API's message and underlined at its position in a mirror layer behind the (transparent) textarea.
import { apiFetch, ApiError } from './api.js';
import { errorPosition } from './query-text.js';

const VALIDATE_DELAY_MILLIS = 250;   // after typing pauses, not per keystroke

export class QueryBox {
  constructor(textarea, mirror, errorLine) {
    this.textarea = textarea;
    this.mirror = mirror;
    this.errorLine = errorLine;
    this.timer = null;
    this.generation = 0;
    textarea.addEventListener('input', () => {
      this.showError(null, null);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.validate(), VALIDATE_DELAY_MILLIS);
    });
    // the mirror must scroll with the text for the underline to stay under its character
    textarea.addEventListener('scroll', () => {
      mirror.scrollTop = textarea.scrollTop;
    });
  }

  get text() {
    return this.textarea.value;
  }

  set text(value) {
    this.textarea.value = value;
    this.showError(null, null);
  }

  /** Asks the API whether the query is valid; shows its error. Answers true when valid. */
  async validate() {
    const generation = ++this.generation;
    const text = this.text;
    if (text.trim() === '') {
      return true;
    }
    try {
      await apiFetch('/v2/issues/_validateQuery', { method: 'POST', body: { query: text } });
      return true;
    } catch (error) {
      if (generation === this.generation && error instanceof ApiError && error.status === 400) {
        this.showError(error.message, errorPosition(error.message));
      }
      return false;
    }
  }

  /** Shows message (or clears it with null) and underlines the character at the 1-based position. */
  showError(message, position) {
    this.errorLine.textContent = message ?? '';
    this.textarea.setAttribute('aria-invalid', message ? 'true' : 'false');
    this.mirror.replaceChildren();
    if (!message || position === null) {
      return;
    }
    const text = this.text;
    const index = Math.min(Math.max(position - 1, 0), text.length);
    const mark = document.createElement('mark');
    mark.className = 'query-error-mark';
    mark.dataset.position = String(position);
    // past the end (a missing value) there is no character: underline a space after the text
    mark.textContent = index < text.length ? text[index] : ' ';
    this.mirror.append(text.slice(0, index), mark, text.slice(index + 1));
  }
}
