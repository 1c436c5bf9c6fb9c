// English and Russian texts of the page. Error texts are not here: they come from the API, which
// answers in the language of the Accept-Language header the page sends (see api.js).
// key: [English, Russian]; one line per text, so neither language can miss one.
const TEXTS = {
  signInTitle: ['Sign in', 'Вход'],
  token: ['OAuth token', 'OAuth-токен'],
  organization: ['Organization', 'Организация'],
  signIn: ['Sign in', 'Войти'],
  signOut: ['Sign out', 'Выйти'],
  mode: ['Search mode', 'Режим поиска'],
  queryMode: ['Query', 'Запрос'],
  filterMode: ['Filter', 'Фильтр'],
  queryLabel: ['Query', 'Запрос'],
  search: ['Search', 'Найти'],
  field: ['Field', 'Поле'],
  value: ['Value', 'Значение'],
  addCondition: ['Add', 'Добавить'],
  removeChip: ['Remove {0}', 'Убрать {0}'],
  columns: ['Columns', 'Столбцы'],
  exportNdjson: ['Export NDJSON', 'Выгрузить NDJSON'],
  exportCsv: ['Export CSV', 'Выгрузить CSV'],
  close: ['Close', 'Закрыть'],
  links: ['Links', 'Связи'],
  comments: ['Comments', 'Комментарии'],
  found: ['{0} issues found', 'Найдено задач: {0}'],
  loading: ['Loading…', 'Загрузка…'],
  allShown: ['All {0} issues shown', 'Показаны все задачи: {0}'],
  exporting: ['Exporting: {0} of {1}', 'Выгрузка: {0} из {1}'],
  exported: ['Exported {0} issues', 'Выгружено задач: {0}'],
  sortBy: ['Sort by {0}', 'Сортировать по полю {0}'],
  otherLanguage: ['Русский', 'English'],
  signedInAs: ['Signed in as {0}', 'Вы вошли как {0}'],
  placeholder: ['Queue: TREK Status: open "Sort By": Updated DESC', 'Queue: TREK Status: open "Sort By": Updated DESC'],
  noIssues: ['No issues match.', 'Ничего не найдено.'],
};
const STORAGE_KEY = 'tracksearch.language';

let current = initialLanguage();

// The browser builds Accept-Language from navigator.languages, so this follows the same preference;
// a choice made with the switch wins and is remembered (it is not a secret, so localStorage).
function initialLanguage() {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (chosen === 'en' || chosen === 'ru') {
    return chosen;
  }
  const preferred = (navigator.languages || [navigator.language]).find(tag => /^(en|ru)\b/i.test(tag)) || 'en';
  return preferred.slice(0, 2).toLowerCase();
}

export function language() {
  return current;
}

export function setLanguage(wanted) {
  current = wanted;
  localStorage.setItem(STORAGE_KEY, wanted);
  translatePage();
}

/** The text for key in the current language, with {0}, {1}... replaced by the arguments. */
export function t(key, ...args) {
  const text = TEXTS[key]?.[current === 'ru' ? 1 : 0] ?? key;
  return text.replace(/\{(\d)\}/g, (_, index) => String(args[Number(index)]));
}

/** Applies the current language to every element marked data-i18n (text) or data-i18n-label (aria-label). */
export function translatePage() {
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
  const switcher = document.getElementById('language');
  switcher.textContent = t('otherLanguage');
  switcher.lang = current === 'en' ? 'ru' : 'en';
  document.getElementById('query').placeholder = t('placeholder');
}
