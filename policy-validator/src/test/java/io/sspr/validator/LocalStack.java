package io.sspr.validator;

import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.validator.config.LdapConfig;
import java.time.Duration;

/** The real parts' settings from `deploy/local/stack env`; a test without them fails, it is never skipped. */
public final class LocalStack {
    public static final String HINT = "run `deploy/local/stack parts` and `eval \"$(deploy/local/stack env)\"` first";

    private LocalStack() {
    }

    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set: " + HINT);
        }
        return value;
    }

    /**
     * Bound as the validator's own read-only account (svc-sspr-reader), as the service runs: a test of the directory
     * code so also proves the account's rights suffice.
     */
    public static LdapConfig ldap() {
        return ldap(env("LDAP_URL"), env("LDAP_CA_FILE"));
    }

    public static LdapConfig ldap(String url, String caFile) {
        return new Ldap(url, caFile, env("LDAP_BASE_DN"), env("LDAP_READER_DN"), env("LDAP_READER_PASSWORD"),
                Duration.ofSeconds(3), Duration.ofSeconds(10), 2);
    }

    /** Bound as the Administrator: only for a test's own setup (what the validator never does itself). */
    public static LdapConfig adminLdap() {
        return new Ldap(env("LDAP_URL"), env("LDAP_CA_FILE"), env("LDAP_BASE_DN"), env("LDAP_ADMIN_DN"),
                env("LDAP_ADMIN_PASSWORD"), Duration.ofSeconds(3), Duration.ofSeconds(10), 2);
    }

    record Ldap(String url, String caFile, String baseDn, String bindDn, String bindPassword,
            Duration connectTimeout, Duration responseTimeout, int poolSize) implements LdapConfig {
        /** The stack's DC speaks TLS: never clear text. */
        @Override
        public boolean allowPlainText() {
            return false;
        }

        @Override
        public String toString() {
            return "Ldap[" + url + "]"; // never the password
        }
    }
}
