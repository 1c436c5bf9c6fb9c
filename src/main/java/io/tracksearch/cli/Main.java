package io.tracksearch.cli;

/** Placeholder entry point; the picocli commands replace it. */
public final class Main {
    public static void main(String[] arguments) {
        System.out.println("tracksearch");
    }
}
