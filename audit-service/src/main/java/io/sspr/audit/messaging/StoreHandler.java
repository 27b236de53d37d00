package io.sspr.audit.messaging;

import io.sspr.events.SsprEvent;
import io.sspr.events.messaging.FailureRule;
import io.sspr.events.messaging.UnprocessableEventException;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Stores one record under the failure rule. PostgreSQL refusing a value for good (SQLState class 22, data
 * exception, or 23, integrity) makes the record unprocessable; every other database failure is transient.
 */
final class StoreHandler {
    private StoreHandler() {
    }

    static <T extends SsprEvent> FailureRule.EventHandler<T> storing(Consumer<T> store) {
        return event -> {
            try {
                store.accept(event);
            } catch (RuntimeException e) {
                String state = sqlState(e);
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    throw new UnprocessableEventException(UnprocessableEventException.Reason.MALFORMED,
                            "PostgreSQL refused a value of this event (SQLState " + state + ")");
                }
                throw e;
            }
        };
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
