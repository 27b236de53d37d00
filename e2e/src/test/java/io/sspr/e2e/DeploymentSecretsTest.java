package io.sspr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sspr.events.Services;
import io.sspr.events.TopicAccess;
import io.sspr.events.crypto.KeyHolders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Each service holds only its own secrets (issue 12, point 5), read from docker-compose.yml and the Kubernetes
 * manifests (base + the lab overlay's secretGenerators; kustomize is not needed): exactly the key files of
 * {@link KeyHolders#filesOf(String)}, exactly its passwords (the portal no directory credential, only the worker the
 * writeback account and sealing-private.json), its own Kafka user and database role, and no mount of another's
 * Secret, of a shared volume or of the operator's or the CA's private keys. Runs without any running part.
 */
class DeploymentSecretsTest {
    private static final Path ROOT = repoRoot();
    private static final String COMPOSE_SECRETS = "./deploy/compose/secrets/";

    /** The passwords each service holds: the file in its secrets folder (compose) or key of its Secret (k8s). */
    static final Map<String, Map<String, String>> PASSWORDS = Map.of(
            Services.RESET_PORTAL, Map.of("KAFKA_PASSWORD", "kafka-password",
                    "POSTGRES_PASSWORD", "postgres-password"),
            Services.POLICY_VALIDATOR, Map.of("KAFKA_PASSWORD", "kafka-password",
                    "LDAP_BIND_PASSWORD", "ldap-password"),
            Services.WRITEBACK_WORKER, Map.of("KAFKA_PASSWORD", "kafka-password",
                    "POSTGRES_PASSWORD", "postgres-password", "LDAP_BIND_PASSWORD", "ldap-password",
                    "LDAP_SYNC_BIND_PASSWORD", "ldap-sync-password"),
            Services.AUDIT_SERVICE, Map.of("KAFKA_PASSWORD", "kafka-password",
                    "POSTGRES_PASSWORD", "postgres-password"));

    /** Beyond the keysets: the JWT public key, for those who check staff, operator, auditor or help-desk tokens. */
    static final Map<String, Set<String>> PUBLIC_FILES = Map.of(
            Services.RESET_PORTAL, Set.of("jwt-public.pem"),
            Services.POLICY_VALIDATOR, Set.of("jwt-public.pem"),
            Services.WRITEBACK_WORKER, Set.of("jwt-public.pem"),
            Services.AUDIT_SERVICE, Set.of("jwt-public.pem"));

    /** Database roles (deploy/postgres/roles.sql); the validator has no database. */
    static final Map<String, String> DATABASE_ROLES = Map.of(
            Services.RESET_PORTAL, "sspr_portal",
            Services.WRITEBACK_WORKER, "sspr_worker",
            Services.AUDIT_SERVICE, "sspr_audit");

    static final String WRITEBACK_ACCOUNT = "CN=svc-sspr-writeback,";
    static final String READER_ACCOUNT = "CN=svc-sspr-reader,";

    /** Files no service may hold, whoever's folder they are in. */
    static final Set<String> NEVER_IN_A_SERVICE = Set.of("jwt-private.pem", "ca.key", "dc.key", "admin-password");

    /** Every file of a service's secrets folder: keys/..., its passwords, its public files. */
    static Set<String> expectedFiles(String service) {
        Set<String> files = new TreeSet<>();
        KeyHolders.filesOf(service).forEach(file -> files.add("keys/" + file));
        files.addAll(PASSWORDS.get(service).values());
        files.addAll(PUBLIC_FILES.get(service));
        return files;
    }

    // ------------------------------------------------------------------------------------------------ table itself

    @Test
    void theTableSaysWhatTheIssueAsks() {
        assertTrue(expectedFiles(Services.RESET_PORTAL).contains("keys/" + KeyHolders.SEALING_PUBLIC));
        assertTrue(expectedFiles(Services.RESET_PORTAL).contains("keys/" + KeyHolders.SIGNING_PRIVATE));
        for (String service : Services.RUNNING) {
            boolean worker = service.equals(Services.WRITEBACK_WORKER);
            assertEquals(worker, expectedFiles(service).contains("keys/" + KeyHolders.SEALING_PRIVATE),
                    service + ": only the worker holds the sealing private keyset");
            assertEquals(worker, PASSWORDS.get(service).containsKey("LDAP_SYNC_BIND_PASSWORD"), service);
        }
        assertFalse(PASSWORDS.get(Services.RESET_PORTAL).keySet().stream().anyMatch(k -> k.startsWith("LDAP")),
                "the portal holds no directory credential");
        assertFalse(PASSWORDS.get(Services.AUDIT_SERVICE).keySet().stream().anyMatch(k -> k.startsWith("LDAP")));
    }

    // ------------------------------------------------------------------------------------------------ compose

    @Test
    void composeGivesEachServiceExactlyItsOwnSecretFiles() {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"), "services");
        Map<String, Object> declared = map(compose.get("secrets"), "secrets");
        for (String service : Services.RUNNING) {
            Map<String, Object> definition = map(services.get(service), "services." + service);
            Set<String> files = new TreeSet<>();
            for (Object entry : list(definition.get("secrets"))) {
                Map<String, Object> mount = map(entry, service + " secret (use the long form: source and target)");
                String source = (String) mount.get("source");
                String target = (String) mount.get("target");
                String file = (String) map(declared.get(source), "secrets." + source).get("file");
                assertNotNull(file, "secret " + source + " is not a file secret");
                String own = COMPOSE_SECRETS + service + "/";
                assertTrue(file.startsWith(own), service + " mounts secret " + source + " (" + file
                        + "), which is not in its own folder " + own + ": another holder's secret");
                String relative = file.substring(own.length());
                files.add(relative);
                assertEquals(composeTarget(service, relative), target, service + ": where " + relative + " is mounted");
            }
            assertEquals(expectedFiles(service), files, service + ": the secret files compose mounts");
        }
    }

    /** Where a service's file lands: keys in SSPR_KEYS_DIR, each password as the file of its variable. */
    private static String composeTarget(String service, String relative) {
        if (relative.startsWith("keys/") || PUBLIC_FILES.get(service).contains(relative)) {
            return "/run/secrets/sspr/" + relative;
        }
        String variable = PASSWORDS.get(service).entrySet().stream().filter(e -> e.getValue().equals(relative))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(
                        service + " mounts " + relative + ", which is none of its passwords"));
        return "/run/secrets/sspr/env/" + variable;
    }

    @Test
    void composeEnvironmentNamesTheServicesOwnPrincipalsAndNoSecret() {
        Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"), "services");
        for (String service : Services.RUNNING) {
            Map<String, Object> environment = map(map(services.get(service), service).get("environment"),
                    service + ".environment (a map)");
            assertEquals("sspr-" + service, environment.get("KAFKA_USERNAME"), service + ": its own Kafka user");
            assertEquals("SCRAM-SHA-512", environment.get("KAFKA_SASL_MECHANISM"), service);
            assertEquals(DATABASE_ROLES.get(service), environment.get("POSTGRES_USER"), service + ": its own role");
            assertEquals("/run/secrets/sspr/keys", environment.get("SSPR_KEYS_DIR"), service);
            assertBindAccounts(service, environment);
            for (String name : environment.keySet()) {
                assertFalse(name.contains("PASSWORD") || name.contains("PRIVATE"),
                        service + " has " + name + " in its environment: secrets come as secret files only");
            }
        }
    }

    @Test
    void composeMountsNoVolumeWithKeysAndNoKeyAnywhereElse() {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"), "services");
        Map<String, Set<String>> volumeUsers = new HashMap<>();
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> definition = map(service.getValue(), service.getKey());
            for (Object volume : list(definition.get("volumes"))) {
                String source = volumeSource(volume);
                if (Services.RUNNING.contains(service.getKey())) {
                    fail(service.getKey() + " mounts the volume " + volume + ": a service gets its files as its own "
                            + "secrets only, never from a volume that another container can write or read");
                }
                assertFalse(source.equals(".") || source.equals("./") || source.startsWith("./deploy/compose/secrets")
                                || source.startsWith(ROOT.toString()),
                        service.getKey() + " mounts " + source + ", which holds every holder's secrets");
                volumeUsers.computeIfAbsent(source, s -> new TreeSet<>()).add(service.getKey());
            }
            for (Object entry : list(definition.get("configs"))) {
                String config = (String) map(entry, service.getKey() + " config").get("source");
                String file = (String) map(map(compose.get("configs"), "configs").get(config), config).get("file");
                assertFalse(isPrivate(file), service.getKey() + " gets the private file " + file + " as a config");
            }
        }
        volumeUsers.forEach((volume, users) -> assertEquals(1, users.size(),
                "the volume " + volume + " is shared by " + users + ": nothing is shared between containers"));
        Map<String, Object> declared = map(compose.get("secrets"), "secrets");
        for (Map.Entry<String, Object> secret : declared.entrySet()) {
            String file = (String) map(secret.getValue(), secret.getKey()).get("file");
            assertTrue(file.startsWith(COMPOSE_SECRETS), secret.getKey() + ": " + file
                    + " is outside the git-ignored deploy/compose/secrets");
            String name = file.substring(file.lastIndexOf('/') + 1);
            assertFalse(name.equals("jwt-private.pem") || name.equals("ca.key"),
                    file + " is declared as a secret: the operator's and the CA's private keys go to no container");
        }
        // who may hold what beyond the services' own folders
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Object entry : list(map(service.getValue(), service.getKey()).get("secrets"))) {
                String source = (String) map(entry, "secret").get("source");
                String file = (String) map(declared.get(source), source).get("file");
                if (file.endsWith("/" + KeyHolders.SEALING_PRIVATE)) {
                    assertEquals(Services.WRITEBACK_WORKER, service.getKey(), "only the worker opens sealed passwords");
                }
                if (file.equals(COMPOSE_SECRETS + "writeback-worker/ldap-password")) {
                    assertTrue(Set.of(Services.WRITEBACK_WORKER, "directory").contains(service.getKey()),
                            service.getKey() + " holds the writeback account's password");
                }
            }
        }
    }

    @Test
    void composeSecretsAreNeverCommitted() throws IOException {
        List<String> ignore = Files.readAllLines(ROOT.resolve("deploy/compose/secrets/.gitignore"));
        assertTrue(ignore.contains("*"), "deploy/compose/secrets/.gitignore ignores everything in it");
        try (var files = Files.walk(ROOT.resolve("deploy/compose/secrets"))) {
            assertTrue(files.filter(Files::isRegularFile).allMatch(f -> f.getFileName().toString().equals(".gitignore")
                    || !gitTracked(f)), "a generated secret is tracked by git");
        }
    }

    // ------------------------------------------------------------------------------------------------ Kubernetes

    @Test
    void kubernetesDeploymentsMountOnlyTheirOwnSecret() {
        Map<String, Map<String, Object>> deployments = documents("deploy/k8s/base/services.yaml", "Deployment");
        for (String service : Services.RUNNING) {
            String own = service + "-secrets";
            Map<String, Object> pod = map(map(map(deployments.get(service), service).get("spec"), "spec")
                    .get("template"), "template");
            Map<String, Object> podSpec = map(pod.get("spec"), service + " pod spec");
            Set<String> mountedFiles = new TreeSet<>();
            for (Object volume : list(podSpec.get("volumes"))) {
                Map<String, Object> v = map(volume, "volume");
                assertFalse(v.containsKey("projected") || v.containsKey("persistentVolumeClaim")
                        || v.containsKey("hostPath"), service + " mounts " + v.get("name")
                        + ": only its own Secret, the CA's ConfigMap and emptyDirs");
                if (v.containsKey("secret")) {
                    Map<String, Object> secret = map(v.get("secret"), "secret");
                    assertEquals(own, secret.get("secretName"), service + " mounts another Secret");
                    for (Object item : list(secret.get("items"))) {
                        Map<String, Object> i = map(item, "item");
                        assertEquals(k8sKey((String) i.get("path")), i.get("key"), service + ": item " + i);
                        mountedFiles.add((String) i.get("path"));
                    }
                    assertFalse(list(secret.get("items")).isEmpty(), service + ": list the Secret's items");
                }
            }
            Set<String> expectedMounted = new TreeSet<>(expectedFiles(service));
            expectedMounted.removeAll(PASSWORDS.get(service).values());
            assertEquals(expectedMounted, mountedFiles, service + ": the files mounted from " + own);

            for (Object container : list(podSpec.get("containers"))) {
                Map<String, Object> c = map(container, "container");
                Map<String, String> fromSecret = new HashMap<>();
                Map<String, Object> literals = new HashMap<>();
                for (Object e : list(c.get("env"))) {
                    Map<String, Object> env = map(e, "env");
                    Map<String, Object> valueFrom = env.get("valueFrom") == null ? Map.of()
                            : map(env.get("valueFrom"), "valueFrom");
                    if (valueFrom.containsKey("secretKeyRef")) {
                        Map<String, Object> ref = map(valueFrom.get("secretKeyRef"), "secretKeyRef");
                        assertEquals(own, ref.get("name"), service + " reads " + env.get("name") + " from "
                                + ref.get("name"));
                        fromSecret.put((String) env.get("name"), (String) ref.get("key"));
                    } else if (valueFrom.containsKey("configMapKeyRef")) {
                        literals.put((String) env.get("name"), configLiteral(
                                (String) map(valueFrom.get("configMapKeyRef"), "ref").get("key")));
                    } else {
                        literals.put((String) env.get("name"), env.get("value"));
                    }
                }
                assertEquals(PASSWORDS.get(service), fromSecret, service + ": its passwords from " + own);
                for (Object from : list(c.get("envFrom"))) {
                    assertFalse(map(from, "envFrom").containsKey("secretRef"),
                            service + " takes a whole Secret into its environment: name each password");
                }
                assertEquals("sspr-" + service, literals.get("KAFKA_USERNAME"), service + ": its own Kafka user");
                assertEquals(DATABASE_ROLES.get(service), literals.get("POSTGRES_USER"), service + ": its own role");
                assertEquals("/run/secrets/sspr/keys", literals.get("SSPR_KEYS_DIR"), service);
                assertBindAccounts(service, literals);
                for (Object mount : list(c.get("volumeMounts"))) {
                    assertEquals(Boolean.TRUE, map(mount, "mount").get("readOnly") == null
                            ? "/tmp".equals(map(mount, "mount").get("mountPath"))
                            : map(mount, "mount").get("readOnly"), service + ": " + mount + " is read-only");
                }
            }
        }
    }

    @Test
    void kubernetesSecretsAreGeneratedPerServiceFromItsOwnFolder() {
        Map<String, Object> overlay = yaml(ROOT.resolve("deploy/k8s/overlays/local/kustomization.yaml"));
        Map<String, List<String>> generators = new HashMap<>();
        for (Object g : list(overlay.get("secretGenerator"))) {
            Map<String, Object> generator = map(g, "secretGenerator");
            assertFalse(generator.containsKey("envs") || generator.containsKey("literals"),
                    generator.get("name") + ": secrets come from files, one key each");
            generators.put((String) generator.get("name"), list(generator.get("files")).stream()
                    .map(String.class::cast).toList());
        }
        Set<String> expectedNames = new TreeSet<>();
        for (String service : Services.RUNNING) {
            expectedNames.add(service + "-secrets");
            List<String> files = generators.get(service + "-secrets");
            assertNotNull(files, "no secretGenerator " + service + "-secrets");
            Set<String> relative = new TreeSet<>();
            for (String file : files) {
                int eq = file.indexOf('=');
                assertTrue(eq > 0, service + ": name each key (key=path): " + file);
                String key = file.substring(0, eq);
                String path = file.substring(eq + 1);
                String own = "secrets/" + service + "/";
                assertTrue(path.startsWith(own), service + "-secrets takes " + path + " from outside " + own);
                assertEquals(k8sKey(path.substring(own.length())), key, service + ": the key of " + path);
                relative.add(path.substring(own.length()));
            }
            assertEquals(expectedFiles(service), relative, service + "-secrets: its files");
        }
        for (String service : DATABASE_ROLES.keySet()) {
            String name = service + "-migrate-secrets";
            expectedNames.add(name);
            assertEquals(List.of("postgres-owner-password=secrets/" + service + "/postgres-owner-password"),
                    generators.get(name), name + ": the schema owner's password only");
        }
        assertEquals(expectedNames, new TreeSet<>(generators.keySet()), "one Secret per service and migration Job");
        List<String> ignore = lines(ROOT.resolve("deploy/k8s/overlays/local/.gitignore"));
        assertTrue(ignore.contains("secrets/"), "the overlay's secrets/ is git-ignored");
    }

    @Test
    void kubernetesMigrationJobsHoldOnlyTheOwnersPassword() {
        Map<String, Map<String, Object>> jobs = documents("deploy/k8s/base/migrations.yaml", "Job");
        assertEquals(new TreeSet<>(DATABASE_ROLES.keySet().stream().map(s -> s + "-migrate").toList()),
                new TreeSet<>(jobs.keySet()));
        for (String service : DATABASE_ROLES.keySet()) {
            String text = jobs.get(service + "-migrate").toString();
            assertFalse(text.contains(service + "-secrets"), service + "'s migration mounts the service's Secret");
            assertTrue(text.contains("{name=" + service + "-migrate-secrets, key=postgres-owner-password}"), text);
            assertTrue(text.contains("value=" + DATABASE_ROLES.get(service) + "_owner"), text);
        }
    }

    @Test
    void kafkaUsersHaveTheirServicesPasswordAndExactlyTheirAcls() {
        Map<String, Map<String, Object>> users = documents("deploy/k8s/base/kafka-users.yaml", "KafkaUser");
        for (String service : Services.RUNNING) {
            Map<String, Object> spec = map(map(users.get("sspr-" + service), "KafkaUser sspr-" + service)
                    .get("spec"), "spec");
            Map<String, Object> authentication = map(spec.get("authentication"), "authentication");
            assertEquals("scram-sha-512", authentication.get("type"), service);
            Map<String, Object> ref = map(map(map(authentication.get("password"), "password").get("valueFrom"),
                    "valueFrom").get("secretKeyRef"), "secretKeyRef");
            assertEquals(Map.of("name", service + "-secrets", "key", "kafka-password"), ref, service);
            Map<String, Object> authorization = map(spec.get("authorization"), "authorization");
            assertEquals("simple", authorization.get("type"));
            Set<String> acls = new TreeSet<>();
            for (Object a : list(authorization.get("acls"))) {
                Map<String, Object> acl = map(a, "acl");
                Map<String, Object> resource = map(acl.get("resource"), "resource");
                for (Object operation : list(acl.get("operations"))) {
                    acls.add(resource.get("type") + ":" + resource.get("patternType") + ":" + resource.get("name")
                            + ":" + operation);
                }
            }
            assertEquals(expectedAcls(service), acls, "sspr-" + service + "'s ACLs");
        }
        Map<String, Map<String, Object>> clusters = documents("deploy/k8s/base/kafka-cluster.yaml", "Kafka");
        Map<String, Object> kafka = map(map(map(clusters.get("sspr"), "Kafka sspr").get("spec"), "spec")
                .get("kafka"), "kafka");
        for (Object listener : list(kafka.get("listeners"))) {
            assertEquals("scram-sha-512", map(map(listener, "listener").get("authentication"),
                    "every listener authenticates").get("type"));
        }
        assertEquals("simple", map(kafka.get("authorization"), "authorization").get("type"));
        assertEquals(List.of("sspr-admin"), map(kafka.get("authorization"), "authorization").get("superUsers"));
    }

    /** The ACLs of io.sspr.events.TopicAccess, as the KafkaUser resources must state them. */
    static Set<String> expectedAcls(String service) {
        TopicAccess.ServiceAccess access = TopicAccess.of(service).orElseThrow();
        Set<String> acls = new TreeSet<>();
        access.writes().forEach(topic -> acls.add("topic:literal:" + topic + ":Write"));
        access.reads().forEach(topic -> acls.add("topic:literal:" + topic + ":Read"));
        acls.add("group:prefix:" + access.groupPrefix() + ":Read");
        return acls;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The validator binds as the reader, the worker as the writeback account (and syncs as the reader); no other. */
    private static void assertBindAccounts(String service, Map<String, Object> environment) {
        Object bind = environment.get("LDAP_BIND_DN");
        Object sync = environment.get("LDAP_SYNC_BIND_DN");
        switch (service) {
            case Services.POLICY_VALIDATOR -> {
                assertTrue(String.valueOf(bind).startsWith(READER_ACCOUNT), service + " binds as " + bind);
                assertEquals(null, sync, service);
            }
            case Services.WRITEBACK_WORKER -> {
                assertTrue(String.valueOf(bind).startsWith(WRITEBACK_ACCOUNT), service + " binds as " + bind);
                assertTrue(String.valueOf(sync).startsWith(READER_ACCOUNT), service + " syncs as " + sync);
            }
            default -> assertFalse(environment.keySet().stream().anyMatch(k -> k.startsWith("LDAP_BIND")
                    || k.startsWith("LDAP_SYNC") || k.startsWith("LDAP_ADMIN")), service + " has a directory account");
        }
    }

    /** A Secret key for a file of a service's folder: "/" is not allowed in keys, so keys/trusted/x.json is keys.trusted.x.json. */
    private static String k8sKey(String relative) {
        return relative.replace('/', '.');
    }

    private static Object configLiteral(String key) {
        Map<String, Object> base = yaml(ROOT.resolve("deploy/k8s/base/kustomization.yaml"));
        for (Object g : list(base.get("configMapGenerator"))) {
            for (Object literal : list(map(g, "configMapGenerator").get("literals"))) {
                String text = (String) literal;
                if (text.startsWith(key + "=")) {
                    return text.substring(key.length() + 1);
                }
            }
        }
        return fail("sspr-config has no " + key);
    }

    private static boolean isPrivate(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".key") || KeyHolders.isPrivate(name) || NEVER_IN_A_SERVICE.contains(name)
                || name.endsWith("-password");
    }

    private static String volumeSource(Object volume) {
        if (volume instanceof String text) {
            return text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        }
        return String.valueOf(map(volume, "volume").get("source"));
    }

    private static boolean gitTracked(Path file) {
        try {
            Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "--error-unmatch",
                    ROOT.relativize(file).toString()).redirectErrorStream(true).start();
            git.getInputStream().readAllBytes();
            return git.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The documents of a multi-document YAML file of one kind, by metadata.name. */
    private static Map<String, Map<String, Object>> documents(String file, String kind) {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        try (InputStream in = Files.newInputStream(ROOT.resolve(file))) {
            for (Object document : new Yaml().loadAll(in)) {
                if (document == null) {
                    continue;
                }
                Map<String, Object> d = map(document, file);
                if (kind.equals(d.get("kind"))) {
                    byName.put((String) map(d.get("metadata"), "metadata").get("name"), d);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return byName;
    }

    private static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return map(new Yaml().load(in), file.toString());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is " + (value == null ? "missing" : "not a map: " + value));
        }
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new AssertionError("not a list: " + value);
        }
        return new ArrayList<>(items);
    }

    private static Path repoRoot() {
        Path dir = Path.of(System.getProperty("sspr.repo.root", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docker-compose.yml")) && Files.isDirectory(d.resolve("deploy/k8s"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (docker-compose.yml, deploy/k8s) above " + dir);
    }
}
