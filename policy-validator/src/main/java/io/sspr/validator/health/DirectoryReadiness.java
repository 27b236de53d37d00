package io.sspr.validator.health;

import io.sspr.validator.directory.DirectoryUnavailableException;
import io.sspr.validator.directory.LdapConnector;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/** Ready only while the DC answers over TLS with our service account: without it no request can be judged. */
@Readiness
@ApplicationScoped
public class DirectoryReadiness implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DirectoryReadiness.class);
    private final LdapConnector connector;

    public DirectoryReadiness(LdapConnector connector) {
        this.connector = connector;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String vendor = connector.call(pool -> {
                var rootDse = pool.getRootDSE();
                return rootDse == null || rootDse.getVendorName() == null ? "unknown" : rootDse.getVendorName();
            });
            return HealthCheckResponse.named("directory").up().withData("vendor", vendor).build();
        } catch (DirectoryUnavailableException e) {
            LOG.warnf("directory not reachable: %s", e.getMessage());
            return HealthCheckResponse.named("directory").down().withData("reason", e.getMessage()).build();
        }
    }
}
