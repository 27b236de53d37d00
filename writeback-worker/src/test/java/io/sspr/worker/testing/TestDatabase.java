package io.sspr.worker.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.postgresql.ds.PGSimpleDataSource;

/** The local stack's PostgreSQL, schema writeback, for tests of the ledger without the application. */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** Fails with how to start the database when its variable is unset. */
    public static PGSimpleDataSource dataSource() {
        String url = System.getenv("POSTGRES_JDBC_URL");
        if (url == null || url.isBlank()) {
            fail("POSTGRES_JDBC_URL is not set: run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"`");
        }
        PGSimpleDataSource created = new PGSimpleDataSource();
        created.setUrl(url);
        created.setUser(System.getenv().getOrDefault("POSTGRES_USER", "postgres"));
        created.setPassword(System.getenv().getOrDefault("POSTGRES_PASSWORD", ""));
        created.setCurrentSchema("writeback");
        return created;
    }
}
