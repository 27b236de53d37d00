package io.sspr.worker.directory;

import java.time.Instant;

/**
 * @param server the DC that answered (host:port), null when none did
 * @param certificateNotAfter when that DC's TLS certificate expires, null when unknown
 * @param problem why no DC answered, for the run status and log; null when one did
 */
public record DirectoryHealth(boolean reachable, String server, Instant certificateNotAfter, String problem) {
}
