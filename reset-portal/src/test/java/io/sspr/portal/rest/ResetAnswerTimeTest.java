package io.sspr.portal.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.sspr.events.DirectoryUserPublished;
import io.sspr.portal.service.DirectoryUserService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Starting a reset or an unlock must not tell whether the name exists: a known user in scope (whose start makes and
 * mails a code) and a name nobody has are answered after the same time. The two kinds of request are sent interleaved
 * in a random order, so that warm-up and load fall on both alike; their medians must differ by less than the noise
 * between two halves of the unknown names' own answers, or by less than a few milliseconds where that noise is smaller.
 */
@QuarkusTest
@WithTestResource(PortalRealParts.class)
class ResetAnswerTimeTest {
    private static final int WARM_UP = 20;
    private static final int ROUNDS = 60;
    /** The least difference of medians that still counts as noise: the scheduler's tick on a busy 2-core machine. */
    private static final double NOISE_FLOOR_MS = 8;

    @Inject
    DirectoryUserService users;

    @Test
    void knownAndUnknownNamesAreAnsweredAfterTheSameTime() {
        for (String flow : List.of("/api/v1/password-resets", "/api/v1/account-unlocks")) {
            List<String> known = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                known.add(knownUser());
            }
            Random random = new Random(7);
            for (int i = 0; i < WARM_UP; i++) {
                time(flow, i % 2 == 0 ? known.get(i % known.size()) : unknownName());
            }
            List<Double> knownMillis = new ArrayList<>();
            List<Double> unknownMillis = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                boolean knownFirst = random.nextBoolean();
                String name = known.get(i % known.size());
                if (knownFirst) {
                    knownMillis.add(time(flow, name));
                    unknownMillis.add(time(flow, unknownName()));
                } else {
                    unknownMillis.add(time(flow, unknownName()));
                    knownMillis.add(time(flow, name));
                }
            }
            double knownMedian = median(knownMillis);
            double unknownMedian = median(unknownMillis);
            double noise = Math.abs(median(unknownMillis.subList(0, ROUNDS / 2))
                    - median(unknownMillis.subList(ROUNDS / 2, ROUNDS)));
            double allowed = Math.max(NOISE_FLOOR_MS, 2 * noise);
            System.out.printf("%s answer time over %d requests each: known median %.1f ms (p90 %.1f), unknown median "
                    + "%.1f ms (p90 %.1f); difference %.1f ms, noise between halves %.1f ms, allowed %.1f ms%n", flow,
                    ROUNDS, knownMedian, percentile(knownMillis, 0.9), unknownMedian, percentile(unknownMillis, 0.9),
                    Math.abs(knownMedian - unknownMedian), noise, allowed);
            assertTrue(Math.abs(knownMedian - unknownMedian) <= allowed, () -> flow + ": known " + knownMedian
                    + " ms against unknown " + unknownMedian + " ms differ by more than " + allowed + " ms");
        }
    }

    private static double time(String flow, String name) {
        long began = System.nanoTime();
        Response answer = given().contentType(ContentType.JSON).body(Map.of("username", name)).post(flow);
        double millis = (System.nanoTime() - began) / 1e6;
        assertEquals(202, answer.statusCode(), () -> flow + " answered " + answer.asString());
        return millis;
    }

    private String knownUser() {
        String name = "timing" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        users.onPublished(DirectoryUserPublished.of(UUID.randomUUID().toString(),
                "CN=" + name + ",CN=Users,DC=example,DC=test", name, name + "@example.test", name + "@example.test",
                null, "Timing " + name, true, false, false, true, 1, Instant.now()));
        return name;
    }

    private static String unknownName() {
        return "nobody" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(fraction * (sorted.size() - 1))));
    }
}
