package io.sspr.worker.service;

import io.sspr.worker.directory.DirectoryException;

/** Measures only the time spent in the directory (not opening secrets), also when the call fails. */
final class LdapTimer {
    @FunctionalInterface
    interface DirectoryCall {
        void run() throws DirectoryException;
    }

    private long nanos;

    void time(DirectoryCall call) throws DirectoryException {
        long start = System.nanoTime();
        try {
            call.run();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    long millis() {
        return nanos / 1_000_000;
    }
}
