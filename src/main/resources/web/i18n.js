// English and Russian texts of the page. Error texts are not here: they come from the API, which
// answers in the language of the Accept-Language header the page sends (see api.js).
const TEXTS = {
  en: {
    signInTitle: 'Sign in', token: 'OAuth token', organization: 'Organization', signIn: 'Sign in', signOut: 'Sign out',
    mode: 'Search mode', queryMode: 'Query', filterMode: 'Filter', queryLabel: 'Query', search: 'Search',
    field: 'Field', value: 'Value', addCondition: 'Add', removeChip: 'Remove {0}',
    columns: 'Columns', exportNdjson: 'Export NDJSON', exportCsv: 'Export CSV', close: 'Close',
    found: '{0} issues found', loading: 'Loading…', allShown: 'All {0} issues shown', exporting: 'Exporting: {0} of {1}',
    exported: 'Exported {0} issues', sortBy: 'Sort by {0}', otherLanguage: 'Русский', signedInAs: 'Signed in as {0}',
    placeholder: 'Queue: TREK Status: open "Sort By": Updated DESC', noIssues: 'No issues match.',
  },
  ru: {
    signInTitle: 'Вход', token: 'OAuth-токен', organization: 'Организация', signIn: 'Войти', signOut: 'Выйти',
    mode: 'Режим поиска', queryMode: 'Запрос', filterMode: 'Фильтр', queryLabel: 'Запрос', search: 'Найти',
    field: 'Поле', value: 'Значение', addCondition: 'Добавить', removeChip: 'Убрать {0}',
    columns: 'Столбцы', exportNdjson: 'Выгрузить NDJSON', exportCsv: 'Выгрузить CSV', close: 'Закрыть',
    found: 'Найдено задач: {0}', loading: 'Загрузка…', allShown: 'Показаны все задачи: {0}', exporting: 'Выгрузка: {0} из {1}',
    exported: 'Выгружено задач: {0}', sortBy: 'Сортировать по полю {0}', otherLanguage: 'English', signedInAs: 'Вы вошли как {0}',
    placeholder: 'Queue: TREK Status: open "Sort By": Updated DESC', noIssues: 'Ничего не найдено.',
  },
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
  const text = TEXTS[current][key] ?? TEXTS.en[key] ?? key;
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
