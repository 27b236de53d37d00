package io.sspr.validator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.Operation;
import io.sspr.events.Operator;
import io.sspr.events.PasswordRequested;
import io.sspr.events.PasswordResult;
import io.sspr.events.PasswordValidated;
import io.sspr.events.RequestStatus;
import io.sspr.events.ResultCode;
import io.sspr.events.Services;
import io.sspr.events.SsprEvent;
import io.sspr.events.UserKeys;
import io.sspr.events.Verification;
import io.sspr.events.crypto.KeyHolders;
import io.sspr.events.crypto.Keysets;
import io.sspr.events.crypto.SealingContext;
import io.sspr.events.crypto.Secret;
import io.sspr.events.crypto.SecretOpener;
import io.sspr.events.crypto.SecretSealer;
import io.sspr.events.messaging.UnprocessableEventException;
import io.sspr.events.testing.SignedRecords;
import io.sspr.events.testing.StackDirectory;
import io.sspr.events.testing.SambaTool;
import io.sspr.validator.config.ValidatorConfig.DialectSetting;
import io.sspr.validator.directory.AccountScope;
import io.sspr.validator.directory.DirectoryUnavailableException;
import io.sspr.validator.directory.DomainPolicyReader;
import io.sspr.validator.directory.EffectivePolicyReader;
import io.sspr.validator.directory.LdapConnector;
import io.sspr.validator.directory.UserDirectory;
import io.sspr.validator.policy.PasswordRules;
import io.sspr.validator.policy.RulesInForce;
import io.sspr.validator.policy.lists.BannedPasswordCheck;
import io.sspr.validator.policy.lists.BannedTerms;
import io.sspr.validator.policy.lists.GlobalBannedList;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole decision with the stack's real keysets and the real Samba DC; Kafka is not involved here. */
class PasswordRequestValidatorIT {
    private static final Instant NOW = Instant.now();
    private static LdapConnector connector;
    private static PasswordRequestValidator validator;
    private static SecretSealer forCheck;
    private static SecretSealer forWrite;

    @BeforeAll
    static void setUp() {
        connector = new LdapConnector(StackDirectory.reader());
        validator = validator(connector, keys());
        forCheck = SignedRecords.validationSealer();
        forWrite = SignedRecords.writebackSealer();
    }

    private static Path keys() {
        return SignedRecords.keysDirOf(Services.POLICY_VALIDATOR);
    }

    private static PasswordRequestValidator validator(LdapConnector ldap, Path keys) {
        return validator(ldap, keys, Optional.empty());
    }

