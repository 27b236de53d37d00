package io.sspr.portal.service;

import java.time.Duration;

/** Pads an answer to a minimum time, so that what was (not) found cannot be read off how long the answer took. */
final class AnswerTime {
    private AnswerTime() {
    }

    static void padTo(long beganNanos, Duration minimum) {
        long leftMillis = (minimum.toNanos() - (System.nanoTime() - beganNanos)) / 1_000_000;
        if (leftMillis > 0) {
            try {
                Thread.sleep(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
