package io.sspr.validator.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class RulesProducerTest {

    @Test
    void acceptsUpToAThousandTermsOfFourToSixteenCharacters() {
        assertDoesNotThrow(() -> RulesProducer.checkCustomTerms(Collections.nCopies(1000, "contoso")));
        assertDoesNotThrow(() -> RulesProducer.checkCustomTerms(List.of("abcd", "abcdefghijklmnop")));
    }

    @Test
    void refusesMoreThanAThousandTermsWithTheReason() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RulesProducer.checkCustomTerms(Collections.nCopies(1001, "contoso")));
        assertTrue(refused.getMessage().contains("at most 1000"), refused.getMessage());
    }

    @Test
    void refusesTermsThatAreTooShortOrTooLongAndSaysWhich() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RulesProducer.checkCustomTerms(List.of("contoso", "abc")));
        assertTrue(refused.getMessage().contains("custom-terms[1]"), refused.getMessage());
        assertThrows(IllegalStateException.class,
                () -> RulesProducer.checkCustomTerms(List.of("abcdefghijklmnopq")));
    }
}
