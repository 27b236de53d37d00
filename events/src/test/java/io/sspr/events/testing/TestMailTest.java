package io.sspr.events.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sspr.events.testing.TestMail.Mail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stack's mail part end to end: mail sent over SMTP with Jakarta Mail to {@code MAIL_SMTP_HOST:MAIL_SMTP_PORT}
 * is read back over IMAP by {@link TestMail} and printed by {@code deploy/local/stack mail ADDRESS}. Needs the running
 * mail part ({@code deploy/local/stack parts} or {@code start mail}) and {@code eval "$(deploy/local/stack env)"}.
 */
class TestMailTest {
    private static final String FROM = "SSPR Password Service <no-reply@example.test>";
    /** Non-ASCII and longer than a mail line: the subject travels RFC 2047-encoded, the text quoted-printable. */
    private static final String SUBJECT = "Your code für the password service";
    private static final String GREETING = "Grüße! This line is longer than the 76 characters of a quoted-printable "
            + "line, so it arrives with soft line breaks that must be gone again.";
    private static final Duration SCRIPT_WAIT = Duration.ofMinutes(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void readsBackWhatWasSentOverSmtp() throws Exception {
        String address = newAddress();
        assertEquals(List.of(), TestMail.messagesTo(address), "a new address has no mail");
        assertEquals(0, TestMail.mark(address));
        String code = newCode();
        Instant before = Instant.now().minusSeconds(1);

        sendText(address, SUBJECT, GREETING + "\nYour code is " + code + ". It is valid for 10 minutes.");

        Mail mail = TestMail.awaitMail(address, TestMail.subjectMatches("code"));
        assertEquals(SUBJECT, mail.subject());
        assertEquals(FROM, mail.from());
        assertEquals(List.of(address), mail.to());
        assertNotNull(mail.sent());
        assertFalse(mail.sent().isBefore(before.truncatedTo(ChronoUnit.SECONDS)),
                "sent " + mail.sent() + ", not before " + before);
        assertEquals(GREETING + "\nYour code is " + code + ". It is valid for 10 minutes.", mail.text());
        assertEquals(code, TestMail.awaitCode(address, TestMail.subjectMatches("code")));
        assertEquals(1, TestMail.messagesTo(address).size());
    }

    @Test
    void afterAMarkOnlyNewerMailCounts() throws Exception {
        String address = newAddress();
        String first = newCode();
        sendText(address, "Your code", "Your code is " + first + ".");
        assertEquals(first, TestMail.awaitCode(address, TestMail.subjectMatches("^Your code$")));
        long mark = TestMail.mark(address);
        assertTrue(mark > 0);

        String second = newCode();
        sendAlternative(address, "Your code", "<p>Your code is <b>" + second + "</b>.</p>", "Your code is " + second
                + ".");
        assertEquals(second, TestMail.awaitCode(address, TestMail.after(mark).and(TestMail.subjectMatches("code"))),
                "the newer mail's plain text");
        assertEquals(2, TestMail.messagesTo(address).size());
    }

    @Test
    void theStackPrintsTheNewestMail() throws Exception {
        String address = newAddress();
        sendText(address, "An older mail", "not this one");
        TestMail.awaitMail(address, TestMail.subjectMatches("older"));
        String code = newCode();
        sendText(address, SUBJECT, GREETING + "\nYour code is " + code + ".");
        TestMail.awaitMail(address, TestMail.subjectMatches("code"));

        Run run = stack("mail", address);
        assertEquals(0, run.exitCode(), "stack mail " + address + ": " + run.stderr());
        assertTrue(run.stdout().startsWith("Date:    "), run.stdout());
        assertTrue(run.stdout().contains("\nFrom:    " + FROM + "\n"), run.stdout());
        assertTrue(run.stdout().contains("\nTo:      " + address + "\n"), run.stdout());
        assertTrue(run.stdout().contains("\nSubject: " + SUBJECT + "\n"), run.stdout());
        assertTrue(run.stdout().contains(GREETING + "\nYour code is " + code + "."), run.stdout());
        assertFalse(run.stdout().contains("not this one"), "only the newest mail: " + run.stdout());
    }

    @Test
    void theStackSaysWhenThereIsNoMail() throws Exception {
        String address = newAddress();

        Run run = stack("mail", address);
        assertEquals(1, run.exitCode(), run.stdout());
        assertTrue(run.stderr().contains("no mail for " + address), run.stderr());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String newAddress() {
        return "testmail-" + UUID.randomUUID() + "@example.test";
    }

    private static String newCode() {
        return "%06d".formatted(RANDOM.nextInt(1_000_000));
    }

    private static void sendText(String to, String subject, String text) throws MessagingException {
        MimeMessage message = message(to, subject);
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    /** multipart/alternative with the HTML part first: the plain text must still be the one read. */
    private static void sendAlternative(String to, String subject, String html, String text)
            throws MessagingException {
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeMessage message = message(to, subject);
        message.setContent(new MimeMultipart("alternative", htmlPart, textPart));
        Transport.send(message);
    }

    private static MimeMessage message(String to, String subject) throws MessagingException {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", RealParts.env("MAIL_SMTP_HOST"));
        settings.put("mail.smtp.port", RealParts.env("MAIL_SMTP_PORT"));
        settings.put("mail.smtp.connectiontimeout", "5000");
        settings.put("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(settings));
        message.setFrom(new InternetAddress(FROM));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        return message;
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** The stack script ($SSPR_STACK when set, as in e2e; else this checkout's), its output kept apart. */
    private static Run stack(String... args) throws IOException, InterruptedException {
        String configured = System.getenv("SSPR_STACK");
        Path script = configured != null && !configured.isBlank() ? Path.of(configured)
                : repoRoot().resolve("deploy/local/stack");
        Path out = Files.createTempFile("stack-mail", ".out");
        Path err = Files.createTempFile("stack-mail", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(script.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectOutput(Redirect.to(out.toFile()))
                    .redirectError(Redirect.to(err.toFile())).start();
            if (!process.waitFor(SCRIPT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(script + " " + String.join(" ", args) + " did not end in " + SCRIPT_WAIT);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("deploy/local/stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/local/stack above " + Path.of("").toAbsolutePath());
    }
}
