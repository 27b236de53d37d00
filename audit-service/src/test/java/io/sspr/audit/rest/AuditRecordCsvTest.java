package io.sspr.audit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.sspr.audit.persistence.AuditDetail;
import io.sspr.audit.persistence.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV export's cells, written and read back with the same library (plain JUnit). */
class AuditRecordCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://attacker.test\",\"click\")", "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)", "\t=1+1", "\r=1+1"})
    void aCellASpreadsheetWouldRunStartsWithAQuote(String reason) throws Exception {
        List<String[]> rows = roundTrip(record(reason, "=initiator"));
        assertEquals("'" + reason, rows.get(1)[AuditRecordCsv.COLUMNS.indexOf("resultReason")]);
        assertEquals("'=initiator", rows.get(1)[AuditRecordCsv.COLUMNS.indexOf("initiatedBy")]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a, b", "say \"no\"", "line one\r\nline two", "line\nbreak", " leading and trailing ",
            "a 'quote' inside =1", "", "ünïcödé ✓"})
    void everyOtherCellComesBackAsItWas(String reason) throws Exception {
        List<String[]> rows = roundTrip(record(reason, "jdoe@example.test"));
        assertEquals(AuditRecordCsv.COLUMNS, List.of(rows.get(0)));
        assertEquals(reason, rows.get(1)[AuditRecordCsv.COLUMNS.indexOf("resultReason")]);
        assertEquals("jdoe@example.test", rows.get(1)[AuditRecordCsv.COLUMNS.indexOf("initiatedBy")]);
        assertEquals("[{\"key\":\"stage\",\"value\":\"=result\"}]",
                rows.get(1)[AuditRecordCsv.COLUMNS.indexOf("additionalDetails")]);
    }

    @Test
    void aMissingValueIsAnEmptyCellInItsPlace() throws Exception {
        AuditRecord record = record(null, null);
        record.targetUpn = null;
        List<String[]> rows = roundTrip(record);
        assertEquals(AuditRecordCsv.COLUMNS.size(), rows.get(1).length);
        assertEquals("", rows.get(1)[AuditRecordCsv.COLUMNS.indexOf("resultReason")]);
        assertEquals("", rows.get(1)[AuditRecordCsv.COLUMNS.indexOf("targetUser")]);
        assertEquals("[{\"key\":\"stage\",\"value\":\"=result\"}]", rows.get(1)[AuditRecordCsv.COLUMNS.size() - 1]);
    }

    @Test
    void linesEndWithCrLfAsRfc4180Says() throws Exception {
        String text = write(record("plain", "x"));
        assertTrue(text.startsWith(String.join(",", AuditRecordCsv.COLUMNS) + "\r\n"), text);
        assertTrue(text.endsWith("\r\n"), text);
    }

    static List<String[]> roundTrip(AuditRecord record) throws Exception {
        return read(write(record));
    }

    static List<String[]> read(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
            return rows.readAll();
        }
    }

    private static String write(AuditRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AuditRecordCsv csv = AuditRecordCsv.start(out, new ObjectMapper())) {
            csv.write(record);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static AuditRecord record(String reason, String initiator) {
        AuditRecord record = new AuditRecord();
        record.id = UUID.randomUUID();
        record.category = "Self-service Password Management";
        record.correlationId = UUID.randomUUID();
        record.activityDateTime = Instant.parse("2026-01-02T03:04:05.123456Z");
        record.activityDisplayName = "Reset password (self-service)";
        record.loggedByService = "reset-portal";
        record.operationType = "Update";
        record.result = "failure";
        record.resultReason = reason;
        record.initiatedByUpn = initiator;
        record.targetUpn = "jdoe";
        record.additionalDetails = List.of(AuditDetail.of("stage", "=result"));
        return record;
    }
}
