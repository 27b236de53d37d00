package io.sspr.audit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sspr.audit.chain.ChainJson;
import io.sspr.audit.chain.ChainedRecord;
import io.sspr.audit.chain.TestChain;
import io.sspr.events.crypto.Keysets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check on export files as the service writes them. */
class VerifyExportTest {
    @TempDir
    Path dir;

    @Test
    void aWholeExportVerifiesAndAnAlteredLineIsReported() throws Exception {
        TestChain chain = TestChain.of(8);
        chain.checkpoint(3);
        chain.checkpoint(8);
        Path keyset = dir.resolve("audit-service.json");
        Keysets.writePublic(Keysets.publicPart(TestChain.KEYS), keyset);
        Path checkpoints = dir.resolve("checkpoints.json");
        ChainJson.mapper().writeValue(checkpoints.toFile(), Map.of("value", chain.checkpoints.values()));

        Run whole = run(export(chain.records), checkpoints, keyset);
        assertEquals(0, whole.exit, whole.err);
        assertEquals(8, whole.report().get("verified").asLong());
        assertTrue(whole.report().get("firstBrokenLink").isNull());
        assertEquals(8, whole.report().at("/lastCheckpoint/sequence").asLong());

        List<ChainedRecord> altered = new ArrayList<>(chain.records);
        altered.set(5, TestChain.withReason(altered.get(5), "edited in the export"));
        Run broken = run(export(altered), checkpoints, keyset);
        assertEquals(1, broken.exit);
        assertEquals(6, broken.report().at("/firstBrokenLink/sequence").asLong());
        assertEquals("altered", broken.report().at("/firstBrokenLink/reason").asText());

        Run retained = run(export(chain.records.subList(3, 8)), checkpoints, keyset);
        assertEquals(0, retained.exit, retained.out);
        assertEquals(3, retained.report().at("/startedFrom/sequence").asLong());
    }

    @Test
    void withoutItsThreeFilesItExplainsItself() {
        Run run = run(new String[0]);
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("usage: VerifyExport"), run.err);
        assertEquals(2, run(new String[] {"no-records", "no-checkpoints", "no-keyset"}).exit);
    }

    private Path export(List<ChainedRecord> records) throws Exception {
        Path file = Files.createTempFile(dir, "chain", ".jsonl");
        StringBuilder lines = new StringBuilder();
        for (ChainedRecord record : records) {
            lines.append(new String(ChainJson.line(record), StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(file, lines);
        return file;
    }

    private static Run run(Path records, Path checkpoints, Path keyset) {
        return run(new String[] {records.toString(), checkpoints.toString(), keyset.toString()});
    }

    static Run run(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int exit, String out, String err) {
        JsonNode report() throws Exception {
            return ChainJson.mapper().readTree(out);
        }
    }
}
