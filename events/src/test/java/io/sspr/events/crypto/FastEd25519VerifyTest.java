package io.sspr.events.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.signature.Ed25519Parameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bouncy Castle's check answers exactly as Tink's own keyset verifier for every key variant, rotation and forgery. */
class FastEd25519VerifyTest {
    /** Registers Tink's signature keys before any is generated here. */
    private static final Configuration CONFIG = Keysets.CONFIG;
    private static final byte[] DATA = "type|source|id|key|{\"value\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void agreesWithTinkForEveryVariant() throws Exception {
        for (Ed25519Parameters.Variant variant : new Ed25519Parameters.Variant[] {Ed25519Parameters.Variant.TINK,
                Ed25519Parameters.Variant.CRUNCHY, Ed25519Parameters.Variant.LEGACY,
                Ed25519Parameters.Variant.NO_PREFIX}) {
            KeysetHandle keyset = KeysetHandle.generateNew(Ed25519Parameters.create(variant));
            byte[] signature = sign(keyset, DATA);
            assertAgree(keyset, signature, DATA, true, variant + " signature");
            assertAgree(keyset, signature, changed(DATA), false, variant + " changed data");
            assertAgree(keyset, changed(signature), DATA, false, variant + " changed signature");
            assertAgree(keyset, Arrays.copyOf(signature, signature.length - 1), DATA, false, variant + " short");
            assertAgree(keyset, Arrays.copyOf(signature, signature.length + 1), DATA, false, variant + " long");
        }
    }

    @Test
    void acceptsEveryEnabledKeyOfARotatedKeysetAndNoDisabledOne() throws Exception {
        KeysetHandle old = Keysets.newSigningKeyset();
        KeysetHandle rotated = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.generateEntryFromParametersName(Keysets.SIGNING_TEMPLATE).withRandomId()
                        .makePrimary())
                .build();
        byte[] oldSignature = sign(old, DATA);
        byte[] newSignature = sign(rotated, DATA);
        assertAgree(rotated, oldSignature, DATA, true, "signature of the former primary key");
        assertAgree(rotated, newSignature, DATA, true, "signature of the new primary key");

        KeysetHandle.Builder builder = KeysetHandle.newBuilder(rotated);
        builder.getAt(0).setStatus(KeyStatus.DISABLED);
        KeysetHandle retired = builder.build();
        assertAgree(retired, oldSignature, DATA, false, "signature of a disabled key");
        assertAgree(retired, newSignature, DATA, true, "signature of the enabled key");
    }

    @Test
    void refusesAnotherKeysetsSignature() throws Exception {
        KeysetHandle trusted = Keysets.newSigningKeyset();
        KeysetHandle other = KeysetHandle.generateNew(KeyTemplates.get("ED25519"));
        assertAgree(trusted, sign(other, DATA), DATA, false, "another keyset's signature");
        KeysetHandle raw = KeysetHandle.generateNew(KeyTemplates.get("ED25519_RAW"));
        KeysetHandle otherRaw = KeysetHandle.generateNew(KeyTemplates.get("ED25519_RAW"));
        assertAgree(raw, sign(otherRaw, DATA), DATA, false, "another raw key's signature");
    }

    private static byte[] sign(KeysetHandle keyset, byte[] data) throws GeneralSecurityException {
        return keyset.getPrimitive(CONFIG, PublicKeySign.class).sign(data);
    }

    private static void assertAgree(KeysetHandle privateKeyset, byte[] signature, byte[] data, boolean expected,
            String what) throws GeneralSecurityException {
        KeysetHandle keyset = Keysets.publicPart(privateKeyset);
        PublicKeyVerify fast = FastEd25519Verify.of(keyset).orElseThrow();
        PublicKeyVerify tink = keyset.getPrimitive(CONFIG, PublicKeyVerify.class);
        assertEquals(expected, verifies(tink, signature, data), what + ": Tink");
        assertEquals(expected, verifies(fast, signature, data), what + ": Bouncy Castle");
    }

    private static boolean verifies(PublicKeyVerify verify, byte[] signature, byte[] data) {
        try {
            verify.verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] changed(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 1;
        assertTrue(!Arrays.equals(bytes, copy));
        return copy;
    }
}
