package io.tracksearch.issue;

import java.util.List;
import java.util.Optional;

/** The one built-in workflow of spec 3.3, used by every queue and issue type. */
public final class Workflow {
    /** A transition: its id, display name, the statuses it starts from and the status it leads to. */
    public record Transition(String id, String display, List<String> from, String to) {
    }

    public static final List<Transition> TRANSITIONS = List.of(
            new Transition("start_progress", "Start Progress", List.of("open"), "inProgress"),
            new Transition("resolve", "Resolve", List.of("open", "inProgress", "needInfo"), "resolved"),
            new Transition("close", "Close", List.of("open", "inProgress", "needInfo", "resolved"), "closed"),
            new Transition("stop_progress", "Stop Progress", List.of("inProgress"), "open"),
            new Transition("need_info", "Need Info", List.of("inProgress"), "needInfo"),
            new Transition("provide_info", "Provide Info", List.of("needInfo"), "inProgress"),
            new Transition("reopen", "Reopen", List.of("resolved", "closed"), "open"));

    private Workflow() {
    }

    /** Transitions available from a status, in table order. */
    public static List<Transition> from(String status) {
        return TRANSITIONS.stream().filter(transition -> transition.from().contains(status)).toList();
    }

    public static Optional<Transition> byId(String id) {
        return TRANSITIONS.stream().filter(transition -> transition.id().equals(id)).findFirst();
    }

    /** Statuses in which an issue carries a resolution. */
    public static boolean isResolvedStatus(String status) {
        return status.equals("resolved") || status.equals("closed");
    }
}
