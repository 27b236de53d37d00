package io.sspr.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the portal, from {@code sspr.portal.*}. */
@ConfigMapping(prefix = "sspr.portal")
public interface PortalConfig {

    /** How long a request may take before the pipeline must not apply it any more. */
    @WithDefault("5m")
    Duration requestTtl();

    /**
     * How long to wait for Kafka to acknowledge a request before answering 503. It must cover the producer's own
     * {@code max.block.ms} + {@code delivery.timeout.ms} (checked at start): until those run out Kafka may still
     * deliver the request, and a user told "failed" must not find the password changed.
     */
    @WithDefault("15s")
    Duration publishTimeout();

    /**
     * Extra time after expiresAt before the portal itself calls a request EXPIRED, so a result that the
     * pipeline published just in time still wins.
     */
    @WithDefault("30s")
    Duration expiryGrace();

    /** Reset, unlock and authenticator registration. */
    SelfService selfService();

    /** The mails the portal sends. */
    Mail mail();

    interface SelfService {
        /** How many methods (mailed code, authenticator app) a reset or unlock needs: 1 or 2. */
        @WithDefault("1")
        int methodsRequired();

        /** Whether a locked-out user may unlock the account without resetting the password (the seed recommends it). */
        @WithDefault("true")
        boolean unlockAllowed();

        /** How long a mailed code stays valid. */
        @WithDefault("10m")
        Duration codeValidity();

        /** Wrong codes a flow accepts before its code is spent. */
        @WithDefault("5")
        int codeTries();

        /** How long a flow may take from its start to its completion. */
        @WithDefault("15m")
        Duration flowValidity();

        /** Failed verifications or wrong current passwords per account within {@link #failureWindow()} before a block. */
        @WithDefault("5")
        int failuresAllowed();

        @WithDefault("1h")
        Duration failureWindow();

        /** How long self-service stays blocked for an account after too many failures (Entra: 24 hours). */
        @WithDefault("24h")
        Duration blockDuration();

        /** Self-service requests one client address may make per minute. */
        @WithDefault("60")
        int clientRequestsPerMinute();

        /**
         * Every first answer of a flow takes at least this long, so that known and unknown user names cannot be told
         * apart by the time the answer takes.
         */
        @WithDefault("150ms")
        Duration minimumAnswerTime();

        /** The issuer shown in authenticator apps. */
        @WithDefault("SSPR Writeback")
        String authenticatorIssuer();
    }

    interface Mail {
        /** Who people should call if a mail surprises them; it ends the notification mails. */
        @WithDefault("the help desk")
        String helpDesk();

        /** Where people find the portal, for links in mails. */
        @WithDefault("http://localhost:8080")
        String portalUrl();
    }
}
