package io.sspr.worker.directory;

/** How a validated event names its account: the objectGUID the validator found (may be null) and the user name. */
public record AccountRef(String objectGuid, String username) {
}
