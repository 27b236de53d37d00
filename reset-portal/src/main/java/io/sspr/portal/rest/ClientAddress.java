package io.sspr.portal.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client address the per-client limit counts: the connection's peer, or the forwarded address where the proxy is
 * trusted (quarkus.http.proxy.*), which Vert.x has already resolved into the remote address.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
