package io.tracksearch.error;

import java.util.Locale;

/**
 * A user-facing error message in English and Russian. The HTTP layer picks the language from
 * Accept-Language (spec 1.4); everything below it only says which message and with which arguments.
 */
public record Message(String english, String russian) {
    public static final Message ISSUE_NOT_FOUND = new Message("Issue does not exist.", "Задача не существует.");
    public static final Message QUEUE_NOT_FOUND = new Message("Queue does not exist.", "Очередь не существует.");
    public static final Message COMMENT_NOT_FOUND = new Message("Comment does not exist.", "Комментарий не существует.");
    public static final Message LINK_NOT_FOUND = new Message("Link does not exist.", "Связь не существует.");
    public static final Message WORKLOG_NOT_FOUND = new Message("Worklog record does not exist.", "Запись о затраченном времени не существует.");
    public static final Message LINK_EXISTS = new Message("Issues %s and %s are already linked", "Задачи %s и %s уже связаны");
    public static final Message USER_NOT_FOUND = new Message("User does not exist.", "Пользователь не существует.");
    public static final Message NOT_AUTHENTICATED = new Message(
            "Not authorized: a valid OAuth or Bearer token is required.",
            "Не авторизован: нужен действительный OAuth- или Bearer-токен.");
    public static final Message ORGANIZATION_UNAVAILABLE = new Message(
            "Organization is not available, not ready or not found",
            "Организация недоступна, не готова или не найдена");
    public static final Message ROUTE_NOT_FOUND = new Message("Resource not found: %s", "Ресурс не найден: %s");
    public static final Message METHOD_NOT_ALLOWED = new Message(
            "Method %s is not allowed for %s", "Метод %s не разрешён для %s");
    public static final Message BODY_TOO_LARGE = new Message(
            "Request body is too large (limit %s bytes)", "Тело запроса слишком велико (предел %s байт)");
    public static final Message MALFORMED_JSON = new Message(
            "Malformed JSON in request body: %s", "Некорректный JSON в теле запроса: %s");
    public static final Message BODY_NOT_OBJECT = new Message(
            "Request body must be a JSON object", "Тело запроса должно быть JSON-объектом");
    public static final Message INVALID_PARAMETER = new Message(
            "Invalid value of parameter %s: %s", "Недопустимое значение параметра %s: %s");
    public static final Message VALIDATION_FAILED = new Message(
            "Validation failed: %s", "Ошибка проверки: %s");
    public static final Message UNIQUE_CONFLICT = new Message(
            "Issue with unique '%s' already exists: %s", "Задача с unique '%s' уже существует: %s");
    public static final Message VERSION_CONFLICT = new Message(
            "Version conflict: current version is %s", "Конфликт версий: текущая версия %s");
    public static final Message FIELD_EXISTS = new Message("Field %s already exists", "Поле %s уже существует");
    public static final Message OBJECT_NOT_FOUND = new Message("Object does not exist.", "Объект не существует.");
    public static final Message VERSION_EXISTS = new Message(
            "Version %s already exists in queue %s", "Версия %s уже есть в очереди %s");
    public static final Message COMPONENT_EXISTS = new Message(
            "Component %s already exists in queue %s", "Компонент %s уже есть в очереди %s");
    public static final Message FIELD_NOT_FOUND = new Message("Field does not exist.", "Поле не существует.");
    public static final Message QUEUE_EXISTS = new Message(
            "Queue with key %s already exists", "Очередь с ключом %s уже существует");
    public static final Message MODES_COMBINED = new Message(
            "You can only use keys, a queue or a search query.",
            "Вы можете использовать только ключи, очередь или поисковый запрос.");
    public static final Message SCROLL_NOT_SUPPORTED = new Message(
            "Scroll is not supported", "Прокрутка результатов не поддерживается");
    public static final Message SCROLL_NOT_FOUND = new Message(
            "Scroll context not found or expired", "Контекст прокрутки не найден или истёк");
    public static final Message NOT_SUPPORTED = new Message("%s is not supported", "%s не поддерживается");
    public static final Message TOO_MANY_SCROLLS = new Message(
            "Too many open scroll contexts", "Слишком много открытых контекстов прокрутки");
    public static final Message INTERNAL = new Message(
            "Internal server error (request %s)", "Внутренняя ошибка сервера (запрос %s)");
    public static final Message STORE_UNAVAILABLE = new Message(
            "Storage is unavailable: %s", "Хранилище недоступно: %s");
    /** What a client sees of a STORE_UNAVAILABLE: the cause goes to the log under the request id. */
    public static final Message UNAVAILABLE = new Message(
            "Service is temporarily unavailable, retry later (request %s)",
            "Сервис временно недоступен, повторите позже (запрос %s)");
    public static final Message BUSY = new Message(
            "Server is busy, retry later", "Сервер перегружен, повторите позже");
    public static final Message TOO_MANY_FAILED_AUTHENTICATIONS = new Message(
            "Too many failed authentication attempts, retry later",
            "Слишком много неудачных попыток авторизации, повторите позже");
    public static final Message MALFORMED_REQUEST = new Message(
            "Malformed HTTP request", "Некорректный HTTP-запрос");
    public static final Message URI_TOO_LONG = new Message(
            "Request URI is too long", "Слишком длинный URI запроса");
    public static final Message HEADERS_TOO_LARGE = new Message(
            "Request headers are too large", "Слишком большие заголовки запроса");
    public static final Message REQUEST_TIMEOUT = new Message(
            "Request was not received in time", "Запрос не получен вовремя");
    public static final Message REQUEST_TOO_LARGE = new Message("Request is too large", "Запрос слишком велик");
    public static final Message NOT_READY = new Message("Server is not ready", "Сервер не готов");
    public static final Message UNSUPPORTED_CHARSET = new Message(
            "Content-Type names a charset that is missing or not supported",
            "Content-Type указывает отсутствующую или неподдерживаемую кодировку");
    public static final Message HTTP_STATUS = new Message("HTTP error %s", "Ошибка HTTP %s");
    public static final Message DISK_FULL = new Message(
            "Not enough storage space to save the change; reading still works",
            "Недостаточно места в хранилище для сохранения изменения; чтение по-прежнему работает");
    /** A message whose text is the same in both languages, e.g. parser output naming tokens. */
    public static Message plain(String text) {
        return new Message(text, text);
    }

    /** Returns the text in the given language ("ru" or anything else for English), formatted with the arguments. */
    public String in(String language, Object... arguments) {
        String pattern = "ru".equals(language) ? russian : english;
        return arguments.length == 0 ? pattern : String.format(Locale.ROOT, pattern, arguments);
    }
}
