// Pure functions over query-language text (no DOM): the "Sort By" clause, the error position and the
// word under the caret for completion. Quoted strings are skipped so that "Sort By" inside a value
// or a colon inside a phrase does not confuse them.

/** Positions of characters outside double-quoted strings (a backslash escapes inside quotes). */
function unquotedPositions(text, until = text.length) {
  const positions = [];
  let quoted = false;
  for (let i = 0; i < until; i++) {
    const char = text[i];
    if (quoted && char === '\\') {
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted) {
      positions.push(i);
    }
  }
  return { positions, quoted };
}

const SORT_KEYWORD = /"sort\s+by"\s*:/gi;

/** Splits off the trailing sort clause: {condition, sort: [{field, direction}]}. */
export function splitSort(text) {
  let start = -1;
  for (const match of text.matchAll(SORT_KEYWORD)) {
    // the keyword itself is quoted, so it starts where a quoted string opens
    if (!unquotedPositions(text, match.index).quoted) {
      start = match.index;
    }
  }
  if (start < 0) {
    return { condition: text.trim(), sort: [] };
  }
  const clause = text.slice(start).replace(SORT_KEYWORD, '');
  const sort = clause.split(',').map(part => part.trim()).filter(Boolean).map(part => {
    const direction = /\s(desc|asc)$/i.exec(part);
    const field = (direction ? part.slice(0, direction.index) : part).trim().replace(/^"|"$/g, '');
    return { field, direction: direction && direction[1].toLowerCase() === 'desc' ? 'desc' : 'asc' };
  });
  return { condition: text.slice(0, start).trim(), sort };
}

/** The query with its sort clause replaced by one field and direction. */
export function withSort(text, field, direction) {
  const { condition } = splitSort(text);
  const name = /^[\p{L}\p{N}_]+$/u.test(field) ? field : `"${field}"`;
  return `${condition}${condition ? ' ' : ''}"Sort By": ${name} ${direction.toUpperCase()}`;
}

/** The 1-based position in "Invalid query: ... at position n", or null. */
export function errorPosition(message) {
  const match = /at position (\d+)\s*$/.exec(message) ?? /позиции (\d+)\s*$/.exec(message);
  return match ? Number(match[1]) : null;
}

const WORD_BREAK = /[\s:,()!<>=]/;

/**
 * The word the caret is in and what it names: {start, prefix, field} where field is the condition's
 * field name when the caret is in a value position (after "Field:" or "v1,"), else null.
 */
export function wordAtCaret(text, caret) {
  const { positions, quoted } = unquotedPositions(text, caret);
  let start = caret;
  if (quoted) {
    start = text.lastIndexOf('"', caret - 1);
  } else {
    while (start > 0 && !WORD_BREAK.test(text[start - 1])) {
      start--;
    }
  }
  const prefix = text.slice(start, caret).replace(/^"/, '');
  let before = start - 1;
  while (before >= 0 && /[\s!<>=]/.test(text[before])) {
    before--;
  }
  if (before < 0 || (text[before] !== ':' && text[before] !== ',')) {
    return { start, prefix, field: null };
  }
  const colon = positions.filter(position => position < start && text[position] === ':').pop();
  return { start, prefix, field: colon === undefined ? null : fieldBefore(text, colon) };
}

/** The field name written just before the colon at index colon (quoted or a bare word). */
function fieldBefore(text, colon) {
  let end = colon;
  while (end > 0 && /\s/.test(text[end - 1])) {
    end--;
  }
  if (text[end - 1] === '"') {
    const open = text.lastIndexOf('"', end - 2);
    return text.slice(open + 1, end - 1);
  }
  let start = end;
  while (start > 0 && !WORD_BREAK.test(text[start - 1]) && text[start - 1] !== '"') {
    start--;
  }
  return text.slice(start, end);
}
