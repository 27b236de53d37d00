package io.sspr.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UserKeysTest {
    @ParameterizedTest
    @ValueSource(strings = {"alice", "j.doe", "jean-luc_2", "émile", "alice@example.test"})
    void ordinaryNamesAreValid(String name) {
        assertTrue(UserKeys.isValidUsername(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "alice)(cn=*", "a\\2a", "al(ice", "", " ", "cn=admin,dc=x", "a\"b", "x@y@z",
            "averyveryverylongaccountname"})
    void filterAndDnSyntaxIsInvalid(String name) {
        assertFalse(UserKeys.isValidUsername(name));
    }

    @Test
    void keyIsLowerCase() {
        assertEquals("alice@example.test", UserKeys.fromUsername("Alice@Example.TEST"));
    }
}
