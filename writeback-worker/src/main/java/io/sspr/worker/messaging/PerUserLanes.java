package io.sspr.worker.messaging;

import io.sspr.worker.config.WorkerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs requests of different users side by side, and requests of one user one after another in arrival order:
 * each user key always lands in the same single-threaded lane. The directory's own latency (tens of milliseconds
 * per password write) is then spent in parallel instead of in a queue.
 */
@ApplicationScoped
public class PerUserLanes {
    private final ExecutorService[] lanes;

    @Inject
    PerUserLanes(WorkerConfig config) {
        this(config.concurrency());
    }

    public PerUserLanes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            int lane = i;
            lanes[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "writeback-lane-" + lane);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    public <T> CompletionStage<T> submit(String userKey, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, lanes[Math.floorMod(userKey.hashCode(), lanes.length)]);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            lane.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
