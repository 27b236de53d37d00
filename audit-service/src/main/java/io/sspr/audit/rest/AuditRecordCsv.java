package io.sspr.audit.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.sspr.audit.persistence.AuditRecord;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The CSV form of the records (RFC 4180: a header line, CRLF line ends, fields quoted by Jackson's CSV writer where
 * they must be), one line per record with the JSON's fields flattened, additionalDetails as its JSON text. Every cell
 * that a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return) is prefixed with a
 * single quote, as OWASP's "CSV Injection" advises, so opening an export never runs what an event carried.
 */
public final class AuditRecordCsv implements AutoCloseable {
    public static final String MEDIA_TYPE = "text/csv";
    public static final MediaType CONTENT_TYPE = MediaType.valueOf(MEDIA_TYPE + ";charset=UTF-8;header=present");
    public static final List<String> COLUMNS = List.of("id", "activityDateTime", "category", "activityDisplayName",
            "operationType", "result", "resultReason", "loggedByService", "correlationId", "initiatedBy",
            "targetUser", "additionalDetails");
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** The writer closes what it wrote to only when the export is done; the server closes the response. */
    private static final CsvMapper CSV = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
    private static final CsvSchema RFC_4180 = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private final SequenceWriter rows;
    private final ObjectMapper json;

    private AuditRecordCsv(SequenceWriter rows, ObjectMapper json) {
        this.rows = rows;
        this.json = json;
    }

    /** A CSV of records on {@code out}, its header line written. */
    public static AuditRecordCsv start(OutputStream out, ObjectMapper json) throws IOException {
        AuditRecordCsv csv = new AuditRecordCsv(CSV.writerFor(String[].class).with(RFC_4180).writeValues(out), json);
        csv.rows.write(COLUMNS.toArray(String[]::new));
        return csv;
    }

    public void write(AuditRecord record) throws IOException {
        AuditRecordResponse response = AuditRecordResponse.of(record);
        rows.write(new String[] {
                safe(String.valueOf(response.id())),
                safe(String.valueOf(response.activityDateTime())),
                safe(response.category()),
                safe(response.activityDisplayName()),
                safe(response.operationType()),
                safe(response.result()),
                safe(response.resultReason()),
                safe(response.loggedByService()),
                safe(String.valueOf(response.correlationId())),
                safe(record.initiatedByUpn),
                safe(record.targetUpn),
                safe(details(response))});
    }

    /** Flushes what is left; the stream stays open. */
    @Override
    public void close() throws IOException {
        rows.close();
    }

    /**
     * The cell as a spreadsheet may show it: a formula's first character is made text by a leading quote. A missing
     * value is an empty cell (the writer would leave a null out of the line altogether).
     */
    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private String details(AuditRecordResponse response) {
        try {
            return json.writeValueAsString(response.additionalDetails());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write additionalDetails", e);
        }
    }
}
