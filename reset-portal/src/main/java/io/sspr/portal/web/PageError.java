package io.sspr.portal.web;

import io.sspr.events.ResultCode;
import io.sspr.portal.service.RequestRefusedException;
import io.sspr.portal.service.SelfServiceBlockedException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An error as a page shows it: the stable code, the message for a person, the field it is about (null when it is
 * about the whole form) and, for a blocked account, when self-service works again.
 */
public record PageError(String code, String message, String field, String until) {
    private static final DateTimeFormatter UNTIL = DateTimeFormatter
            .ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public static PageError of(ResultCode code, String field) {
        return new PageError(code.name(), code.defaultMessage(), field, null);
    }

    public static PageError of(RequestRefusedException refusal, String field) {
        String until = refusal instanceof SelfServiceBlockedException blocked ? format(blocked.until()) : null;
        return new PageError(refusal.code().name(), refusal.code().defaultMessage(), field, until);
    }

    static String format(Instant instant) {
        return UNTIL.format(instant);
    }
}
