package io.sspr.worker.service;

/** Runs right after a successful directory write, before the ledger stores it (the exactly-once test's seam). */
@FunctionalInterface
public interface AfterWriteHook extends Runnable {
    AfterWriteHook NONE = () -> {
    };

    /** Stops the JVM at once: no shutdown hooks, no offset commit, as kill -9 would. */
    AfterWriteHook HALT = () -> Runtime.getRuntime().halt(137);
}
