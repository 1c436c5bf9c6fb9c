package io.tracksearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The machine, versions and command, for the report. */
final class Environment {
    private Environment() {
    }

    static Map<String, String> describe(BenchRunner.Settings settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("date (UTC)", java.time.Instant.now().toString().substring(0, 16).replace('T', ' '));
        environment.put("command", settings.command());
        environment.put("machine", cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memoryGiB() + " GiB RAM, Linux " + System.getProperty("os.version") + osRelease());
        environment.put("JDK (all servers and the client)", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        environment.put("tracksearch", "0.1.0-SNAPSHOT at commit " + git(settings.root()) + " (embedded Lucene "
                + org.apache.lucene.util.Version.LATEST + ")");
        environment.put("heap", settings.heap() + " for each JVM: both tracksearch servers and both OpenSearch nodes (-Xms = -Xmx; OpenSearch via its jvm.options, G1 everywhere)");
        environment.put("issues", settings.issues() + (settings.checkpoint() > 0 ? " (also measured at " + settings.checkpoint() + ")" : "")
                + ", seed " + settings.seed());
        return environment;
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static long memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return " (" + line.substring(12).replace("\"", "") + ")";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // unknown
        }
        return "";
    }

    private static String git(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            git.waitFor(10, TimeUnit.SECONDS);
            return git.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
