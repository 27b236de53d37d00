package io.sspr.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sspr.directory.AccountFilters;
import io.sspr.directory.LdapSettings;
import io.sspr.events.Operation;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.SsprEvent;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.testing.RealParts;
import io.sspr.events.testing.StackDirectory;
import io.sspr.worker.directory.LdapPasswordDirectory;
import io.sspr.worker.persistence.LedgerException;
import io.sspr.worker.persistence.LedgerState;
import io.sspr.worker.persistence.PgRequestLedger;
import io.sspr.worker.persistence.RequestLedger;
import io.sspr.worker.testing.TestDatabase;
import io.sspr.worker.testing.TestEvents;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VERIFY_PASSWORD end to end inside the worker, on the real parts of deploy/local/stack: the Samba DC (as
 * svc-sspr-writeback, over LDAPS) and the PostgreSQL ledger (as sspr_worker); Kafka is not involved. Each test has
 * its own user with a fine-grained policy that counts wrong passwords (the domain's threshold is 0, and Samba counts
 * badPwdCount only where a threshold is set), so {@code badPwdCount} shows how many wrong binds reached the DC.
 */
class PasswordVerificationIT {
    private static final String PASSWORD = "Verify-Me-42!";
    private static final String WRONG = "Not-Mine-42!";

    private static LdapSettings settings;
    private static LdapPasswordDirectory directory;
    private static LDAPConnection admin;
    private static PgRequestLedger pgLedger;

