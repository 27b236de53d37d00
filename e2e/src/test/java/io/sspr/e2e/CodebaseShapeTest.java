package io.sspr.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.sspr.events.TopicAccess;
import io.sspr.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The codebase's shape, checked on every service's compiled classes and configuration (the modules are built before
 * this module in the reactor): packages without cycles, no service importing another, one LDAP mapping, scheduling
 * only through Quarkus' scheduler, consumers that only consume, one outcome recorder, one injection style, one
 * {@code @Blocking}, defaults in one place, one duration style, Kafka connector settings once.
 */
class CodebaseShapeTest {

    /** Module folder and base package of each service. */
    record Service(String module, String basePackage) {
        @Override
        public String toString() {
            return module;
        }
    }

    static final List<Service> SERVICES = List.of(new Service("reset-portal", "io.sspr.portal"),
            new Service("policy-validator", "io.sspr.validator"), new Service("writeback-worker", "io.sspr.worker"),
            new Service("audit-service", "io.sspr.audit"));

    private static final Path ROOT = Path.of(System.getProperty("sspr.repo.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, JavaClasses> IMPORTED = new HashMap<>();
    /** ISO-8601 durations (PT5M, P7D); the services write 5m, 7d, 200ms. */
    private static final Pattern ISO_DURATION = Pattern.compile("(?i)^P(\\d+D)?(T(\\d+H)?(\\d+M)?([\\d.]+S)?)?$");
    private static final Pattern CHANNEL_SETTING = Pattern.compile(
            "^mp\\.messaging\\.(incoming|outgoing)\\.(\"[^\"]+\"|[^.]+)\\.(.+)$");
    private static final String INCOMING = "org.eclipse.microprofile.reactive.messaging.Incoming";
    private static final String CHANNEL = "org.eclipse.microprofile.reactive.messaging.Channel";
    private static final Pattern FALLBACK = Pattern.compile("^\\$\\{[A-Z0-9_]+:([^}]*)}$");

    static Stream<Service> services() {
        return SERVICES.stream();
    }

    static JavaClasses classesOf(String module) {
        return IMPORTED.computeIfAbsent(module, name -> {
            Path classes = ROOT.resolve(name).resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                fail(classes + " does not exist: build the modules first (mvn -B install -DskipTests)");
            }
            return new ClassFileImporter().importPath(classes);
        });
    }

    @ParameterizedTest
    @MethodSource("services")
    void packagesDependOnEachOtherWithoutCycles(Service service) {
        slices().matching(service.basePackage() + ".(*)..").should().beFreeOfCycles()
                .check(classesOf(service.module()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void aServiceUsesOnlyTheSharedModulesNeverAnotherService(Service service) {
        String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                .map(other -> other.basePackage() + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classesOf(service.module()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void directorySettingsComeOnlyFromTheOneLdapMapping(Service service) {
        JavaClasses classes = classesOf(service.module());
        noClasses().should(new ArchCondition<>("construct io.sspr.directory.LdapSettings (use LdapConfig's presets)") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                item.getConstructorCallsFromSelf().stream()
                        .filter(call -> call.getTargetOwner().getName().equals("io.sspr.directory.LdapSettings"))
                        .forEach(call -> events.add(SimpleConditionEvent.satisfied(item, call.getDescription())));
            }
        }).check(classes);
        for (JavaClass mapping : classes.that(annotatedWith("io.smallrye.config.ConfigMapping"))) {
            String prefix = prefixOf(mapping);
            assertTrue(!prefix.equals("sspr.ldap") && !prefix.startsWith("sspr.ldap."),
                    mapping.getName() + " maps " + prefix + ": the one sspr.ldap mapping is io.sspr.directory.LdapConfig");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void schedulingGoesThroughTheQuarkusSchedulerOnly(Service service) {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().dependOnClassesThat().areAssignableTo("java.util.concurrent.ScheduledExecutorService")
                .orShould().dependOnClassesThat().areAssignableTo("java.util.Timer")
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .because("a service's timers are @Scheduled (io.quarkus.scheduler), so they show, start and stop "
                        + "with the application")
                .check(classesOf(service.module()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void consumersOnlyConsumeAndHandOver(Service service) {
        noClasses().that(haveAnIncomingMethod())
                .should().dependOnClassesThat().resideInAnyPackage("io.sspr.events.crypto..", "io.micrometer..",
                        "org.jboss.logging..")
                .orShould().dependOnClassesThat().areAssignableTo("java.util.concurrent.Executor")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould(callTheCodeOf("io.sspr.events.AuditEvent"))
                .orShould().dependOnClassesThat()
                .haveFullyQualifiedName("org.eclipse.microprofile.reactive.messaging.Emitter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.smallrye.reactive.messaging.MutinyEmitter")
                .because("a consumer hands each record to the failure rule and one service; verifying, sending, "
                        + "recording and threads are theirs")
                .check(classesOf(service.module()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void oneOutcomeRecorderRecordsOutcomes(Service service) {
        JavaClasses classes = classesOf(service.module());
        List<String> recorders = classes.stream().filter(c -> c.getSimpleName().equals("OutcomeRecorder"))
                .map(JavaClass::getName).toList();
        assertEquals(List.of(service.basePackage() + ".service.OutcomeRecorder"), recorders,
                "one OutcomeRecorder per service, in its service package");
        noClasses().that().doNotHaveSimpleName("OutcomeRecorder").should().dependOnClassesThat()
                .resideInAPackage("io.micrometer..")
                .because("outcomes are logged, counted and kept in one place: the service's OutcomeRecorder")
                .check(classes);
    }

    @ParameterizedTest
    @MethodSource("services")
    void oneInjectionStyleAndOneBlocking(Service service) {
        JavaClasses classes = classesOf(service.module());
        noFields().should().beAnnotatedWith("jakarta.inject.Inject")
                .orShould().beAnnotatedWith("org.eclipse.microprofile.reactive.messaging.Channel")
                .orShould().beAnnotatedWith("org.eclipse.microprofile.config.inject.ConfigProperty")
                .because("beans take what they need in their constructor").check(classes);
        noMethods().that().areNotDeclaredIn(Object.class).should().beAnnotatedWith("jakarta.inject.Inject")
                .because("beans take what they need in their constructor").check(classes);
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("io.smallrye.reactive.messaging.annotations.Blocking")
                .because("@Blocking is io.smallrye.common.annotation.Blocking everywhere").check(classes);
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyPasswordRuleOfTheValidatorIsInItsPolicyPackage(Service service) {
        if (!service.module().equals("policy-validator")) {
            return;
        }
        JavaClasses classes = classesOf(service.module());
        classes().that().haveSimpleNameEndingWith("Check").or().haveSimpleNameEndingWith("Checker")
                .or().haveSimpleNameEndingWith("Rule").or().haveSimpleNameEndingWith("Rules")
                .or().haveSimpleNameStartingWith("Banned").or().haveSimpleNameStartingWith("Breached")
                .or(dependOnTheRuleLibraries())
                .should().resideInAPackage("io.sspr.validator.policy..").check(classes);
        noClasses().that().resideInAPackage("io.sspr.validator.policy..").should().dependOnClassesThat()
                .resideInAnyPackage("io.sspr.validator.directory..", "io.sspr.validator.messaging..",
                        "io.sspr.validator.rest..", "com.unboundid..", "org.apache.kafka..")
                .because("the rules are pure: what they judge is handed to them").check(classes);
    }

    /**
     * A setting's default is written once: in its mapping's @WithDefault, not again in application.properties (which
     * sets only what a service does differently, and binds environment variables with the same fallback).
     */
    @ParameterizedTest
    @MethodSource("services")
    void defaultsAreWrittenOnceAndDurationsInOneStyle(Service service) throws IOException {
        Map<String, String> defaults = new TreeMap<>();
        for (String module : List.of(service.module(), "directory-client", "events")) {
            for (JavaClass mapping : classesOf(module).that(annotatedWith("io.smallrye.config.ConfigMapping"))) {
                collectDefaults(mapping, prefixOf(mapping), defaults);
            }
        }
        Properties properties = applicationProperties(service);
        List<String> problems = new ArrayList<>();
        defaults.forEach((key, value) -> {
            if (ISO_DURATION.matcher(value).matches()) {
                problems.add("@WithDefault(\"" + value + "\") of " + key + ": write durations as 5m, 10s, 200ms");
            }
        });
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (ISO_DURATION.matcher(value).matches()) {
                problems.add(key + "=" + value + ": write durations as 5m, 10s, 200ms");
            }
            if (key.startsWith("%") || !defaults.containsKey(key)) {
                continue;
            }
            Matcher fallback = FALLBACK.matcher(value);
            if (!fallback.matches() && value.equals(defaults.get(key))) {
                problems.add(key + "=" + value + " restates the default of its mapping (" + defaults.get(key)
                        + "): leave it to the @WithDefault");
            } else if (fallback.matches() && !fallback.group(1).isEmpty()
                    && !fallback.group(1).equals(defaults.get(key))) {
                problems.add(key + "=" + value + ": its fallback differs from the mapping's default "
                        + defaults.get(key));
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * The ACL table against the code: each service's channels (its {@code @Incoming} methods and {@code @Channel}
     * emitters, on the topics application.properties maps them to outside the %test profile) are exactly what
     * {@link TopicAccess} lets it consume and produce, and its consumer groups start with its prefix. So a new
     * channel cannot ship without its ACL, and no service keeps a right it no longer uses.
     */
    @ParameterizedTest
    @MethodSource("services")
    void eachServiceProducesAndConsumesExactlyWhatItsAclsAllow(Service service) throws IOException {
        TopicAccess.ServiceAccess access = TopicAccess.SERVICES.stream()
                .filter(a -> a.service().equals(service.module())).findFirst().orElseThrow();
        Properties properties = applicationProperties(service);
        Set<String> incoming = new TreeSet<>();
        Set<String> outgoing = new TreeSet<>();
        for (JavaClass javaClass : classesOf(service.module())) {
            javaClass.getMethods().stream()
                    .flatMap(m -> annotationValue(m.getAnnotations(), INCOMING).stream())
                    .forEach(channel -> incoming.add(topicOf(properties, "incoming", channel)));
            javaClass.getConstructors().stream().flatMap(c -> c.getParameters().stream())
                    .flatMap(p -> annotationValue(p.getAnnotations(), CHANNEL).stream())
                    .forEach(channel -> outgoing.add(topicOf(properties, "outgoing", channel)));
        }
        assertEquals(new TreeSet<>(access.consumes()), incoming, service + " consumes");
        outgoing.remove(Topics.AUDIT_EVENTS); // every service may audit (the failure rule does)
        assertEquals(new TreeSet<>(access.produces()), outgoing, service + " produces");
        for (String key : properties.stringPropertyNames()) {
            if (key.matches("^mp\\.messaging\\.incoming\\..*\\.group\\.id$") && !key.startsWith("%")) {
                assertTrue(properties.getProperty(key).startsWith(access.groupPrefix()),
                        service + ": group " + properties.getProperty(key) + " outside " + access.groupPrefix() + "*");
            }
        }
    }

    private static String topicOf(Properties properties, String direction, String channel) {
        return properties.getProperty("mp.messaging." + direction + ".\"" + channel + "\".topic", channel);
    }

    private static Optional<String> annotationValue(
            Set<? extends com.tngtech.archunit.core.domain.JavaAnnotation<?>> annotations, String annotation) {
        return annotations.stream().filter(a -> a.getRawType().getName().equals(annotation)).findFirst()
                .map(a -> String.valueOf(a.get("value").orElse("")));
    }

    /** What every channel shares is said once, for the connector (mp.messaging.connector.smallrye-kafka.*). */
    @ParameterizedTest
    @MethodSource("services")
    void kafkaSettingsSharedByChannelsAreSetOnceForTheConnector(Service service) throws IOException {
        Map<String, List<String>> channelsBySetting = new TreeMap<>();
        Properties properties = applicationProperties(service);
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL_SETTING.matcher(key);
            if (channel.matches() && !readsCloudEventsItself(channel)) {
                String setting = channel.group(3) + "=" + properties.getProperty(key).strip();
                channelsBySetting.computeIfAbsent(setting, s -> new ArrayList<>()).add(channel.group(2));
            }
        }
        Map<String, List<String>> repeated = new TreeMap<>();
        channelsBySetting.forEach((setting, channels) -> {
            if (channels.size() > 1 && !setting.startsWith("topic=") && !setting.startsWith("group.id=")) {
                repeated.put(setting, channels);
            }
        });
        assertEquals(Map.of(), repeated, "settings repeated per channel: set them once as "
                + "mp.messaging.connector.smallrye-kafka.<setting> (a channel sets only what differs)");
    }

    /**
     * The connector's {@code cloud-events} flag covers both directions, and outgoing channels must keep writing the
     * CloudEvents headers our signatures cover, so each incoming channel turns the connector's parsing off itself
     * (a bad ce_time would otherwise stop the channel): the one setting a channel may repeat.
     */
    private static boolean readsCloudEventsItself(Matcher channel) {
        return channel.group(1).equals("incoming") && channel.group(3).equals("cloud-events");
    }

    private static Properties applicationProperties(Service service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                ROOT.resolve(service.module()).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static void collectDefaults(JavaClass mapping, String prefix, Map<String, String> defaults) {
        for (JavaMethod method : mapping.getMethods()) {
            if (!method.getParameters().isEmpty() || method.getModifiers().stream()
                    .noneMatch(m -> m.name().equals("ABSTRACT"))) {
                continue; // default methods are helpers, not settings
            }
            String name = prefix + "." + annotationValue(method, "io.smallrye.config.WithName")
                    .orElse(kebab(method.getName()));
            Optional<String> withDefault = annotationValue(method, "io.smallrye.config.WithDefault");
            JavaClass type = method.getRawReturnType();
            if (withDefault.isPresent()) {
                defaults.put(name, withDefault.get());
            } else if (type.isInterface() && type.getName().startsWith("io.sspr.")) {
                collectDefaults(type, name, defaults);
            }
        }
    }

    private static Optional<String> annotationValue(JavaMethod method, String annotation) {
        return annotationValue(method.getAnnotations(), annotation);
    }

    private static String prefixOf(JavaClass mapping) {
        return mapping.getAnnotations().stream()
                .filter(a -> a.getRawType().getName().equals("io.smallrye.config.ConfigMapping"))
                .findFirst().map(a -> String.valueOf(a.get("prefix").orElse(""))).orElse("");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static DescribedPredicate<JavaClass> annotatedWith(String annotation) {
        return DescribedPredicate.describe("annotated with " + annotation,
                javaClass -> javaClass.isAnnotatedWith(annotation));
    }

    /** Naming a type (such as the event type the failure rule reads) is fine; building or calling it is not. */
    private static ArchCondition<JavaClass> callTheCodeOf(String type) {
        return new ArchCondition<>("call the code of " + type) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                item.getCodeUnitCallsFromSelf().stream()
                        .filter(call -> call.getTargetOwner().getName().equals(type))
                        .forEach(call -> events.add(SimpleConditionEvent.satisfied(item, call.getDescription())));
            }
        };
    }

    private static DescribedPredicate<JavaClass> dependOnTheRuleLibraries() {
        return DescribedPredicate.describe("use the banned-list libraries", javaClass -> javaClass
                .getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass().getPackageName())
                .anyMatch(p -> p.startsWith("me.gosimple.nbvcxz") || p.startsWith("org.ahocorasick")));
    }

    private static DescribedPredicate<JavaClass> haveAnIncomingMethod() {
        return DescribedPredicate.describe("have an @Incoming method", javaClass -> javaClass.getMethods().stream()
                .anyMatch(m -> m.isAnnotatedWith(INCOMING)));
    }
}
