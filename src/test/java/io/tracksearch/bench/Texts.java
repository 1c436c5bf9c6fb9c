package io.tracksearch.bench;

import java.util.SplittableRandom;

/**
 * Summaries and descriptions in English and Russian, from word pools with inflected forms (so that
 * stemming matters: "crash", "crashes", "crashed"; "ошибка", "ошибки", "ошибку"). Every token is
 * purely Latin, purely Cyrillic or digits, never mixed.
 */
final class Texts {
    private static final String[] EN_PROBLEMS = {"Crash", "Crashes", "App crashed", "Timeout", "Slow response",
            "Wrong total", "Memory leak", "Broken layout", "Error", "Missing translation", "Duplicate notification",
            "Race condition", "Deadlock", "Incorrect date", "Blank screen", "Unexpected logout", "Data loss",
            "High CPU usage", "Stale cache", "Failed upload"};
    private static final String[] EN_TASKS = {"Add", "Refactor", "Update documentation for", "Migrate", "Improve",
            "Remove", "Redesign", "Write tests for", "Optimize", "Localize"};
    private static final String[] EN_OBJECTS = {"login page", "payment service", "search index", "user profile",
            "report export", "mobile app", "admin panel", "notification queue", "billing API", "settings page",
            "checkout flow", "dashboard", "sign up form", "audit log", "file storage", "email templates",
            "session handling", "rate limiter", "import job", "permissions model"};
    private static final String[] EN_CONTEXTS = {"on Android", "on iOS", "after deploy", "in Safari", "for new users",
            "under load", "since the last release", "when the cache is cold", "in dark mode", "for large accounts",
            "behind the proxy", "during nightly backup", "with slow network", "in Firefox", "after password reset"};
    private static final String[] EN_WORDS = ("the a user users request requests server client service database "
            + "query queries page pages button screen value values field fields error errors log logs time response "
            + "responses report reports customer customers order orders payment payments account accounts team build "
            + "release version feature features test tests config configuration setting settings cache index node "
            + "cluster network connection connections token session sessions message messages queue job jobs file "
            + "files upload download export import data record records list table row rows column columns filter "
            + "sort search result results limit retry retries timeout timeouts crash crashes failure failures issue "
            + "issues problem problems step steps browser device devices window dialog menu link links image images "
            + "is was are were be been has have had does did should would could will can may might must not never "
            + "always sometimes often rarely again still already only also even just very quite too much many more "
            + "less after before when while during since until because although if then so but and or of in on at "
            + "to for with without from into over under between through about against among around behind beyond "
            + "opens opened opening closes closed closing loads loaded loading saves saved saving fails failed "
            + "failing returns returned returning shows showed showing breaks broke broken freezes froze frozen "
            + "reproduces reproduced expected actual correct incorrect wrong empty missing duplicate slow fast "
            + "random intermittent consistent new old previous next first last other same different several").split(" ");
    private static final String[] EN_OPENERS = {"Steps to reproduce:", "Expected result:", "Actual result:",
            "Environment:", "Notes:", "Workaround:", "Impact:", "Root cause is unknown.", "See the attached logs.",
            "Reported by support."};

