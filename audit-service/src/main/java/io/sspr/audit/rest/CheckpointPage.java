package io.sspr.audit.rest;

import io.sspr.audit.chain.Checkpoint;
import java.util.List;

/** The signed checkpoints, oldest first, Graph-style under {@code value}. */
public record CheckpointPage(List<Checkpoint> value) {
}
