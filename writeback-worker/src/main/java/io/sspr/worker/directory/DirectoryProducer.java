package io.sspr.worker.directory;

import io.sspr.directory.LdapSettings;

import io.sspr.worker.config.LdapConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the directory settings and the directory from configuration; injected as PasswordDirectory. */
@ApplicationScoped
public class DirectoryProducer {

    /** The one translation of sspr.ldap.* into settings; the directory sync uses it too. */
    @Produces
    @Singleton
    LdapSettings ldapSettings(LdapConfig config) {
        return new LdapSettings(config.url(), config.caFile(), config.baseDn(), config.bindDn(), config.bindPassword(),
                config.connectTimeout(), config.responseTimeout(), config.poolSize(), config.allowPlainText());
    }

    @Produces
    @Singleton
    LdapPasswordDirectory passwordDirectory(LdapSettings settings, LdapConfig config) {
        return new LdapPasswordDirectory(settings, config.writeConnections());
    }

    void close(@Disposes LdapPasswordDirectory directory) {
        directory.close();
    }
}