    private static final String[] RU_PROBLEMS = {"Ошибка при открытии", "Падение", "Таймаут", "Медленная работа",
            "Неверная сумма", "Утечка памяти", "Сломана вёрстка", "Дублирование уведомлений", "Не работает",
            "Зависание", "Потеря данных", "Неверная дата", "Пустой экран", "Высокая нагрузка"};
    private static final String[] RU_TASKS = {"Добавить фильтр для", "Переписать", "Обновить документацию",
            "Перенести", "Улучшить", "Удалить", "Оптимизировать", "Покрыть тестами", "Перевести интерфейс"};
    private static final String[] RU_OBJECTS = {"страницы входа", "сервиса оплаты", "поискового индекса",
            "профиля пользователя", "экспорта отчётов", "мобильного приложения", "панели администратора",
            "очереди уведомлений", "платёжного шлюза", "страницы настроек", "корзины", "журнала аудита",
            "хранилища файлов", "шаблонов писем", "формы регистрации"};
    private static final String[] RU_CONTEXTS = {"на Android", "после деплоя", "в Safari", "для новых пользователей",
            "под нагрузкой", "при холодном кеше", "в тёмной теме", "для крупных клиентов", "после сброса пароля",
            "при медленной сети", "ночью во время бэкапа"};
    private static final String[] RU_WORDS = ("пользователь пользователя пользователи пользователей запрос запроса "
            + "запросы сервер сервера серверу клиент клиента сервис сервиса база базы данных страница страницы "
            + "страницу кнопка кнопки кнопку экран экрана значение значения поле поля ошибка ошибки ошибку ошибкой "
            + "журнал время ответ ответа отчёт отчёта отчёты заказ заказа платёж платежа аккаунт аккаунта команда "
            + "сборка релиз релиза версия версии функция функции тест тесты настройка настройки кеш индекс узел "
            + "кластер сеть соединение соединения сессия сессии сообщение сообщения очередь задача задачи файл "
            + "файла файлы загрузка выгрузка импорт экспорт запись записи список таблица строка строки фильтр "
            + "поиск результат результаты лимит повтор падение падения сбой сбоя проблема проблемы шаг шаги "
            + "браузер устройство окно диалог меню ссылка изображение "
            + "был была было были есть будет может должен должна нужно надо нельзя "
            + "всегда иногда часто редко снова ещё уже только также даже очень слишком много больше меньше "
            + "после перед когда пока во время из-за хотя если то поэтому но и или в на у к для с без от до "
            + "открывается открылась закрывается загружается сохраняется падает упал возвращает показывает "
            + "ломается зависает воспроизводится ожидаемый фактический правильный неверный пустой медленный "
            + "быстрый новый старый предыдущий следующий первый последний другой разные несколько").split(" ");
    private static final String[] RU_OPENERS = {"Шаги воспроизведения:", "Ожидаемый результат:",
            "Фактический результат:", "Окружение:", "Примечание:", "Обходной путь:", "Влияние:",
            "Причина пока неизвестна.", "Логи приложены.", "Сообщили из поддержки."};

    private final SplittableRandom random;

    Texts(SplittableRandom random) {
        this.random = random;
    }

    String summary(boolean russian) {
        boolean problem = random.nextInt(100) < 60;
        if (russian) {
            return problem
                    ? pick(RU_PROBLEMS) + " " + pick(RU_OBJECTS) + " " + pick(RU_CONTEXTS)
                    : pick(RU_TASKS) + " " + pick(RU_OBJECTS);
        }
        return problem
                ? pick(EN_PROBLEMS) + " in " + pick(EN_OBJECTS) + " " + pick(EN_CONTEXTS)
                : pick(EN_TASKS) + " " + pick(EN_OBJECTS);
    }

    /** About {@code length} characters of sentences, mostly in the summary's language. */
    String description(boolean russian, int length) {
        StringBuilder text = new StringBuilder(length + 200);
        while (text.length() < length) {
            boolean ru = random.nextInt(100) < 90 ? russian : !russian;
            String[] words = ru ? RU_WORDS : EN_WORDS;
            if (random.nextInt(100) < 15) {
                text.append(pick(ru ? RU_OPENERS : EN_OPENERS)).append(' ');
            }
            int count = 6 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                String word = pick(words);
                if (i == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                text.append(word);
                if (i == count / 2 && random.nextInt(100) < 20) {
                    text.append(' ').append(pick(ru ? RU_OBJECTS : EN_OBJECTS));
                }
                text.append(i == count - 1 ? ". " : " ");
            }
            if (random.nextInt(100) < 10) {
                text.append(ru ? "Версия " : "Version ").append(1 + random.nextInt(5)).append('.').append(random.nextInt(20)).append(". ");
            }
        }
        return text.toString().strip();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
