package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Anything else: 500 INTERNAL_ERROR, no stack trace in the answer. The log gets the exception type and where
 * it happened, but not its message, which might quote request content.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);
    private static final int FRAMES = 12;

    @Override
    public Response toResponse(Throwable e) {
        LOG.errorf("unexpected %s", describe(e));
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(ResultCode.INTERNAL_ERROR))
                .build();
    }

    public static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t == e ? "" : "\n caused by ").append(t.getClass().getName());
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
                text.append("\n\tat ").append(stack[i]);
            }
        }
        return text.toString();
    }
}
