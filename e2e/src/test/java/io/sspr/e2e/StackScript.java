package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/stack stop|start NAME} for the parts the fault drills take away (kafka, postgresql, samba). The
 * script is {@code $SSPR_STACK} when set (the stack that started the running parts), else the repository's own. Its
 * output goes to {@code e2e/target/service-logs/stack.log}.
 */
final class StackScript {
    private static final long TIMEOUT_SECONDS = 180;

    private StackScript() {
    }

    static Path path(RunningStack parts) {
        String configured = System.getenv("SSPR_STACK");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : parts.repoRoot().resolve("deploy/local/stack");
    }

    /**
     * The whole environment a service starts with ({@code stack service-env NAME}): its own principal, role, account
     * and keys, so a test runs it exactly as the stack does, without the operator's credentials.
     */
    static Map<String, String> serviceEnvironment(RunningStack parts, String service)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(path(parts).toString(), "service-env", service))
                .redirectError(Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("`" + path(parts) + " service-env " + service + "` failed: the services need the stack's secrets");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                environment.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return environment;
    }

    static void run(RunningStack parts, String command, String part) throws IOException, InterruptedException {
        Path script = path(parts);
        if (!Files.isExecutable(script)) {
            fail(script + " is not executable: set SSPR_STACK to the stack script that started the parts");
        }
        Path log = parts.repoRoot().resolve("e2e/target/service-logs/stack.log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(List.of(script.toString(), command, part)).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("`" + script + " " + command + " " + part + "` did not finish within " + TIMEOUT_SECONDS + " s: see "
                    + log);
        }
        if (process.exitValue() != 0) {
            fail("`" + script + " " + command + " " + part + "` failed with exit code " + process.exitValue() + ": see "
                    + log + " (the fault drills need the script's `stop NAME` and `start NAME`)");
        }
    }
}
