package io.sspr.worker.directory;

/**
 * @param selfService a user's forgotten-password reset: sent with the policy-hints control where the DC offers it,
 *        so the DC applies password history as for a change (an admin reset skips history, as in AD)
 * @param mustChangeAtNextLogon also set {@code pwdLastSet: 0}
 */
public record ResetOptions(boolean selfService, boolean mustChangeAtNextLogon) {
}
