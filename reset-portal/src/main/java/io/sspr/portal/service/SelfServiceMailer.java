package io.sspr.portal.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.sspr.events.Operation;
import io.sspr.portal.config.PortalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * The mails of self-service: one-time codes and the notice after each successful change, reset or unlock. Sent in the
 * background (the answer to the person does not wait for SMTP, so it takes as long for every user name), retried a few
 * times; a mail that still fails is recorded, never its content. A mail asked for inside a transaction goes out only
 * once it committed (no code for a flow that was rolled back), and with every thread context cleared: a send subscribed
 * inside the transaction would carry the transaction onto the mailer's threads.
 */
@ApplicationScoped
public class SelfServiceMailer {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int RETRIES = 3;

    private final ReactiveMailer mailer;
    private final OutcomeRecorder outcomes;
    private final PortalConfig.Mail settings;
    private final Duration codeValidity;
    private final Template codeMail;
    private final Template noticeMail;
    private final TransactionSynchronizationRegistry transactions;
    private final ThreadContext noContext = ThreadContext.builder().propagated().unchanged()
            .cleared(ThreadContext.ALL_REMAINING).build();

    public SelfServiceMailer(ReactiveMailer mailer, OutcomeRecorder outcomes, PortalConfig config, Engine qute,
            TransactionSynchronizationRegistry transactions) {
        this.mailer = mailer;
        this.transactions = transactions;
        this.outcomes = outcomes;
        this.settings = config.mail();
        this.codeValidity = config.selfService().codeValidity();
        this.codeMail = qute.getTemplate("mail/code.txt");
        this.noticeMail = qute.getTemplate("mail/notice.txt");
    }

    /** Mails a one-time code for a flow ("reset", "unlock", "registration"). */
    public void sendCode(String to, String accountKey, String displayName, String flow, String code) {
        String text = codeMail.data(Map.of("name", displayName, "flow", flow, "code", code,
                "minutes", codeValidity.toMinutes(), "helpDesk", settings.helpDesk())).render();
        send(Mail.withText(to, "Your verification code", text), "code", accountKey);
    }

    /** Tells the user what just happened to the account, so that a stranger's reset does not go unnoticed. */
    public void sendNotice(String to, String accountKey, String displayName, Operation operation, Instant at) {
        String what = switch (operation) {
            case UNLOCK -> "your account was unlocked";
            case RESET -> "the password of your account was reset";
            case ADMIN_RESET -> "the help desk reset the password of your account";
            default -> "the password of your account was changed";
        };
        String text = noticeMail.data(Map.of("name", displayName, "what", what, "when", WHEN.format(at),
                "helpDesk", settings.helpDesk(), "portalUrl", settings.portalUrl())).render();
        String subject = operation == Operation.UNLOCK ? "Your account was unlocked" : "Your password was changed";
        send(Mail.withText(to, subject, text), "notice", accountKey);
    }

    private void send(Mail mail, String kind, String accountKey) {
        Runnable sending = noContext.contextualRunnable(() -> mailer.send(mail)
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(RETRIES)
                .subscribe().with(ignored -> { }, failure -> outcomes.mailNotSent(kind, accountKey, failure)));
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            sending.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    sending.run();
                }
            }
        });
    }

}
