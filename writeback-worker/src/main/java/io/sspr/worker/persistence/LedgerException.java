package io.sspr.worker.persistence;

import java.sql.SQLException;

/** The ledger could not be read or written; the request is not applied (or its result not stored). */
public class LedgerException extends RuntimeException {
    public LedgerException(String step, SQLException cause) {
        super("request ledger " + step + " failed: SQLState " + cause.getSQLState(), cause);
    }
}
