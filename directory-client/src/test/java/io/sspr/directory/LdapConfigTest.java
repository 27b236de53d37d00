package io.sspr.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The presets translate the one mapping: same DCs, CA and timeouts; each pool its account and size. */
class LdapConfigTest {

    @Test
    void readAndWritePoolsBindAsTheServiceWithTheirOwnSizes() {
        LdapConfig config = config(Optional.of("CN=reader"), Optional.of("reader-secret"));

        LdapSettings read = config.readPool();
        LdapSettings write = config.writePool();

        assertEquals(new LdapSettings("ldaps://dc1:636,ldaps://dc2:636", Path.of("/ca.pem"), "DC=example,DC=test",
                "CN=service", "service-secret", Duration.ofSeconds(5), Duration.ofSeconds(10), 6, false), read);
        assertEquals(read.withPoolSize(2), write);
    }

    @Test
    void theSyncPoolBindsAsItsReadOnlyAccountOnTheSameDcs() {
        LdapSettings sync = config(Optional.of("CN=reader"), Optional.of("reader-secret")).syncPool();

        assertEquals("CN=reader", sync.bindDn());
        assertEquals("reader-secret", sync.bindPassword());
        assertEquals(3, sync.poolSize());
        assertEquals("ldaps://dc1:636,ldaps://dc2:636", sync.url());
    }

    @Test
    void withoutItsAccountTheSyncPoolIsRefusedNamingTheSetting() {
        IllegalStateException noDn = assertThrows(IllegalStateException.class,
                () -> config(Optional.of(" "), Optional.of("x")).syncPool());
        assertTrue(noDn.getMessage().contains("sspr.ldap.sync.bind-dn"), noDn.getMessage());

        IllegalStateException noPassword = assertThrows(IllegalStateException.class,
                () -> config(Optional.of("CN=reader"), Optional.empty()).syncPool());
        assertTrue(noPassword.getMessage().contains("sspr.ldap.sync.bind-password"), noPassword.getMessage());
    }

    private static LdapConfig config(Optional<String> syncDn, Optional<String> syncPassword) {
        return new LdapConfig() {
            @Override
            public String url() {
                return "ldaps://dc1:636,ldaps://dc2:636";
            }

            @Override
            public Path caFile() {
                return Path.of("/ca.pem");
            }

            @Override
            public String baseDn() {
                return "DC=example,DC=test";
            }

            @Override
            public String bindDn() {
                return "CN=service";
            }

            @Override
            public String bindPassword() {
                return "service-secret";
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration responseTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int poolSize() {
                return 6;
            }

            @Override
            public int writeConnections() {
                return 2;
            }

            @Override
            public boolean allowPlainText() {
                return false;
            }

            @Override
            public Sync sync() {
                return new Sync() {
                    @Override
                    public Optional<String> bindDn() {
                        return syncDn;
                    }

                    @Override
                    public Optional<String> bindPassword() {
                        return syncPassword;
                    }

                    @Override
                    public int poolSize() {
                        return 3;
                    }
                };
            }
        };
    }
}
