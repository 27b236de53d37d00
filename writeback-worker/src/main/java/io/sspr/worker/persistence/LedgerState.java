package io.sspr.worker.persistence;

/** How far a request got; each state is stored before the next step begins. */
public enum LedgerState {
    /** About to write (or written, if the worker stopped right after): the directory must be asked. */
    STARTED,
    /** The directory's answer is known and stored; the result may not be on Kafka yet. */
    APPLIED,
    /** Kafka has the result: the request is finished. */
    PUBLISHED
}
