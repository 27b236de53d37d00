package io.sspr.worker.health;

import io.sspr.worker.directory.PasswordDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the DC does not answer over the verified TLS connection: requests would only fail. */
@Readiness
@ApplicationScoped
public class DirectoryReadinessCheck implements HealthCheck {
    private final PasswordDirectory directory;

    public DirectoryReadinessCheck(PasswordDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("directory").status(directory.health().reachable()).build();
    }
}
