package io.sspr.validator.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import io.sspr.validator.policy.lists.BannedPasswordCheck;
import io.sspr.validator.policy.lists.BannedTerms;
import io.sspr.validator.policy.lists.BreachedPasswords;
import io.sspr.validator.policy.lists.GlobalBannedList;
import io.sspr.validator.policy.lists.HibpFiles;
import io.sspr.validator.policy.ComplexityDialect;
import io.sspr.validator.policy.PasswordPolicy;
import io.sspr.validator.policy.PasswordRules;
import io.sspr.validator.policy.PolicyChecker;
import io.sspr.validator.policy.UserNames;

/**
 * Checks per second on one thread with every rule on (global list, 1000 custom terms, 1 million breached hashes),
 * p99 of one check, bytes per breached entry; the directory rules alone are the baseline, measured in the same run.
 * Not part of {@code mvn verify}: figures come from a quiet machine, not from a test.
 *
 *   mvn -q -pl policy-validator -Pbench test-compile exec:java
 */
public final class PolicyBenchmark {

    private static final int CANDIDATES = 10_000;
    private static final int BREACHED_ENTRIES = 1_000_000;

    public static void main(String[] args) throws Exception {
        Path hibp = HibpFiles.fullHashFile(Path.of("target/bench/pwned-1m.txt"), BREACHED_ENTRIES, 7, "Summer2024!");
        BreachedPasswords breached = BreachedPasswords.load(hibp, 1);

        List<String> custom = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            custom.add(word(random, 4 + random.nextInt(9)));
        }
        List<String> terms = new ArrayList<>(GlobalBannedList.mostCommon(10_000));
        terms.addAll(custom);
        PasswordRules allRules = new PasswordRules(Optional.of(new BannedPasswordCheck(new BannedTerms(terms))),
                Optional.of(breached));
        PolicyChecker directoryRules = new PolicyChecker();
        PasswordPolicy policy = new PasswordPolicy(7, 256, true, ComplexityDialect.SAMBA, 24, Duration.ZERO,
                Duration.ofDays(42));
        UserNames names = new UserNames("alice", "Alice Anders");
        List<String> candidates = candidates(random, custom);

        Result baseline = measure(candidates, p -> directoryRules.check(p, policy, names));
        Result all = measure(candidates, p -> allRules.check(p, policy, names));

        System.out.printf("candidates: %d passwords, 1 thread, %d banned terms (1000 custom), %d breached hashes%n",
                candidates.size(), terms.size(), breached.size());
        System.out.printf("directory rules only (baseline): %,10.0f checks/s  p50 %6.1f us  p99 %6.1f us%n",
                baseline.perSecond, baseline.p50Micros, baseline.p99Micros);
        System.out.printf("all rules:                       %,10.0f checks/s  p50 %6.1f us  p99 %6.1f us"
                + "  (%.2f of baseline)%n", all.perSecond, all.p50Micros, all.p99Micros, all.perSecond / baseline.perSecond);
        // Exact: the structure is one long[] (array header + 8 bytes an entry); a heap-usage delta is noisier.
        System.out.printf("breached set: %.1f bytes/entry (%,d bytes for %,d entries)%n",
                (double) breached.footprintBytes() / breached.size(), breached.footprintBytes(), breached.size());
        System.out.printf("aims: >= 20,000 checks/s: %s; p99 < 1 ms: %s; < 32 bytes/entry: %s%n",
                all.perSecond >= 20_000, all.p99Micros < 1000, breached.footprintBytes() / breached.size() < 32);
    }

    record Result(double perSecond, double p50Micros, double p99Micros) {
    }

    private static Result measure(List<String> candidates, Consumer<String> check) {
        for (int round = 0; round < 5; round++) { // warm-up: let the JIT compile the paths
            candidates.forEach(check);
        }
        int rounds = 5;
        long[] nanos = new long[candidates.size() * rounds];
        int n = 0;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (String password : candidates) {
                long t0 = System.nanoTime();
                check.accept(password);
                nanos[n++] = System.nanoTime() - t0;
            }
        }
        long total = System.nanoTime() - start;
        Arrays.sort(nanos);
        return new Result(n * 1e9 / total, nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3);
    }

    /** A mix people type: strong random, common with decorations, names, custom terms, passphrases. */
    private static List<String> candidates(Random random, List<String> custom) {
        List<String> common = GlobalBannedList.mostCommon(2000);
        List<String> candidates = new ArrayList<>();
        String symbols = "!#$%&*+-=?@_";
        for (int i = 0; i < CANDIDATES; i++) {
            candidates.add(switch (i % 5) {
                case 0 -> word(random, 6).toUpperCase() + random.nextInt(1000) + symbols.charAt(random.nextInt(12))
                        + word(random, 4);
                case 1 -> capitalise(common.get(random.nextInt(common.size()))) + random.nextInt(100) + "!";
                case 2 -> "Anders" + random.nextInt(10_000) + "#";
                case 3 -> capitalise(custom.get(random.nextInt(custom.size()))) + "-" + random.nextInt(100);
                default -> word(random, 5) + " " + word(random, 6) + " " + word(random, 4) + " " + random.nextInt(99);
            });
        }
        return candidates;
    }

    private static String word(Random random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
