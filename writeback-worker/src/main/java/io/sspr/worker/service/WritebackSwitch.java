package io.sspr.worker.service;

/**
 * Whether this worker may write: Entra's two switches, both of which must be on, the worker's own
 * ({@code sspr.worker.writeback-enabled}) and the admin's (the settings' writebackEnabled, on until settings arrive).
 */
@FunctionalInterface
public interface WritebackSwitch {
    boolean enabled();
}
