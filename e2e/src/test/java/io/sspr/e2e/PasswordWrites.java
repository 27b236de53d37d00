package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.testing.RealParts;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How many times the DC wrote each account's password: the {@code version} of {@code unicodePwd} in the account's
 * {@code replPropertyMetaData}, which Samba increments on every password write, read straight from {@code sam.ldb}
 * with {@code ldbsearch} (so it works while the DC is stopped, too).
 *
 * @param samLdb the DC's database
 * @param baseDn where the accounts are
 */
record PasswordWrites(Path samLdb, String baseDn) {
    private static final Pattern ACCOUNT = Pattern.compile("^sAMAccountName: (\\S+)\\s*$");
    private static final Pattern UNICODE_PWD = Pattern.compile("attid\\s*:\\s*DRSUAPI_ATTID_unicodePwd\\b");
    private static final Pattern VERSION = Pattern.compile("version\\s*:\\s*0x[0-9a-fA-F]+ \\((\\d+)\\)");

    /** From {@code SAMBA_SMB_CONF} ({@code <dir>/etc/smb.conf}; the database is {@code <dir>/private/sam.ldb}). */
    static PasswordWrites fromEnvironment(RunningStack parts) {
        String smbConf = RealParts.env("SAMBA_SMB_CONF");
        Path samLdb = Path.of(smbConf).toAbsolutePath().getParent().resolveSibling("private").resolve("sam.ldb");
        if (!Files.isReadable(samLdb)) {
            fail(samLdb + " (from SAMBA_SMB_CONF) is not readable: " + RealParts.HINT);
        }
        return new PasswordWrites(samLdb, parts.ldapBaseDn());
    }

    /** sAMAccountName → the unicodePwd version; an account the DC does not have is missing from the map. */
    Map<String, Integer> versions(Collection<String> accounts) throws IOException, InterruptedException {
        String filter = accounts.stream().map(a -> "(sAMAccountName=" + a + ")")
                .collect(Collectors.joining("", "(|", ")"));
        Process process;
        try {
            process = new ProcessBuilder(List.of("ldbsearch", "--show-binary", "-H", samLdb.toString(), "-s", "sub",
                    "-b", baseDn, filter, "sAMAccountName", "replPropertyMetaData"))
                    .redirectError(Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("ldbsearch is missing: apt-get install -y ldb-tools", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("ldbsearch on " + samLdb + " failed");
        }
        return parse(output);
    }

    static Map<String, Integer> parse(String ldbsearchOutput) {
        Map<String, Integer> versions = new HashMap<>();
        String account = null;
        Integer version = null;
        boolean inUnicodePwd = false;
        for (String line : ldbsearchOutput.split("\n")) {
            if (line.startsWith("# record") || line.startsWith("# returned")) {
                if (account != null && version != null) {
                    versions.put(account, version);
                }
                account = null;
                version = null;
                inUnicodePwd = false;
                continue;
            }
            Matcher name = ACCOUNT.matcher(line);
            if (name.matches()) {
                account = name.group(1).toLowerCase();
            } else if (UNICODE_PWD.matcher(line).find()) {
                inUnicodePwd = true;
            } else if (line.contains("attid")) {
                inUnicodePwd = false;
            } else if (inUnicodePwd) {
                Matcher number = VERSION.matcher(line);
                if (number.find()) {
                    version = Integer.valueOf(number.group(1));
                    inUnicodePwd = false;
                }
            }
        }
        if (account != null && version != null) {
            versions.put(account, version);
        }
        return versions;
    }
}
