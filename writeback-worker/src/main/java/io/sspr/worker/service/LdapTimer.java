package io.sspr.worker.service;

import io.sspr.worker.directory.DirectoryException;

/** Measures only the time spent in the directory (not opening secrets), also when the call fails. */
final class LdapTimer {
    @FunctionalInterface
    interface DirectoryCall {
        void run() throws DirectoryException;
    }

    @FunctionalInterface
    interface DirectoryQuery<T> {
        T get() throws DirectoryException;
    }

    private long nanos;

    void run(DirectoryCall call) throws DirectoryException {
        call(() -> {
            call.run();
            return null;
        });
    }

    <T> T call(DirectoryQuery<T> query) throws DirectoryException {
        long start = System.nanoTime();
        try {
            return query.get();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    long millis() {
        return nanos / 1_000_000;
    }
}
