package io.tracksearch.search;

/** The four ways to say what to search for, highest priority first (spec 4.3), plus "none given". */
public enum SearchMode {
    QUEUE("queue"), KEYS("keys"), FILTER("filter"), QUERY("query"), NONE(null);

    private final String parameter;

    SearchMode(String parameter) {
        this.parameter = parameter;
    }

    /** Body parameter naming the mode, null for NONE. */
    public String parameter() {
        return parameter;
    }
}
