package io.sspr.worker.directory;

import io.sspr.directory.LdapSettings;

import io.sspr.worker.config.LdapConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the directory from configuration; injected as PasswordDirectory. */
@ApplicationScoped
public class DirectoryProducer {

    @Produces
    @Singleton
    LdapPasswordDirectory passwordDirectory(LdapConfig config) {
        return new LdapPasswordDirectory(new LdapSettings(config.url(), config.caFile(), config.baseDn(),
                config.bindDn(), config.bindPassword(), config.connectTimeout(), config.responseTimeout(),
                config.poolSize(), config.allowPlainText()));
    }

    void close(@Disposes LdapPasswordDirectory directory) {
        directory.close();
    }
}
