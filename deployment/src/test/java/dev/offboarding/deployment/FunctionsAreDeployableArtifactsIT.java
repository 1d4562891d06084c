package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code sam deploy} uploads is what {@code mvn package} built: each CodeUri is a jar of the build, and the
 * Handler names a public class in that jar with the method Lambda calls. Runs after package (integration-test).
 */
class FunctionsAreDeployableArtifactsIT {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);

    static Stream<String> functions() {
        return Template.parse(TEMPLATE).functions().keySet().stream();
    }

    static List<String> problems(Template template, String logicalId) {
        List<String> problems = new ArrayList<>();
        FunctionCode function = FunctionCode.of(template, logicalId);
        if (function.module() == null) {
            return List.of(logicalId + ": CodeUri " + function.codeUri() + " is not the jar a function module builds"
                    + " (functions/<name>/target/<name>-lambda.jar)");
        }
        Path jar = Repository.ROOT.resolve(function.codeUri());
        if (!Files.isRegularFile(jar)) {
            return List.of(logicalId + ": CodeUri " + function.codeUri() + " does not exist: run mvn -B package");
        }
        if (!function.handler().endsWith("::handleRequest")) {
            problems.add(logicalId + ": Handler " + function.handler() + " must name the method, ::handleRequest");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> handler = Class.forName(function.handlerClass(), false, loader);
            Class<?> streamHandler = Class.forName(RequestStreamHandler.class.getName(), false, loader);
            Class<?> context = Class.forName(Context.class.getName(), false, loader);
            Method method = handler.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
            if (!streamHandler.isAssignableFrom(handler) || !Modifier.isPublic(handler.getModifiers())
                    || Modifier.isAbstract(handler.getModifiers()) || method == null) {
                problems.add(logicalId + ": " + function.handlerClass() + " is not a public RequestStreamHandler");
            }
            handler.getConstructor();
        } catch (ClassNotFoundException e) {
            problems.add(logicalId + ": Handler class " + function.handlerClass() + " is not in " + function.codeUri());
        } catch (NoSuchMethodException e) {
            problems.add(logicalId + ": " + function.handlerClass() + " has no " + e.getMessage());
        } catch (java.io.IOException e) {
            problems.add(logicalId + ": " + jar + " cannot be read: " + e.getMessage());
        }
        return problems;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void eachCodeUriIsABuiltJarHoldingItsHandler(String function) {
        assertEquals(List.of(), problems(Template.parse(TEMPLATE), function));
    }

    /**
     * The jar's filters leave out parts of the SDK a function never loads. Every SDK class the product's own classes
     * name (a call's owner, a parameter or return type, such as the IAM paginators the gateway reads lists through)
     * must still be in it, or the first call that needs it fails with NoClassDefFoundError.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void eachJarHoldsEverySdkClassTheProductsClassesName(String function) throws IOException {
        Path jar = Repository.ROOT.resolve(FunctionCode.of(Template.parse(TEMPLATE), function).codeUri());

        assertEquals(List.of(), sdkClassesMissingFrom(jar), function + ": " + jar);
    }

    private static final Pattern SDK_CLASS = Pattern.compile("software/amazon/awssdk/[A-Za-z0-9_/$]+");

    static List<String> sdkClassesMissingFrom(Path jar) throws IOException {
        Set<String> missing = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().startsWith("dev/offboarding/") || !entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    // Class names stand in a class file's constant pool as plain ASCII text.
                    Matcher named = SDK_CLASS.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                    while (named.find()) {
                        if (zip.getEntry(named.group() + ".class") == null) {
                            missing.add(named.group());
                        }
                    }
                }
            }
        }
        return List.copyOf(missing);
    }

    /**
     * The classes of package {@code dev.offboarding.local} (the Lambda context of tests and local runs, the local
     * runtime) in {@code jar}: none belongs in a function, which Lambda runs with its own context.
     */
    static List<String> localRunClasses(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("dev/offboarding/local/") && name.endsWith(".class")).toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void aFunctionJarCarriesNoCodeOfLocalRuns(String function) throws IOException {
        Path jar = Repository.ROOT.resolve(FunctionCode.of(Template.parse(TEMPLATE), function).codeUri());

        assertEquals(List.of(), localRunClasses(jar));
    }

    @Test
    void aJarCarryingTheLocalContextIsReported(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("delete-user-lambda.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("dev/offboarding/deleteuser/DeleteUserHandler.class"));
            out.putNextEntry(new JarEntry("dev/offboarding/local/LocalContext.class"));
        }

        assertEquals(List.of("dev/offboarding/local/LocalContext.class"), localRunClasses(jar));
    }

    @Test
    void aHandlerThatIsNotInItsJarIsReported() {
        Template broken = Template.parse(TEMPLATE.replace("dev.offboarding.deleteuser.DeleteUserHandler::",
                "dev.offboarding.deleteuser.DeleteUserHandlr::"));

        assertEquals(List.of("DeleteUserFunction: Handler class dev.offboarding.deleteuser.DeleteUserHandlr is not in"
                + " functions/delete-user/target/delete-user-lambda.jar"), problems(broken, "DeleteUserFunction"));
    }

    @Test
    void aCodeUriThatIsNotABuiltJarIsReported() {
        Template broken = Template.parse(TEMPLATE.replace("CodeUri: functions/delete-user/target/delete-user-lambda.jar",
                "CodeUri: functions/delete-user"));

        assertTrue(problems(broken, "DeleteUserFunction").get(0).contains("is not the jar a function module builds"));
    }
}
