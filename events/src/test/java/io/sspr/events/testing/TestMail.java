package io.sspr.events.testing;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail the system sent, as its recipient reads it: the stack's mail server (GreenMail) over IMAP at
 * {@code MAIL_IMAP_URL}, logged in with the recipient's address as user name and password, read with Jakarta Mail.
 *
 * <p>The stack keeps mail until its mail part stops, so a mailbox may hold mail of earlier runs: pick the mail a test
 * waits for by what only it has (a new address, a subject, a text) or by {@link #after(long)} a {@link #mark(String)}
 * taken before the action that sends it.
 *
 * <p>A module that uses this class declares {@code org.eclipse.angus:angus-mail} (version in the root pom) and
 * {@code org.awaitility:awaitility} as its own test dependencies: the events test-jar does not bring its test-scoped
 * dependencies along.
 */
public final class TestMail {
    /** How long a test waits for a mail the system under test should send. */
    public static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    private static final Pattern CODE_LINE = Pattern.compile("(?m)^\\s*(\\d{6})\\s*$");
    private static final Pattern CODE = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");
    private static final Duration POLL = Duration.ofMillis(250);

    private TestMail() {
    }

    /**
     * One mail as its recipient got it.
     *
     * @param uid its place in the recipient's inbox: mail that arrived later has a greater one
     * @param from the sender as written ({@code SSPR Password Service <no-reply@example.test>})
     * @param to the To recipients, each as written
     * @param sent its Date header (null without one)
     * @param text the text/plain body decoded, with LF line ends (the text/html one when there is no plain text; ""
     *     without either)
     */
    public record Mail(long uid, String subject, String from, List<String> to, Instant sent, String text) {
    }

    /** Every mail to the address, oldest first; none when nothing was sent to it. */
    public static List<Mail> messagesTo(String address) {
        URI imap = URI.create(RealParts.env("MAIL_IMAP_URL"));
        Properties settings = new Properties();
        settings.put("mail.imap.connectiontimeout", "5000");
        settings.put("mail.imap.timeout", "10000");
        try (Store store = Session.getInstance(settings).getStore("imap")) {
            store.connect(imap.getHost(), imap.getPort(), address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] messages = inbox.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.ENVELOPE);
                profile.add(UIDFolder.FetchProfileItem.UID);
                inbox.fetch(messages, profile);
                List<Mail> mails = new ArrayList<>();
                for (Message message : messages) {
                    mails.add(read(((UIDFolder) inbox).getUID(message), message));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read the mail of " + address + " at " + imap + ": " + e
                    + "; is the mail part running? `deploy/local/stack start mail`, or " + RealParts.HINT, e);
        }
    }

    /** Where the address's inbox ends now (0 when empty): {@link #after(long)} it picks only mail that comes later. */
    public static long mark(String address) {
        List<Mail> mails = messagesTo(address);
        return mails.isEmpty() ? 0 : mails.get(mails.size() - 1).uid();
    }

    /** Mail that arrived after the {@link #mark(String)}. */
    public static Predicate<Mail> after(long mark) {
        return mail -> mail.uid() > mark;
    }

    /** Mail whose subject contains a match of the regular expression. */
    public static Predicate<Mail> subjectMatches(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return mail -> mail.subject() != null && pattern.matcher(mail.subject()).find();
    }

    /** The newest mail to the address that matches, waiting up to {@link #MAIL_WAIT} for it. */
    public static Mail awaitMail(String address, Predicate<Mail> which) {
        return awaitMail(address, which, MAIL_WAIT);
    }

    /** The newest mail to the address that matches, waiting for it; fails after the wait. */
    public static Mail awaitMail(String address, Predicate<Mail> which, Duration wait) {
        return await("a matching mail to " + address).atMost(wait).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> newest(address, which), Optional::isPresent).orElseThrow();
    }

    /**
     * The 6-digit code in the newest mail to the address that matches (e.g. {@code subjectMatches("code")}, and
     * {@code after(mark)}), waiting up to {@link #MAIL_WAIT} for it.
     */
    public static String awaitCode(String address, Predicate<Mail> which) {
        return awaitCode(address, which, MAIL_WAIT);
    }

    public static String awaitCode(String address, Predicate<Mail> which, Duration wait) {
        return code(awaitMail(address, which, wait));
    }

    /**
     * The code of the mail: the one line that holds nothing but six digits, else the one 6-digit number in its text;
     * fails when it has none, or several different ones.
     */
    public static String code(Mail mail) {
        Matcher line = CODE_LINE.matcher(mail.text());
        if (line.find()) {
            String code = line.group(1);
            if (!line.find()) {
                return code;
            }
        }
        Matcher matcher = CODE.matcher(mail.text());
        List<String> codes = new ArrayList<>();
        while (matcher.find()) {
            if (!codes.contains(matcher.group())) {
                codes.add(matcher.group());
            }
        }
        if (codes.size() != 1) {
            // the subject only: the text is what carries the code
            throw new AssertionError("expected one 6-digit code in the mail \"" + mail.subject() + "\" to " + mail.to()
                    + ", found " + codes.size());
        }
        return codes.get(0);
    }

    private static Optional<Mail> newest(String address, Predicate<Mail> which) {
        List<Mail> mails = messagesTo(address);
        for (int i = mails.size() - 1; i >= 0; i--) {
            if (which.test(mails.get(i))) {
                return Optional.of(mails.get(i));
            }
        }
        return Optional.empty();
    }

    private static Mail read(long uid, Message message) throws MessagingException, IOException {
        String text = text(message);
        return new Mail(uid, message.getSubject(), written(message.getFrom()),
                Arrays.stream(Optional.ofNullable(message.getRecipients(Message.RecipientType.TO))
                        .orElse(new Address[0])).map(TestMail::written).toList(),
                message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                text == null ? "" : text.replace("\r\n", "\n"));
    }

    private static String written(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? null : written(addresses[0]);
    }

    private static String written(Address address) {
        return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
    }

    /** The text/plain body, else the text/html one, looking into multipart parts; null without either. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                Part child = multipart.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                    continue;
                }
                if (child.isMimeType("text/html")) {
                    html = html == null ? (String) child.getContent() : html;
                    continue;
                }
                String text = text(child);
                if (text != null) {
                    return text;
                }
            }
            return html;
        }
        return part.isMimeType("text/html") ? (String) part.getContent() : null;
    }
}
