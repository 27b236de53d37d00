import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * {@code deploy/local/stack mail ADDRESS}: the newest mail to ADDRESS on the stack's mail server (GreenMail), read over
 * IMAP with the address as user name and as password: its Date, From, To and Subject, then its text body decoded
 * (quoted-printable, base64, RFC 2047 words and multipart are Jakarta Mail's job, not ours).
 *
 * <p>Arguments: the IMAP address ({@code imap://127.0.0.1:3143}) and the recipient. Exit code 1 when the recipient has
 * no mail or the server cannot be reached.
 */
public class ReadMail {
    /** UTF-8 whatever the locale: a mail's subject and text are Unicode. */
    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ReadMail imap://HOST:PORT ADDRESS");
            System.exit(2);
        }
        URI imap = URI.create(args[0]);
        String address = args[1];
        Properties settings = new Properties();
        settings.put("mail.imap.connectiontimeout", "5000");
        settings.put("mail.imap.timeout", "10000");
        try (Store store = Session.getInstance(settings).getStore("imap")) {
            store.connect(imap.getHost(), imap.getPort(), address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                int count = inbox.getMessageCount();
                if (count == 0) {
                    System.err.println("stack: no mail for " + address + " on " + imap);
                    System.exit(1);
                }
                // IMAP numbers a folder's messages in the order they arrived: the last is the newest
                print(inbox.getMessage(count));
            } finally {
                inbox.close(false);
            }
        } catch (AuthenticationFailedException e) {
            System.err.println("stack: " + imap + " refused " + address + " as user name and password: " + e.getMessage());
            System.exit(1);
        } catch (MessagingException e) {
            System.err.println("stack: cannot read the mail of " + address + " at " + imap + ": " + e.getMessage()
                    + " (is the mail part running? deploy/local/stack status)");
            System.exit(1);
        }
    }

    private static void print(Message message) throws MessagingException, IOException {
        String[] date = message.getHeader("Date");
        OUT.println("Date:    " + (date == null ? "" : date[0]));
        OUT.println("From:    " + addresses(message.getFrom()));
        OUT.println("To:      " + addresses(message.getRecipients(Message.RecipientType.TO)));
        OUT.println("Subject: " + (message.getSubject() == null ? "" : message.getSubject()));
        OUT.println();
        String text = text(message);
        // Mail travels with CRLF line ends; a terminal wants LF
        OUT.println(text == null ? "(no text body)" : text.replace("\r\n", "\n").stripTrailing());
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress internet ? internet.toUnicodeString() : a.toString())
                .collect(Collectors.joining(", "));
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
