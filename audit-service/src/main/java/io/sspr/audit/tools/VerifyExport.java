package io.sspr.audit.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.sspr.audit.chain.ChainJson;
import io.sspr.audit.chain.ChainReport;
import io.sspr.audit.chain.ChainVerifier;
import io.sspr.audit.chain.Checkpoint;
import io.sspr.audit.chain.CheckpointVerifier;
import io.sspr.events.crypto.Keysets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * An auditor's offline check of a chain export, without the audit service or its database (README, "Verifying an
 * export offline"):
 *
 * <pre>
 * VerifyExport RECORDS CHECKPOINTS KEYSET
 *   RECORDS      GET /api/v1/audit/chain[?fromSequence=N]: one chained record per line
 *   CHECKPOINTS  GET /api/v1/audit/checkpoints: {"value":[checkpoint...]} (or the bare array)
 *   KEYSET       the audit service's public signing keyset (Tink JSON, trusted/audit-service.json), obtained
 *                from its operator, not from the service under audit
 * </pre>
 *
 * It recomputes every record's hash, follows the chain from the genesis or from the signed checkpoint the export
 * starts after, and checks every checkpoint's signature and hash, with the same rules as {@code GET
 * /api/v1/audit/verify} ({@link ChainVerifier}). It prints that report as JSON and exits 0 when the chain is whole, 1
 * when it is broken, 2 when it cannot check (usage, unreadable file or key).
 */
public final class VerifyExport {
    private VerifyExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@link #main} without the exit: the exit code, the report on {@code out}, problems on {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: VerifyExport RECORDS.jsonl CHECKPOINTS.json AUDIT_SERVICE_PUBLIC_KEYSET.json");
            return 2;
        }
        try {
            CheckpointVerifier signatures = new CheckpointVerifier(Keysets.readPublic(Path.of(args[2])));
            NavigableMap<Long, Checkpoint> checkpoints = checkpoints(Path.of(args[1]));
            ChainReport report;
            try (BufferedReader records = Files.newBufferedReader(Path.of(args[0]))) {
                report = new ChainVerifier(signatures).verify(ChainJson.lines(records), checkpoints, null,
                        OptionalLong.empty());
            }
            out.println(ChainJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return report.intact() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    private static NavigableMap<Long, Checkpoint> checkpoints(Path file) throws IOException {
        JsonNode json = ChainJson.mapper().readTree(file.toFile());
        JsonNode list = json.isObject() ? json.path("value") : json;
        NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        for (JsonNode entry : list) {
            Checkpoint checkpoint = ChainJson.mapper().treeToValue(entry, Checkpoint.class);
            checkpoints.put(checkpoint.sequence(), checkpoint);
        }
        return checkpoints;
    }
}
