package io.sspr.worker.service;

/** Whether on-premises writeback is on for this worker. */
@FunctionalInterface
public interface WritebackSwitch {
    boolean enabled();
}
