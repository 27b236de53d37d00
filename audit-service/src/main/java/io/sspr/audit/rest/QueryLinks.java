package io.sspr.audit.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Relative links with a query string, each value percent-encoded (a space as %20, never +). */
public final class QueryLinks {
    private QueryLinks() {
    }

    public static String of(String path, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?" + parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        // URLEncoder writes a literal + as %2B, so every + it leaves stands for a space
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
