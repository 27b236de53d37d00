package io.sspr.worker.directory;

import io.sspr.directory.LdapConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the directory from the one sspr.ldap mapping (io.sspr.directory.LdapConfig); injected as PasswordDirectory. */
@ApplicationScoped
public class DirectoryProducer {

    @Produces
    @Singleton
    LdapPasswordDirectory passwordDirectory(LdapConfig config) {
        return new LdapPasswordDirectory(config.readPool(), config.writePool());
    }

    void close(@Disposes LdapPasswordDirectory directory) {
        directory.close();
    }
}
