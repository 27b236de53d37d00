package io.sspr.events.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs samba-tool against the local DC (root, -s $SAMBA_SMB_CONF), for tests that change the directory. */
public final class SambaTool {
    private SambaTool() {
    }

    /** Output of a successful run; a failure fails the test with samba-tool's own words. */
    public static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("samba-tool"));
        command.addAll(List.of(args));
        command.addAll(List.of("-s", RealParts.env("SAMBA_SMB_CONF")));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("samba-tool " + args[0] + " " + (args.length > 1 ? args[1] : "") + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            return fail("samba-tool cannot run: " + e.getMessage() + "; " + RealParts.HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** Clean-up that must not hide the test's own failure. */
    public static void quietly(String... args) {
        try {
            run(args);
        } catch (Throwable ignored) {
            // already gone, or the test failed before creating it
        }
    }
}
