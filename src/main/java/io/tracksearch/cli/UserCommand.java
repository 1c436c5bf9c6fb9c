package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.model.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** Manages users and their OAuth tokens in the data directory; a running server picks changes up. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users and OAuth tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.Token.class})
final class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; prints its token.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", description = "Login.")
        String login;
        @Option(names = "--token", description = "Token to use (default: a new random one).")
        String token;
        @Option(names = "--first-name", defaultValue = "")
        String firstName;
        @Option(names = "--last-name", defaultValue = "")
        String lastName;
        @Option(names = "--email", defaultValue = "")
        String email;
        @Option(names = "--group", description = "Group membership, for group() in queries (repeatable).")
        List<String> groups = List.of();
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try {
                String issued = new UserRegistry(data.directory).add(login, firstName, lastName, email, groups, token);
                System.out.println(token == null ? "Created user '" + login + "' with OAuth token (shown once): " + issued
                        : "Created user '" + login + "'");
                return 0;
            }
            catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            for (User user : new UserRegistry(data.directory).all()) {
                System.out.println(user.uid() + "\t" + user.login() + "\t" + user.display());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and its tokens.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", description = "Login.")
        String login;
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            if (new UserRegistry(data.directory).remove(login)) {
                System.out.println("Removed user '" + login + "'");
                return 0;
            }
            System.err.println("error: no user " + login);
            return 1;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Issue another token for a user.")
    static final class Token implements Callable<Integer> {
        @Parameters(index = "0", description = "Login.")
        String login;
        @Option(names = "--token", description = "Token to use (default: a new random one).")
        String token;
        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            try {
                System.out.println(new UserRegistry(data.directory).addToken(login, token));
                return 0;
            }
            catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }
}
