package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One fault a {@link FaultDrill} injects while its burst is in flight, and ends again. */
interface Fault {

    /** What a drill's fault may touch; {@code notes} collects what went wrong in the fault itself. */
    record Stage(RunningStack parts, ServiceProcesses services, List<String> notes) {
    }

    /** The fault as the table names it. */
    String name();

    /** Injects the fault, ends it, and returns once the part is back (started and ready). */
    void inject(Stage stage) throws Exception;

    /** Starts again whatever {@link #inject} stopped and did not start again; runs in a finally. */
    default void repair(Stage stage) {
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then a new process of the same service. */
    static Fault kill(String service) {
        return new Fault() {
            @Override
            public String name() {
                return "kill -9 " + service;
            }

            @Override
            public void inject(Stage stage) throws Exception {
                Process process = stage.services().process(service);
                process.destroyForcibly();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    fail(service + " did not end within 30 s of SIGKILL");
                }
                stage.services().restart(stage.parts(), service, Map.of());
            }
        };
    }

    /** SIGTERM (Process.destroy), wait until the service has shut down, then a new process of the same service. */
    static Fault stop(String service) {
        return new Fault() {
            @Override
            public String name() {
                return "stop + start " + service;
            }

            @Override
            public void inject(Stage stage) throws Exception {
                Process process = stage.services().process(service);
                long started = System.nanoTime();
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    stage.notes().add(service + " did not shut down within 60 s of SIGTERM: it was killed");
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                } else {
                    System.out.printf("drill: %s shut down in %d ms, exit code %d%n", service,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), process.exitValue());
                }
                stage.services().restart(stage.parts(), service, Map.of());
            }
        };
    }

    /** {@code deploy/local/stack stop PART}, the outage (zero: a plain restart), {@code deploy/local/stack start PART}. */
    static Fault outage(String part, String name, Duration outage) {
        return new Fault() {
            private volatile boolean down;
            private final Thread startOnExit = new Thread(() -> startAgain(null), "start-" + part + "-on-exit");
            private Stage stage;

            @Override
            public String name() {
                return name;
            }

            @Override
            public void inject(Stage stage) throws Exception {
                this.stage = stage;
                down = true; // a stop that fails half-way may still have stopped it
                Runtime.getRuntime().addShutdownHook(startOnExit);
                StackScript.run(stage.parts(), "stop", part);
                if (!outage.isZero()) {
                    // The outage itself is what this drill is about: a fixed time, not a condition.
                    Thread.sleep(outage.toMillis());
                }
                StackScript.run(stage.parts(), "start", part);
                down = false;
                Runtime.getRuntime().removeShutdownHook(startOnExit);
            }

            @Override
            public void repair(Stage stage) {
                if (down) {
                    startAgain(stage.notes());
                    try {
                        Runtime.getRuntime().removeShutdownHook(startOnExit);
                    } catch (IllegalStateException e) {
                        // the JVM is shutting down already: the hook runs anyway
                    }
                }
            }

            private void startAgain(List<String> notes) {
                if (!down || stage == null) {
                    return;
                }
                try {
                    StackScript.run(stage.parts(), "start", part);
                    down = false;
                } catch (Throwable e) {
                    String message = "could not start " + part + " again (" + e.getMessage() + "): run `"
                            + StackScript.path(stage.parts()) + " start " + part + "`";
                    System.err.println("drill: " + message);
                    if (notes != null) {
                        notes.add(message);
                    }
                }
            }
        };
    }
}
