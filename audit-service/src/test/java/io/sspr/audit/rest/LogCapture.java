package io.sspr.audit.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log line (message, parameters, exception messages) while open, to prove what is never logged. */
final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        List<String> parts = new ArrayList<>();
        parts.add(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            Arrays.stream(record.getParameters()).map(String::valueOf).forEach(parts::add);
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            parts.add(String.valueOf(t.getMessage()));
        }
        lines.add(String.join(" | ", parts));
    }

    boolean contains(String text) {
        return lines.stream().anyMatch(line -> line.contains(text));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
