package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.model.User;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure an operator can authenticate when the server starts. {@code TRACKSEARCH_ADMIN_TOKEN}, when
 * set, always works as the token of user {@code admin}: the user is created if missing and the token added
 * if it is not yet one of its tokens, so the variable also works on a data directory made by
 * {@code tracksearch import} (which creates users without tokens). Without the variable a first start
 * creates {@code admin} with a random token shown once; a directory where nobody has a token gets a hint.
 */
final class AdminAccount {
    static final String LOGIN = "admin";
    static final String TOKEN_VARIABLE = "TRACKSEARCH_ADMIN_TOKEN";

    private AdminAccount() {
    }

    /** {@code wantedToken}: the variable's value, null or blank when not set. */
    static void ensure(UserRegistry users, String wantedToken, PrintStream out) {
        boolean fromVariable = wantedToken != null && !wantedToken.isBlank();
        if (!fromVariable) {
            ensureWithoutVariable(users, out);
            return;
        }
        String token = wantedToken.strip();
        Optional<User> owner = users.authenticate(token);
        if (owner.isPresent()) {
            if (!owner.get().login().equalsIgnoreCase(LOGIN)) {
                out.println("warning: the token in " + TOKEN_VARIABLE + " belongs to user '" + owner.get().login()
                        + "', not '" + LOGIN + "'; left as it is");
            }
            return;
        }
        if (users.byLogin(LOGIN).isEmpty()) {
            users.add(LOGIN, "Admin", "", "", List.of(), token);
            out.println("Created user '" + LOGIN + "' with the token from " + TOKEN_VARIABLE);
            return;
        }
        users.addToken(LOGIN, token);
        out.println("Added the token from " + TOKEN_VARIABLE + " to user '" + LOGIN + "'");
    }

    private static void ensureWithoutVariable(UserRegistry users, PrintStream out) {
        if (users.isEmpty()) {
            String token = users.add(LOGIN, "Admin", "", "", List.of(), null);
            out.println("Created user '" + LOGIN + "' with OAuth token (shown once): " + token);
            return;
        }
        printHintIfNobodyCanLogIn(users, out);
    }

    /**
     * When no user has a token (a directory made by import), makes sure {@code admin} exists, without a
     * token, so that the printed command works, and prints how to get one.
     */
    static void printHintIfNobodyCanLogIn(UserRegistry users, PrintStream out) {
        if (users.anyoneHasToken()) {
            return;
        }
        users.ensureExist(List.of(LOGIN));
        out.println("note: no user has a token, so no request can be authenticated. Get one with 'tracksearch user token "
                + LOGIN + "' (or set " + TOKEN_VARIABLE + " when starting 'tracksearch serve')");
    }
}
