package io.sspr.worker.persistence;

import java.sql.SQLException;

/** The ledger could not be read or written; the request is not applied (or its result not stored). Transient. */
public class LedgerException extends RuntimeException {
    public LedgerException(String step, SQLException cause) {
        super("request ledger " + step + " failed: SQLState " + cause.getSQLState(), cause);
    }

    public LedgerException(String step, RuntimeException cause) {
        super("request ledger " + step + " failed: " + cause.getClass().getSimpleName(), cause);
    }
}
