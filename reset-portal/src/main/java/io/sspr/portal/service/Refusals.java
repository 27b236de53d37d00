package io.sspr.portal.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionExceptionResult;
import java.util.concurrent.Callable;

/** Transactions of the self-service steps: a refusal is an answer, not an error, so what led to it is kept. */
final class Refusals {
    private Refusals() {
    }

    static <T> T inTransaction(Callable<T> work) {
        return QuarkusTransaction.requiringNew()
                .exceptionHandler(e -> e instanceof RequestRefusedException ? TransactionExceptionResult.COMMIT
                        : TransactionExceptionResult.ROLLBACK)
                .call(work);
    }
}
