package io.sspr.validator.directory;

import java.time.Duration;
import java.time.Instant;

/** AD's times: FILETIME (100-ns intervals since 1601) and negative interval counts for ages. */
final class FileTimes {
    /** maxPwdAge/minPwdAge use this for "never". */
    static final long NEVER = Long.MIN_VALUE;
    private static final long INTERVALS_PER_SECOND = 10_000_000L;
    private static final long SECONDS_1601_TO_1970 = 11_644_473_600L;

    private FileTimes() {
    }

    /** 0 means "must change at next logon": no time. */
    static Instant instant(Long fileTime) {
        if (fileTime == null || fileTime <= 0 || fileTime == Long.MAX_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(fileTime / INTERVALS_PER_SECOND - SECONDS_1601_TO_1970,
                (fileTime % INTERVALS_PER_SECOND) * 100);
    }

    /** A negative count of 100-ns intervals; 0 means a password may change again at once. */
    static Duration minAge(Long intervals) {
        return intervals == null || intervals == NEVER ? Duration.ZERO : duration(intervals);
    }

    /** 0 and the minimum long mean passwords never expire (null). */
    static Duration maxAge(Long intervals) {
        return intervals == null || intervals == 0 || intervals == NEVER ? null : duration(intervals);
    }

    static Duration duration(long intervals) {
        long magnitude = Math.abs(intervals);
        return Duration.ofSeconds(magnitude / INTERVALS_PER_SECOND, (magnitude % INTERVALS_PER_SECOND) * 100);
    }
}
