package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the code analysis counts a lambda: one of a library interface (a Consumer, a Function) may be run by the library
 * at any time, so its body counts where it is created; one of a project interface runs only where project code invokes
 * the interface's method, so a plan that holds IAM calls it never makes (record-outcome's intent of a removal round)
 * does not make them.
 */
class CalledActionsTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);

    /** Compiles {@code sources} (class name to source) into {@code directory}, against the test class path. */
    private static Path compiled(Path directory, Path classPath, Map<String, String> sources) throws IOException {
        Path sourceDirectory = Files.createDirectories(directory.resolveSibling(directory.getFileName() + "-src"));
        List<String> arguments = new ArrayList<>(List.of("-d", directory.toString(), "-cp",
                System.getProperty("java.class.path") + java.io.File.pathSeparator + classPath, "--release", "17"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDirectory.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, arguments.toArray(String[]::new)), "the fixture compiles");
        return directory;
    }

    private static final String PLAN = """
            package fixture.shared;
            import software.amazon.awssdk.services.iam.IamClient;
            public final class Plan {
                public interface Call { void run(); }
                public static Call deleteLater(IamClient iam, String user) {
                    return () -> iam.deleteUser(r -> r.userName(user));
                }
                public static void deleteNow(IamClient iam, String user) {
                    java.util.List.of(user).forEach(u -> iam.deleteUser(r -> r.userName(u)));
                }
            }
            """;

    @Test
    void aLambdaOfAProjectInterfaceRunsOnlyWhereItsMethodIsInvoked(@TempDir Path dir) throws IOException {
        Path shared = compiled(dir.resolve("shared"), dir, Map.of("fixture.shared.Plan", PLAN));
        Path planner = compiled(dir.resolve("planner"), shared, Map.of("fixture.planner.Planner", """
                package fixture.planner;
                public final class Planner {
                    public static Object plan(software.amazon.awssdk.services.iam.IamClient iam) {
                        return fixture.shared.Plan.deleteLater(iam, "bob");
                    }
                }
                """));
        Path runner = compiled(dir.resolve("runner"), shared, Map.of("fixture.runner.Runner", """
                package fixture.runner;
                public final class Runner {
                    public static void run(software.amazon.awssdk.services.iam.IamClient iam) {
                        fixture.shared.Plan.deleteLater(iam, "bob").run();
                    }
                }
                """));

        assertEquals(Set.of(), CalledActions.of(planner, List.of(shared)), "planned, never run");
        assertEquals(Set.of("iam:DeleteUser"), CalledActions.of(runner, List.of(shared)));
    }

    @Test
    void aLambdaHandedToTheLibraryCountsWhereItIsCreated(@TempDir Path dir) throws IOException {
        Path shared = compiled(dir.resolve("shared"), dir, Map.of("fixture.shared.Plan", PLAN));
        Path caller = compiled(dir.resolve("caller"), shared, Map.of("fixture.caller.Caller", """
                package fixture.caller;
                public final class Caller {
                    public static void call(software.amazon.awssdk.services.iam.IamClient iam) {
                        fixture.shared.Plan.deleteNow(iam, "bob");
                    }
                }
                """));

        assertEquals(Set.of("iam:DeleteUser"), CalledActions.of(caller, List.of(shared)));
    }

    @Test
    void recordOutcomePlansRemovalsButMakesNoIamCall() {
        Template template = Template.parse(TEMPLATE);

        Set<String> recordOutcome = FunctionCode.of(template, "RecordOutcomeFunction").calledActions();
        assertTrue(recordOutcome.stream().noneMatch(a -> a.startsWith("iam:")), recordOutcome.toString());
        assertTrue(FunctionCode.of(template, "RemoveTokensFunction").calledActions().containsAll(Set.of(
                "iam:DeleteAccessKey", "iam:UpdateAccessKey", "iam:DeleteLoginProfile")), "remove-tokens runs them");
    }

    @Test
    void anOrganizationsPaginatorIsTheActionItPages(@TempDir Path dir) throws IOException {
        org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(
                org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
        writer.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "fixture/Accounts", null,
                "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor code = writer.visitMethod(org.objectweb.asm.Opcodes.ACC_PUBLIC
                | org.objectweb.asm.Opcodes.ACC_STATIC, "list", "()V", null, null);
        code.visitCode();
        code.visitMethodInsn(org.objectweb.asm.Opcodes.INVOKEINTERFACE,
                "software/amazon/awssdk/services/organizations/OrganizationsClient", "listAccountsPaginator", "()V",
                true);
        code.visitInsn(org.objectweb.asm.Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
        writer.visitEnd();
        Files.createDirectories(dir.resolve("function/fixture"));
        Files.write(dir.resolve("function/fixture/Accounts.class"), writer.toByteArray());

        assertEquals(Set.of("organizations:ListAccounts"), CalledActions.of(dir.resolve("function"), List.of()));
    }
}
