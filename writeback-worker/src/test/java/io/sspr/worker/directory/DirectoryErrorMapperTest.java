package io.sspr.worker.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPException;
import io.sspr.events.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryErrorMapperTest {
    private static final com.unboundid.ldap.sdk.ResultCode CONSTRAINT =
            com.unboundid.ldap.sdk.ResultCode.CONSTRAINT_VIOLATION;

    /** Diagnostic messages observed on the local Samba 4.17 DC. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "19|0000052D: Constraint violation - check_password_restrictions: the password is too short. It should be equal or longer than 7 characters!|PASSWORD_TOO_SHORT",
        "19|0000052D: Constraint violation - check_password_restrictions: the password does not meet the complexity criteria!|PASSWORD_NOT_COMPLEX",
        "19|0000052D: Constraint violation - check_password_restrictions: the password was already used (in history)!|PASSWORD_IN_HISTORY",
        "19|0000052D: Constraint violation - check_password_restrictions: the password was already used (previous password)!|PASSWORD_IN_HISTORY",
        "19|0000052D: Constraint violation - check_password_restrictions: password is too young to change!|PASSWORD_TOO_YOUNG",
        "19|00000056: Constraint violation - check_password_restrictions: The old password specified doesn't match!|CURRENT_PASSWORD_WRONG",
        "49|80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1|CURRENT_PASSWORD_WRONG",
        "49|80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 533, v1db1|ACCOUNT_DISABLED",
        "50|error in module acl: insufficient access rights during LDB_MODIFY (50)|ACCESS_DENIED",
        "50|00002098: Object CN=u1,CN=Users,DC=example,DC=test has no write property access|ACCESS_DENIED",
        "19|00000775: Password change not permitted, account locked out! at ../../source4/dsdb/samdb/ldb_modules/password_hash.c:3929:setup_io|ACCOUNT_LOCKED",
        "49|80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 775, v1db1|ACCOUNT_LOCKED",
        "12|Unavailable Critical Extension|INTERNAL_ERROR",
        "32|00002030: No such Base DN: CN=nobody,CN=Users,DC=example,DC=test|USER_NOT_FOUND",
    })
    void mapsSambaDiagnostics(int ldapCode, String diagnostic, ResultCode expected) {
        assertEquals(expected, DirectoryErrorMapper.map(com.unboundid.ldap.sdk.ResultCode.valueOf(ldapCode), diagnostic));
    }

    /** Windows AD's documented forms: the extended code is the whole story, the result code differs from Samba's. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "53|0000052D: SvcErr: DSID-031A1248, problem 5003 (WILL_NOT_PERFORM), data 0|PASSWORD_POLICY",
        "19|0000052D: AtrErr: DSID-03191083, #1:\t0: 0000052D: DSID-03191083, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)|PASSWORD_POLICY",
        "19|00000056: AtrErr: DSID-03190F80, #1:\t0: 00000056: DSID-03190F80, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)|CURRENT_PASSWORD_WRONG",
        "50|00000005: SecErr: DSID-031A1248, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0|ACCESS_DENIED",
        "53|00000775: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0|ACCOUNT_LOCKED",
        "53|00000533: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0|ACCOUNT_DISABLED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 775, v4563|ACCOUNT_LOCKED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 525, v4563|USER_NOT_FOUND",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 701, v4563|ACCOUNT_DISABLED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 773, v4563|INTERNAL_ERROR",
        "32|0000208D: NameErr: DSID-03100241, problem 2001 (NO_OBJECT), data 0, best match of: 'CN=Users,DC=example,DC=test'|USER_NOT_FOUND",
        "53|00002077: SvcErr: DSID-03190F32, problem 5003 (WILL_NOT_PERFORM), data 0|INTERNAL_ERROR",
    })
    void mapsActiveDirectoryDiagnostics(int ldapCode, String diagnostic, ResultCode expected) {
        assertEquals(expected, DirectoryErrorMapper.map(com.unboundid.ldap.sdk.ResultCode.valueOf(ldapCode), diagnostic));
    }

    /**
     * A bind as the user (VERIFY_PASSWORD): 532 and 773 are given only to the right password, so they confirm it;
     * the rest is what {@code map} says.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "49|80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 52e, v1db1|CURRENT_PASSWORD_WRONG",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 773, v4563|CURRENT_PASSWORD_CONFIRMED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 532, v4563|CURRENT_PASSWORD_CONFIRMED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 775, v4563|ACCOUNT_LOCKED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 533, v4563|ACCOUNT_DISABLED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 701, v4563|ACCOUNT_DISABLED",
        "49|80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 530, v4563|ACCESS_DENIED",
        "49|Invalid credentials|CURRENT_PASSWORD_WRONG",
        "81|the connection was closed before the bind's answer came|DIRECTORY_UNAVAILABLE",
        "85|response timeout|DIRECTORY_UNAVAILABLE",
        "53|data 773 in a text that is not a refused bind|INTERNAL_ERROR",
    })
    void mapsBindsAsTheUser(int ldapCode, String diagnostic, ResultCode expected) {
        assertEquals(expected,
                DirectoryErrorMapper.mapBind(com.unboundid.ldap.sdk.ResultCode.valueOf(ldapCode), diagnostic));
    }

    @Test
    void constraintViolationWithoutTextIsPolicyOnlyWhenTheCodeSaysSo() {
        assertEquals(ResultCode.PASSWORD_POLICY, DirectoryErrorMapper.map(CONSTRAINT, "0000052d: something new"));
        assertEquals(ResultCode.INTERNAL_ERROR, DirectoryErrorMapper.map(CONSTRAINT, null));
    }

    @Test
    void connectionProblemsMeanTheDirectoryIsUnavailable() {
        for (var code : new com.unboundid.ldap.sdk.ResultCode[] {com.unboundid.ldap.sdk.ResultCode.CONNECT_ERROR,
                com.unboundid.ldap.sdk.ResultCode.SERVER_DOWN, com.unboundid.ldap.sdk.ResultCode.TIMEOUT,
                com.unboundid.ldap.sdk.ResultCode.UNAVAILABLE, com.unboundid.ldap.sdk.ResultCode.BUSY}) {
            assertEquals(ResultCode.DIRECTORY_UNAVAILABLE,
                    DirectoryErrorMapper.map(new LDAPException(code, "An error occurred while attempting to connect")));
        }
    }

    @Test
    void theSdkMessageIsUsedWhenTheServerSentNoDiagnostic() {
        LDAPException e = new LDAPException(com.unboundid.ldap.sdk.ResultCode.CONNECT_ERROR, "connect refused");
        assertEquals("connect refused", DirectoryErrorMapper.textOf(e));
    }

    @Test
    void extractsCodesInUpperCase() {
        assertEquals("0000052D", DirectoryErrorMapper.extendedCode("0000052d: x").orElseThrow());
        assertEquals("0000052E", DirectoryErrorMapper.bindSubCode("comment: AcceptSecurityContext error, data 52e, v1db1").orElseThrow());
    }
}