    private static PasswordRequestValidator validator(LdapConnector ldap, Path keys, Optional<String> scopeGroupDn) {
        return new PasswordRequestValidator(
                new SecretOpener(Keysets.readPrivate(keys.resolve(KeyHolders.VALIDATION_SEALING_PRIVATE))),
                new UserDirectory(ldap),
                new EffectivePolicyReader(ldap,
                        new DomainPolicyReader(ldap, DialectSetting.AUTO, Duration.ofSeconds(60), Clock.systemUTC()),
                        Duration.ofSeconds(60), Clock.systemUTC()),
                new AccountScope(new UserDirectory(ldap), scopeGroupDn),
                rulesInAdMode(),
                Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    private static RulesInForce rulesInAdMode() {
        BannedPasswordCheck banned = new BannedPasswordCheck(new BannedTerms(GlobalBannedList.mostCommon(10_000)));
        return new RulesInForce(new PasswordRules(Optional.of(banned), Optional.empty()),
                PasswordRules.nist(banned, Optional.empty(), false), false);
    }

    @AfterAll
    static void tearDown() {
        connector.close();
    }

    private static PasswordRequested request(String username, String newPassword) {
        return request(username, newPassword, UserKeys.fromUsername(username), NOW.plusSeconds(300));
    }

    private static PasswordRequested request(String username, String newPassword, String sealedForUserKey,
            Instant expiresAt) {
        UUID correlationId = UUID.randomUUID();
        String userKey = UserKeys.fromUsername(username);
        String sealedNew;
        String sealedForCheck;
        String sealedCurrent;
        try (Secret fresh = Secret.of(newPassword); Secret current = Secret.of("Old-pass-1")) {
            sealedNew = forWrite.seal(fresh, new SealingContext(correlationId, userKey, Operation.CHANGE,
                    SealingContext.Field.NEW_PASSWORD));
            sealedForCheck = forCheck.seal(fresh, new SealingContext(correlationId, sealedForUserKey, Operation.CHANGE,
                    SealingContext.Field.NEW_PASSWORD_FOR_VALIDATOR));
            sealedCurrent = forWrite.seal(current, new SealingContext(correlationId, userKey, Operation.CHANGE,
                    SealingContext.Field.CURRENT_PASSWORD));
        }
        return new PasswordRequested(UUID.randomUUID(), correlationId, NOW.minusSeconds(1), expiresAt,
                SsprEvent.SCHEMA_VERSION, Operation.CHANGE, userKey, username, sealedCurrent, sealedNew,
                sealedForCheck, username, false, null, null);
    }

    private static PasswordResult refused(ValidationOutcome outcome) {
        return assertInstanceOf(ValidationOutcome.Refused.class, outcome).event();
    }

    @Test
    void acceptsAGoodPasswordSignsItAndForwardsTheSealedValues() {
        PasswordRequested request = request("alice@example.test", "Winter-Sun-42");
        PasswordValidated event = assertInstanceOf(ValidationOutcome.Accepted.class,
                validator.validate(request, NOW)).event();
        assertEquals(request.correlationId(), event.correlationId());
        assertEquals(request.expiresAt(), event.expiresAt(), "the request asked for less than the validator's TTL");
        assertEquals(request.eventId(), event.requestEventId());
        assertEquals(request.sealedNewPassword(), event.sealedNewPassword());
        assertEquals(request.sealedCurrentPassword(), event.sealedCurrentPassword());
        assertEquals("cn=alice anders,cn=users," + StackDirectory.baseDn().toLowerCase(),
                event.userDn().toLowerCase());
    }

    @Test
    void tooYoungOutOfScopeAndProtectedAccountsNeverReachTheWorker() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String user = "pv4v" + suffix;
        String pso = "pv4v-pso-" + suffix;
        try {
            SambaTool.run("user", "create", user, "Start-" + suffix + "-Pw1");
            SambaTool.run("domain", "passwordsettings", "pso", "create", pso, "9", "--min-pwd-length=7",
                    "--complexity=on", "--history-length=0", "--min-pwd-age=1");
            SambaTool.run("domain", "passwordsettings", "pso", "apply", pso, user);

            PasswordResult young = refused(validator.validate(request(user, "Winter-Sun-42"), NOW));
            assertEquals(RequestStatus.REJECTED, young.status());
            assertEquals(ResultCode.PASSWORD_TOO_YOUNG, young.code());
            assertTrue(young.message().contains("UTC"), young.message());

            String admins = "CN=Domain Admins,CN=Users," + StackDirectory.baseDn();
            PasswordResult outside = refused(validator(connector, keys(),
                    Optional.of(admins)).validate(request(user, "Winter-Sun-42"), NOW));
            assertEquals(ResultCode.ACCOUNT_OUT_OF_SCOPE, outside.code());

            markProtected(user);
            PasswordResult protectedAccount = refused(validator.validate(request(user, "Winter-Sun-42"), NOW));
            assertEquals(ResultCode.ACCOUNT_PROTECTED, protectedAccount.code());
            assertEquals(List.of(ResultCode.ACCOUNT_PROTECTED), protectedAccount.violations().stream()
                    .map(v -> v.code()).toList(), "password rules are not reported for a protected account");
        } finally {
            SambaTool.quietly("domain", "passwordsettings", "pso", "delete", pso);
            SambaTool.quietly("user", "delete", user);
        }
    }

    @Test
    void rejectsEveryViolationWithTheUsersNames() {
        PasswordResult result = refused(validator.validate(request("alice", "anders"), NOW));
        assertEquals(RequestStatus.REJECTED, result.status());
        assertEquals(List.of(ResultCode.PASSWORD_TOO_SHORT, ResultCode.PASSWORD_CONTAINS_DISPLAY_NAME,
                ResultCode.PASSWORD_NOT_COMPLEX, ResultCode.PASSWORD_BANNED), result.violations().stream().map(v -> v.code()).toList());
        assertEquals(ResultCode.PASSWORD_TOO_SHORT, result.code());
        assertEquals("Use at least 7 characters (you used 6).", result.message());
        assertEquals("policy-validator", result.reportedBy());
    }

    @Test
    void displayNameTokenFromTheDirectory() {
        PasswordResult result = refused(validator.validate(request("alice", "anders2024!"), NOW));
        assertEquals(RequestStatus.REJECTED, result.status());
        assertEquals(ResultCode.PASSWORD_CONTAINS_DISPLAY_NAME, result.code());
    }

    @Test
    void unknownUserWithAGoodPasswordLooksLikeAWrongPassword() {
        PasswordResult result = refused(validator.validate(request("nobody-here", "Winter-Sun-42"), NOW));
        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, result.code());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG.defaultMessage(), result.message());
    }

    @Test
    void unknownUserWithABadPasswordIsRejectedByTheDomainRules() {
        PasswordResult result = refused(validator.validate(request("nobody-here", "short"), NOW));
        assertEquals(RequestStatus.REJECTED, result.status());
        assertEquals(List.of(ResultCode.PASSWORD_TOO_SHORT, ResultCode.PASSWORD_NOT_COMPLEX, ResultCode.PASSWORD_BANNED),
                result.violations().stream().map(v -> v.code()).toList());
    }

    @Test
    void expiredRequest() {
        PasswordRequested request = request("alice", "Winter-Sun-42", "alice", NOW.minusSeconds(1));
        PasswordResult result = refused(validator.validate(request, NOW));
        assertEquals(RequestStatus.EXPIRED, result.status());
        assertEquals(ResultCode.REQUEST_EXPIRED, result.code());
    }

    @Test
    void secretSealedForAnotherAccountFailsWithoutOpening() {
        PasswordRequested request = request("alice", "Winter-Sun-42", "bob", NOW.plusSeconds(300));
        PasswordResult result = refused(validator.validate(request, NOW));
        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.INTERNAL_ERROR, result.code());
    }

    @Test
    void anUnreachableDirectoryIsTransientNotAVerdict() {
        // The failure rule tries the request again once the DC answers; it never ends FAILED for an outage.
        LdapConnector down = new LdapConnector(StackDirectory.reader().withUrl("ldaps://localhost:1"));
        try {
            PasswordRequestValidator unreachable = validator(down, keys());
            assertThrows(DirectoryUnavailableException.class,
                    () -> unreachable.validate(request("alice", "Winter-Sun-42"), NOW));
        } finally {
            down.close();
        }
    }

    @Test
    void unlockNeedsNoPassword() {
        PasswordRequested change = request("bob", "Winter-Sun-42");
        PasswordRequested unlock = unlock(change, new Verification(List.of(Verification.Method.mobilePhone),
                NOW.minusSeconds(30)));
        PasswordValidated event = assertInstanceOf(ValidationOutcome.Accepted.class,
                validator.validate(unlock, NOW)).event();
        assertNull(event.sealedNewPassword());
    }

    @Test
    void theValidatorSetsItsOwnExpiryNeverLongerThanAsked() {
        PasswordRequested farFuture = request("alice", "Winter-Sun-42", "alice", NOW.plus(Duration.ofDays(365)));
        PasswordValidated event = assertInstanceOf(ValidationOutcome.Accepted.class,
                validator.validate(farFuture, NOW)).event();
        assertEquals(NOW.plus(Duration.ofMinutes(5)), event.expiresAt());
    }

    @Test
    void aResetOrUnlockWithoutARecentCompletedVerificationIsRefused() {
        PasswordRequested change = request("bob", "Winter-Sun-42");
        for (Verification missing : java.util.Arrays.asList(null, new Verification(List.of(), NOW),
                new Verification(List.of(Verification.Method.email), null),
                new Verification(List.of(Verification.Method.email), NOW.minus(Duration.ofMinutes(16))),
                new Verification(List.of(Verification.Method.email), NOW.plus(Duration.ofMinutes(5))))) {
            UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                    () -> validator.validate(unlock(change, missing), NOW), String.valueOf(missing));
            assertEquals(UnprocessableEventException.Reason.REFUSED, refused.reason());
            assertEquals("bob", refused.claims().userKey());
        }
    }

    @Test
    void anAdminResetNeedsTheOperatorOfAVerifiedToken() {
        PasswordRequested change = request("bob", "Winter-Sun-42");
        PasswordRequested byNobody = new PasswordRequested(UUID.randomUUID(), change.correlationId(), NOW,
                change.expiresAt(), SsprEvent.SCHEMA_VERSION, Operation.ADMIN_RESET, "bob", "bob", null, null, null,
                "bob", false, null, new Operator("urn:sspr:local-stack", " ", null));
        UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                () -> validator.validate(byNobody, NOW));
        assertEquals(UnprocessableEventException.Reason.REFUSED, refused.reason());
    }

    // ------------------------------------------------------------------ VERIFY_PASSWORD: the account alone

    private static PasswordRequested verify(String username) {
        UUID correlationId = UUID.randomUUID();
        String userKey = UserKeys.fromUsername(username);
        String sealedCurrent;
        try (Secret current = Secret.of("Current-pass-1")) {
            sealedCurrent = forWrite.seal(current, new SealingContext(correlationId, userKey,
                    Operation.VERIFY_PASSWORD, SealingContext.Field.CURRENT_PASSWORD));
        }
        return new PasswordRequested(UUID.randomUUID(), correlationId, NOW.minusSeconds(1), NOW.plusSeconds(300),
                SsprEvent.SCHEMA_VERSION, Operation.VERIFY_PASSWORD, userKey, username, sealedCurrent, null, null,
                username, false, null, null);
    }

    @Test
    void aPasswordCheckIsDecidedOnTheAccountAloneAndPassedOnSealed() {
        PasswordRequested request = verify("alice");
        PasswordValidated event = assertInstanceOf(ValidationOutcome.Accepted.class,
                validator.validate(request, NOW)).event();

        assertEquals(Operation.VERIFY_PASSWORD, event.operation());
        assertEquals(request.sealedCurrentPassword(), event.sealedCurrentPassword(), "for the worker, unopened");
        assertNull(event.sealedNewPassword());
        assertTrue(event.objectGuid() != null, "the worker finds the account by its GUID");
    }

    @Test
    void aPasswordCheckForAnUnknownAccountLooksLikeAWrongPassword() {
        PasswordResult result = refused(validator.validate(verify("nobody-here"), NOW));

        assertEquals(RequestStatus.FAILED, result.status());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, result.code());
        assertEquals(ResultCode.CURRENT_PASSWORD_WRONG.defaultMessage(), result.message());
    }

    @Test
    void aPasswordCheckGetsTheAccountChecksOfAChange() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String user = "pvvf" + suffix;
        try {
            SambaTool.run("user", "create", user, "Start-" + suffix + "-Pw1");
            String admins = "CN=Domain Admins,CN=Users," + StackDirectory.baseDn();
            assertEquals(ResultCode.ACCOUNT_OUT_OF_SCOPE, refused(validator(connector, keys(), Optional.of(admins))
                    .validate(verify(user), NOW)).code());

            SambaTool.run("user", "disable", user);
            PasswordResult disabled = refused(validator.validate(verify(user), NOW));
            assertEquals(RequestStatus.FAILED, disabled.status());
            assertEquals(ResultCode.ACCOUNT_DISABLED, disabled.code());

            SambaTool.run("user", "enable", user);
            markProtected(user);
            assertEquals(ResultCode.ACCOUNT_PROTECTED, refused(validator.validate(verify(user), NOW)).code());
        } finally {
            SambaTool.quietly("user", "delete", user);
        }
    }

    @Test
    void aPasswordCheckWithoutTheCurrentPasswordIsRefused() {
        PasswordRequested like = verify("alice");
        PasswordRequested without = new PasswordRequested(like.eventId(), like.correlationId(), like.occurredAt(),
                like.expiresAt(), like.schemaVersion(), Operation.VERIFY_PASSWORD, like.userKey(), like.username(),
                null, null, null, like.username(), false, null, null);

        UnprocessableEventException refused = assertThrows(UnprocessableEventException.class,
                () -> validator.validate(without, NOW));
        assertEquals(UnprocessableEventException.Reason.REFUSED, refused.reason());
    }

    // ------------------------------------------------------------------ CHANGE: no answer tells who exists

    private static List<ResultCode> codes(PasswordResult result) {
        return result.violations().stream().map(v -> v.code()).toList();
    }

    /**
     * A too-short new password gets the same violations for a known account, an unknown one and each that may not
     * use self-service (disabled, protected, out of scope): which of them exists cannot be learnt from the answer.
     */
    @Test
    void aTooShortPasswordGetsTheSameAnswerWhoeverIsNamed() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String disabled = "pvd" + suffix;
        String protectedUser = "pvp" + suffix;
        String outside = "pvo" + suffix;
        String known = "pvk" + suffix;
        String group = "pvscope" + suffix;
        try {
            for (String user : List.of(disabled, protectedUser, outside, known)) {
                SambaTool.run("user", "create", user, "Start-" + suffix + "-Pw1");
            }
            SambaTool.run("user", "disable", disabled);
            markProtected(protectedUser);
            SambaTool.run("group", "add", group);
            SambaTool.run("group", "addmembers", group, known + "," + disabled + "," + protectedUser);
            PasswordRequestValidator scoped = validator(connector, keys(),
                    Optional.of("CN=" + group + ",CN=Users," + StackDirectory.baseDn()));

            PasswordResult ofKnown = refused(scoped.validate(request(known, "Xy3!"), NOW));
            assertEquals(RequestStatus.REJECTED, ofKnown.status());
            assertEquals(ResultCode.PASSWORD_TOO_SHORT, ofKnown.code());
            for (String other : List.of("pvn" + suffix, disabled, protectedUser, outside)) {
                PasswordResult answer = refused(scoped.validate(request(other, "Xy3!"), NOW));
                assertEquals(ofKnown.status(), answer.status(), other);
                assertEquals(codes(ofKnown), codes(answer), other);
                assertEquals(ofKnown.message(), answer.message(), other);
            }

            // The name rule holds the typed name as it holds a known account's sAMAccountName.
            PasswordResult knownName = refused(scoped.validate(request(known, known + "-Pw1"), NOW));
            for (String other : List.of("pvn" + suffix, disabled, protectedUser, outside)) {
                PasswordResult answer = refused(scoped.validate(request(other, other + "-Pw1"), NOW));
                assertEquals(codes(knownName), codes(answer), other);
                assertEquals(ResultCode.PASSWORD_CONTAINS_ACCOUNT_NAME, answer.code(), other);
            }
            PasswordResult byUpn = refused(scoped.validate(request("pvn" + suffix + "@example.test",
                    "pvn" + suffix + "-Pw1"), NOW));
            assertEquals(ResultCode.PASSWORD_CONTAINS_ACCOUNT_NAME, byUpn.code(), "a UPN's name before the @");

            // A password that passes gets each account's own answer (the portal shows them all as a wrong password).
            assertEquals(ResultCode.ACCOUNT_DISABLED, refused(scoped.validate(request(disabled, "Winter-Sun-42"),
                    NOW)).code());
            assertEquals(ResultCode.ACCOUNT_PROTECTED, refused(scoped.validate(request(protectedUser,
                    "Winter-Sun-42"), NOW)).code());
            assertEquals(ResultCode.ACCOUNT_OUT_OF_SCOPE, refused(scoped.validate(request(outside, "Winter-Sun-42"),
                    NOW)).code());
            assertEquals(ResultCode.CURRENT_PASSWORD_WRONG, refused(scoped.validate(request("pvn" + suffix,
                    "Winter-Sun-42"), NOW)).code());
        } finally {
            for (String user : List.of(disabled, protectedUser, outside, known)) {
                SambaTool.quietly("user", "delete", user);
            }
            SambaTool.quietly("group", "delete", group);
        }
    }

    private static void markProtected(String user) {
        String dn = new UserDirectory(connector).find(user).get(0).dn();
        LdapConnector admin = new LdapConnector(StackDirectory.admin());
        try {
            admin.call(pool -> pool.modify(dn, new com.unboundid.ldap.sdk.Modification(
                    com.unboundid.ldap.sdk.ModificationType.REPLACE, "adminCount", "1")));
        } finally {
            admin.close();
        }
    }

    private static PasswordRequested unlock(PasswordRequested like, Verification verification) {
        return new PasswordRequested(UUID.randomUUID(), like.correlationId(), NOW, like.expiresAt(),
                SsprEvent.SCHEMA_VERSION, Operation.UNLOCK, "bob", "bob", null, null, null, "bob", false, verification,
                null);
    }
}
