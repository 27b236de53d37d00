package io.sspr.events.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The running parts every module's tests use, as {@code deploy/local/stack env} names them. A test without them
 * fails and says how to start them; it is never skipped.
 */
public final class RealParts {
    public static final String HINT = "run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"` first "
            + "(or `deploy/local/stack test`)";

    private RealParts() {
    }

    /** The variable's value; fails naming it and the hint when it is unset or blank. */
    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: " + HINT);
        }
        return value;
    }

    /** The variable's value, or the default when it is unset: only for settings the stack may leave out. */
    public static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /** A file the variable names; fails when it is unset or the file cannot be read. */
    public static Path file(String name) {
        Path file = Path.of(env(name));
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(name + " names " + file + ", which is not readable: " + HINT);
        }
        return file;
    }

    /** Fails once, naming every missing variable, so a newcomer sees all of them at once. */
    public static void require(String... names) {
        require(Arrays.asList(names));
    }

    public static void require(List<String> names) {
        List<String> missing = names.stream().filter(name -> {
            String value = System.getenv(name);
            return value == null || value.isBlank();
        }).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing " + missing + ": " + HINT);
        }
    }

    public static String kafkaBootstrapServers() {
        return env("KAFKA_BOOTSTRAP_SERVERS");
    }
}
