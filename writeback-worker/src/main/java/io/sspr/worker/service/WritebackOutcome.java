package io.sspr.worker.service;

import io.sspr.events.PasswordResult;

/**
 * What became of one validated event: the result to publish, and whether it is the stored result of an earlier
 * delivery (nothing was written this time).
 */
public record WritebackOutcome(PasswordResult result, boolean resent, long ldapMillis) {
}