    private final TestEvents events = new TestEvents();
    private final List<String> createdDns = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        RealParts.require("LDAP_URL", "LDAP_CA_FILE", "LDAP_BASE_DN", "LDAP_ADMIN_DN", "LDAP_ADMIN_PASSWORD",
                "LDAP_WRITEBACK_DN", "LDAP_WRITEBACK_PASSWORD");
        settings = StackDirectory.writeback();
        directory = new LdapPasswordDirectory(settings);
        admin = StackDirectory.bindAs(StackDirectory.admin().bindDn(), StackDirectory.admin().bindPassword());
        TestDatabase.migrate();
        pgLedger = new PgRequestLedger(TestDatabase.dataSource());
    }

    @AfterAll
    static void disconnect() {
        if (directory != null) {
            directory.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @AfterEach
    void deleteCreatedObjects() {
        StackDirectory.deleteNewestFirst(admin, createdDns);
    }

    private record User(String dn, String name, String objectGuid) {
    }

    private WritebackService worker(RequestLedger ledger) {
        return worker(directory, ledger);
    }

    private WritebackService worker(LdapPasswordDirectory dir, RequestLedger ledger) {
        return new WritebackService(new DirectoryWriter(dir, events.opener(),
                new Backoff(2, Duration.ofMillis(50), Duration.ofMillis(100)), Pause.sleeping(), Clock.systemUTC(),
                AfterWriteHook.NONE), ledger, () -> true,
                new OutcomeRecorder(new WritebackStats(Clock.systemUTC()), new SimpleMeterRegistry()),
                Clock.systemUTC());
    }

    private static LdapPasswordDirectory unreachable() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new LdapPasswordDirectory(settings.withUrl("ldaps://localhost:" + socket.getLocalPort()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private PasswordValidated verify(User user, String currentPassword) {
        UUID correlationId = UUID.randomUUID();
        String userKey = user.objectGuid();
        String sealed = events.sealer().seal(Secret.of(currentPassword), new SealingContext(correlationId, userKey,
                Operation.VERIFY_PASSWORD, SealingContext.Field.CURRENT_PASSWORD));
        Instant now = Instant.now();
        return new PasswordValidated(UUID.randomUUID(), correlationId, now, now.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, UUID.randomUUID(), Operation.VERIFY_PASSWORD, userKey, user.name(),
                user.dn(), user.objectGuid(), sealed, null, false);
    }

    @Test
    void theRightPasswordIsConfirmedAndNothingIsWritten() throws Exception {
        User user = createUser();
        long pwdLastSet = attribute(user, "pwdLastSet");

        PasswordResult result = worker(pgLedger).handle(verify(user, PASSWORD))
                .result();

        assertEquals(RequestStatus.SUCCEEDED, result.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_CONFIRMED, result.code());
        assertEquals(pwdLastSet, attribute(user, "pwdLastSet"), "nothing written");
        assertEquals(0, attribute(user, "badPwdCount"));
    }

    @Test
    void aWrongPasswordCountsOnceAndItsRedeliveryDoesNotBindAgain() throws Exception {
        User user = createUser();
        WritebackService worker = worker(pgLedger);
        PasswordValidated event = verify(user, WRONG);

        PasswordResult first = worker.handle(event).result();
        assertEquals(RequestStatus.FAILED, first.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, first.code());
        assertEquals(1, attribute(user, "badPwdCount"), "the DC counted the wrong password");

        WritebackOutcome redelivered = worker.handle(event);
        pgLedger.published(event.correlationId(), Instant.now());
        WritebackOutcome again = worker.handle(event);

        assertTrue(redelivered.resent());
        assertTrue(again.resent());
        assertEquals(first, again.result(), "the stored outcome, replayed");
        assertEquals(1, attribute(user, "badPwdCount"), "no second bind");
    }

    /** A bind whose outcome never reached the ledger (database gone right after it) is not made again. */
    @Test
    void aBindWhoseOutcomeWasNotStoredIsNotRepeated() throws Exception {
        User user = createUser();
        AtomicBoolean failApplied = new AtomicBoolean(true);
        WritebackService worker = worker(failingAppliedOnce(failApplied));
        PasswordValidated event = verify(user, WRONG);

        assertThrows(LedgerException.class, () -> worker.handle(event), "transient: Kafka delivers it again");
        assertEquals(1, attribute(user, "badPwdCount"));
        assertEquals(LedgerState.STARTED, pgLedger.find(event.correlationId()).orElseThrow().state());

        PasswordResult retried = worker.handle(event).result();

        assertEquals(RequestStatus.FAILED, retried.status());
        assertEquals(ResultCode.DIRECTORY_UNAVAILABLE, retried.code(), "unknown, so the person is asked to try again");
        assertEquals(1, attribute(user, "badPwdCount"), "no second bind");
    }

    /** Samba answers a must-change account's right password with data 773 and its wrong one with 52e. */
    @Test
    void anAccountThatMustChangeItsPasswordIsConfirmedWithTheRightOneOnly() throws Exception {
        User user = createUser();
        admin.modify(user.dn(), new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
        WritebackService worker = worker(pgLedger);

        PasswordResult right = worker.handle(verify(user, PASSWORD)).result();
        PasswordResult wrong = worker.handle(verify(user, WRONG)).result();

        assertEquals(RequestStatus.SUCCEEDED, right.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_CONFIRMED, right.code());
        assertEquals(RequestStatus.FAILED, wrong.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, wrong.code());
        assertEquals(0L, attribute(user, "pwdLastSet"), "still must change: nothing written");
    }

    @Test
    void aLockedOutAccountIsAnsweredWithoutABind() throws Exception {
        User user = createUser();
        for (int i = 0; i < 3; i++) {
            assertFalse(canBind(user, WRONG));
        }
        long bad = attribute(user, "badPwdCount");

        PasswordResult result = worker(pgLedger).handle(verify(user, PASSWORD))
                .result();

        assertEquals(ResultCode.ACCOUNT_LOCKED, result.code());
        assertEquals(bad, attribute(user, "badPwdCount"));
    }

    @Test
    void aDcThatCannotBeReachedIsTransientAndNothingIsStarted() throws Exception {
        User user = createUser();
        PasswordValidated event = verify(user, PASSWORD);

        try (LdapPasswordDirectory down = unreachable()) {
            assertThrows(DirectoryUnavailableException.class, () -> worker(down, pgLedger).handle(event));
        }
        assertTrue(pgLedger.find(event.correlationId()).isEmpty(), "no bind was sent: the request may try again");

        assertEquals(ResultCode.CURRENT_PASSWORD_CONFIRMED,
                worker(pgLedger).handle(event).result().code());
    }

    /** The real ledger, whose first APPLIED fails as if the database went away right after the bind. */
    private static RequestLedger failingAppliedOnce(AtomicBoolean fail) {
        return new RequestLedger() {
            @Override
            public Claim claim(UUID correlationId) {
                Claim claim = pgLedger.claim(correlationId);
                return new Claim() {
                    @Override
                    public Optional<Entry> entry() {
                        return claim.entry();
                    }

                    @Override
                    public void started(PasswordValidated event, String userDn, long before, String dc, Instant now) {
                        claim.started(event, userDn, before, dc, now);
                    }

                    @Override
                    public void applied(PasswordValidated event, String userDn, PasswordResult result, Instant now) {
                        if (fail.getAndSet(false)) {
                            throw new LedgerException("applied", new java.sql.SQLException("connection lost"));
                        }
                        claim.applied(event, userDn, result, now);
                    }

                    @Override
                    public void close() {
                        claim.close();
                    }
                };
            }

            @Override
            public Optional<Entry> find(UUID correlationId) {
                return pgLedger.find(correlationId);
            }

            @Override
            public void published(UUID correlationId, Instant now) {
                pgLedger.published(correlationId, now);
            }

            @Override
            public long purgeBefore(Instant cutoff) {
                return pgLedger.purgeBefore(cutoff);
            }
        };
    }

    /** A user with PASSWORD and a policy of its own that locks it after 3 wrong passwords. */
    private User createUser() throws LDAPException {
        String name = "wbvf-" + UUID.randomUUID().toString().substring(0, 8);
        String dn = "CN=" + name + ",CN=Users," + settings.baseDn();
        admin.add(new AddRequest(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@example.test"),
                new Attribute("unicodePwd", Secret.of(PASSWORD).toUnicodePwd()),
                new Attribute("userAccountControl", "512")));
        createdDns.add(dn);
        String pso = "CN=" + name + "-pso,CN=Password Settings Container,CN=System," + settings.baseDn();
        admin.add(new AddRequest(pso,
                new Attribute("objectClass", "msDS-PasswordSettings"),
                new Attribute("msDS-PasswordSettingsPrecedence", "1"),
                new Attribute("msDS-PasswordReversibleEncryptionEnabled", "FALSE"),
                new Attribute("msDS-PasswordHistoryLength", "24"),
                new Attribute("msDS-PasswordComplexityEnabled", "TRUE"),
                new Attribute("msDS-MinimumPasswordLength", "7"),
                new Attribute("msDS-MinimumPasswordAge", "0"),
                new Attribute("msDS-MaximumPasswordAge", "-36288000000000"),
                new Attribute("msDS-LockoutThreshold", "3"),
                new Attribute("msDS-LockoutObservationWindow", "-18000000000"),
                new Attribute("msDS-LockoutDuration", "-18000000000"),
                new Attribute("msDS-PSOAppliesTo", dn)));
        createdDns.add(pso);
        String guid = AccountFilters.guidText(admin.getEntry(dn, "objectGUID").getAttributeValueBytes("objectGUID"));
        return new User(dn, name, guid);
    }

    private static long attribute(User user, String name) throws LDAPException {
        SearchResultEntry entry = admin.getEntry(user.dn(), name);
        Long value = entry.getAttributeValueAsLong(name);
        return value == null ? 0 : value;
    }

    private static boolean canBind(User user, String password) {
        try (LDAPConnection connection = StackDirectory.bindAs(user.dn(), password)) {
            return true;
        } catch (LDAPException e) {
            return false;
        }
    }
}
