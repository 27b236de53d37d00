package io.sspr.events.crypto;

import static io.sspr.events.Services.ADMIN;
import static io.sspr.events.Services.AUDIT_SERVICE;
import static io.sspr.events.Services.POLICY_VALIDATOR;
import static io.sspr.events.Services.RESET_PORTAL;
import static io.sspr.events.Services.WRITEBACK_WORKER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who holds which keyset: each service its own signing key, the public keys of the producers it consumes, and only
 * the sealing keys its work needs. The portal seals a new password twice, once for the validator's check and once
 * for the worker's write, so the internet-facing portal opens nothing and only the worker can open what it writes.
 * The local stack, docker-compose and the Kubernetes manifests hand out exactly these files (a test checks them).
 */
public final class KeyHolders {
    /** File names inside a holder's key folder. */
    public static final String SIGNING_PRIVATE = "signing-private.json";
    public static final String SEALING_PRIVATE = "sealing-private.json";
    public static final String SEALING_PUBLIC = "sealing-public.json";
    public static final String VALIDATION_SEALING_PRIVATE = "validation-sealing-private.json";
    public static final String VALIDATION_SEALING_PUBLIC = "validation-sealing-public.json";
    public static final String TRUSTED_DIR = "trusted";
    /** The portal's own HMAC keyset: one-time codes are stored as their MAC, never in clear. */
    public static final String CODE_MAC_PRIVATE = "code-mac-private.json";
    /** The portal's own AEAD keyset: authenticator-app secrets are stored encrypted with it. */
    public static final String SECRET_STORAGE_PRIVATE = "secret-storage-private.json";

    /** The producers whose signatures each holder checks. */
    public static final Map<String, List<String>> TRUSTS = Map.of(
            RESET_PORTAL, List.of(POLICY_VALIDATOR, WRITEBACK_WORKER, RESET_PORTAL, ADMIN),
            POLICY_VALIDATOR, List.of(RESET_PORTAL, ADMIN),
            WRITEBACK_WORKER, List.of(POLICY_VALIDATOR, RESET_PORTAL, ADMIN),
            AUDIT_SERVICE, List.of(RESET_PORTAL, POLICY_VALIDATOR, WRITEBACK_WORKER, AUDIT_SERVICE, ADMIN),
            ADMIN, List.of());

    /** Sealing keysets beyond the signing ones, per holder. */
    private static final Map<String, List<String>> SEALING = Map.of(
            RESET_PORTAL, List.of(SEALING_PUBLIC, VALIDATION_SEALING_PUBLIC, CODE_MAC_PRIVATE, SECRET_STORAGE_PRIVATE),
            POLICY_VALIDATOR, List.of(VALIDATION_SEALING_PRIVATE),
            WRITEBACK_WORKER, List.of(SEALING_PRIVATE),
            AUDIT_SERVICE, List.of(),
            ADMIN, List.of());

    private KeyHolders() {
    }

    public static String trusted(String producer) {
        return TRUSTED_DIR + "/" + producer + ".json";
    }

    /** Every file a holder's key folder holds, and nothing more. */
    public static List<String> filesOf(String holder) {
        if (!TRUSTS.containsKey(holder)) {
            throw new IllegalArgumentException("unknown key holder " + holder);
        }
        List<String> files = new ArrayList<>();
        files.add(SIGNING_PRIVATE);
        files.addAll(SEALING.get(holder));
        TRUSTS.get(holder).forEach(producer -> files.add(trusted(producer)));
        return List.copyOf(files);
    }

    /** The private keysets among a holder's files. */
    public static boolean isPrivate(String file) {
        return file.endsWith("-private.json");
    }
}
