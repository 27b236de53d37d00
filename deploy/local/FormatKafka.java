import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats the broker's KRaft storage with its bootstrap SCRAM-SHA-512 users ({@code kafka-storage format --add-scram},
 * i.e. kafka.tools.StorageTool): run as a single-file program by deploy/local/stack with the broker's jars on the class
 * path, so the passwords are read from their files here and never appear on a command line.
 *
 * <pre>
 *   FormatKafka CLUSTER_ID SERVER_PROPERTIES USER=PASSWORD_FILE...
 * </pre>
 */
public class FormatKafka {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FormatKafka CLUSTER_ID SERVER_PROPERTIES USER=PASSWORD_FILE...");
            System.exit(2);
        }
        List<String> format = new ArrayList<>(List.of("format", "--cluster-id", args[0], "--config", args[1]));
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String user = args[i].substring(0, eq);
            String password = Files.readString(Path.of(args[i].substring(eq + 1))).strip();
            if (!password.matches("[A-Za-z0-9_-]+")) {
                System.err.println("the password of " + user + " must be letters, digits, '-' or '_'");
                System.exit(2);
            }
            format.add("--add-scram");
            format.add("SCRAM-SHA-512=[name=" + user + ",password=" + password + "]");
        }
        kafka.tools.StorageTool.main(format.toArray(String[]::new));
    }
}
