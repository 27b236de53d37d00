package io.sspr.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/** One line per fault drill, printed and appended to {@code e2e/target/fault-table.md} for the README. */
final class FaultTable {
    static final String HEADER = """
            | fault | requests | in flight at fault | succeeded | refused | failed/expired | not terminal | no result | portal ≠ directory | doubled writes | lost audit rows | doubled audit rows | time to recover |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|
            """;

    record Row(String fault, int requests, int inFlight, int succeeded, int refused, int failedOrExpired,
            int notTerminal, int unanswered, int disagreements, int doubledWrites, int lostAudit, int doubledAudit,
            Duration recovery) {

        String markdown() {
            String recovered = notTerminal > 0 ? "not recovered"
                    : String.format(Locale.ROOT, "%.1f s", recovery.toMillis() / 1000.0);
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |%n",
                    fault, requests, inFlight, succeeded, refused, failedOrExpired, notTerminal, unanswered,
                    disagreements,
                    doubledWrites, lostAudit, doubledAudit, recovered);
        }
    }

    private FaultTable() {
    }

    static void record(Path file, Row row) throws IOException {
        System.out.print("drill result:\n" + HEADER + row.markdown());
        Files.createDirectories(file.getParent());
        synchronized (FaultTable.class) {
            if (!Files.exists(file) || Files.size(file) == 0) {
                Files.writeString(file, HEADER, StandardCharsets.UTF_8);
            }
            Files.writeString(file, row.markdown(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }
}
