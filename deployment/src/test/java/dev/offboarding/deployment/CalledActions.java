package dev.offboarding.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The AWS API actions a function's code can call, read from its compiled classes: every method of the function's own
 * classes, and everything of this project's shared code they can reach (calls, overriding methods, lambdas: one of a
 * project interface only once reachable code invokes that interface's method), is searched for calls of an SDK
 * service client ({@code IamClient.deleteUser} is {@code iam:DeleteUser}, {@code S3Client.listObjectsV2Paginator} is
 * {@code s3:ListBucket}, the action IAM authorizes it as). A credentials
 * provider that assumes a role calls {@code sts:AssumeRole} itself, so using one counts as that call; and code that
 * uses one makes its calls with the assumed role's credentials, in the role's account ({@link Calls#throughAssumedRole}).
 */
final class CalledActions {
    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final Map<String, String> ACTION_PREFIX = Map.of("iam", "iam", "sts", "sts", "sfn", "states",
            "s3", "s3", "organizations", "organizations");
    /**
     * Operations that IAM authorizes as another action (the Service Authorization Reference's table of S3): listing a
     * bucket's objects is s3:ListBucket, reading an object's metadata is s3:GetObject.
     */
    private static final Map<String, String> AUTHORIZED_AS = Map.of("s3:ListObjectsV2", "s3:ListBucket",
            "s3:ListObjects", "s3:ListBucket", "s3:HeadObject", "s3:GetObject", "s3:HeadBucket", "s3:ListBucket",
            "s3:ListObjectVersions", "s3:ListBucketVersions");
    /** What a client method adds to its operation's name: a paginator of it, or its answer read into memory. */
    private static final List<String> OPERATION_SUFFIXES = List.of("Paginator", "AsBytes");
    private static final Set<String> NOT_API_CALLS = Set.of("serviceName", "close", "serviceClientConfiguration",
            "builder", "create", "waiter", "utilities");
    private static final String ASSUME_ROLE_PROVIDERS = SERVICES + "sts/auth/StsAssumeRole";

    private final Map<String, ClassNode> classes = new HashMap<>();
    private final Map<String, Set<String>> subtypes = new HashMap<>();
    /**
     * The lambdas and method references of a project functional interface that no reachable code invokes yet, by
     * {@code interface#method}: creating one runs nothing (a plan can hold the removals it never performs).
     */
    private final Map<String, List<Handle>> deferred = new HashMap<>();
    /** The methods of project types that reachable code invokes, as {@code type#method}. */
    private final Set<String> invoked = new HashSet<>();
    private boolean assumedRoleCredentials;

    /**
     * What a function's code can call: its actions, and whether it can make them with the credentials of a role it
     * assumes (an SDK client built on an assume-role credentials provider), that is in the account of that role.
     */
    record Calls(Set<String> actions, boolean throughAssumedRole) {
    }

    private CalledActions(List<Path> classDirectories) {
        classDirectories.forEach(this::load);
        for (ClassNode type : classes.values()) {
            Stream.concat(Stream.ofNullable(type.superName), type.interfaces.stream())
                    .forEach(parent -> subtypes.computeIfAbsent(parent, p -> new HashSet<>()).add(type.name));
        }
    }

    /** The actions the classes of {@code function} can call, with {@code shared} the project code it is built with. */
    static Set<String> of(Path function, List<Path> shared) {
        return calls(function, shared).actions();
    }

    static Calls calls(Path function, List<Path> shared) {
        CalledActions code = new CalledActions(Stream.concat(Stream.of(function), shared.stream()).toList());
        Set<String> roots = new HashSet<>();
        new CalledActions(List.of(function)).classes.values()
                .forEach(type -> type.methods.forEach(m -> roots.add(key(type.name, m.name, m.desc))));
        Set<String> actions = code.reachableActions(roots);
        return new Calls(actions, code.assumedRoleCredentials);
    }

    private Set<String> reachableActions(Set<String> roots) {
        Set<String> actions = new TreeSet<>();
        Set<String> seen = new HashSet<>(roots);
        Deque<String> work = new ArrayDeque<>(roots);
        while (!work.isEmpty()) {
            String method = work.pop();
            MethodNode node = method(method);
            if (node == null) {
                continue;
            }
            for (AbstractInsnNode insn : node.instructions) {
                for (String callee : callees(insn, actions)) {
                    if (seen.add(callee)) {
                        work.push(callee);
                    }
                }
            }
        }
        return actions;
    }

    /** The project methods an instruction can run; SDK client calls it makes go into {@code actions}. */
    private Set<String> callees(AbstractInsnNode insn, Set<String> actions) {
        Set<String> callees = new HashSet<>();
        if (insn instanceof MethodInsnNode call) {
            recordSdkCall(call.owner, call.name, actions);
            if (classes.containsKey(call.owner)) {
                callees.addAll(implementations(call.owner, call.name, call.desc));
                // A first use of a class runs its static initialiser.
                callees.add(key(call.owner, "<clinit>", "()V"));
                if (invoked.add(call.owner + "#" + call.name)) {
                    for (String type : withSubtypes(call.owner)) {
                        for (Handle handle : deferred.getOrDefault(type + "#" + call.name, List.of())) {
                            callees.addAll(target(handle, actions));
                        }
                        deferred.remove(type + "#" + call.name);
                    }
                }
            }
        } else if (insn instanceof InvokeDynamicInsnNode dynamic) {
            String lambdaOf = projectInterfaceOf(dynamic);
            for (Object argument : dynamic.bsmArgs) {
                if (argument instanceof Handle handle) {
                    if (lambdaOf == null || isInvoked(lambdaOf, dynamic.name)) {
                        callees.addAll(target(handle, actions));
                    } else {
                        deferred.computeIfAbsent(lambdaOf + "#" + dynamic.name, k -> new ArrayList<>()).add(handle);
                    }
                }
            }
        } else if (insn instanceof TypeInsnNode type) {
            recordSdkCall(type.desc, "", actions);
            // An object of a project class handed to library code (a Supplier, a Consumer...) is called by it through
            // the library's type: count its methods that implement a library type's method.
            if (type.getOpcode() == org.objectweb.asm.Opcodes.NEW && classes.containsKey(type.desc)) {
                Set<String> libraryMethods = libraryMethodNames(type.desc);
                classes.get(type.desc).methods.stream().filter(m -> libraryMethods.contains(m.name))
                        .forEach(m -> callees.add(key(type.desc, m.name, m.desc)));
            }
        } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Type type
                && type.getSort() == Type.OBJECT) {
            recordSdkCall(type.getInternalName(), "", actions);
        }
        return callees;
    }

    /** What a lambda's or method reference's implementation runs: an SDK call, or project methods. */
    private Set<String> target(Handle handle, Set<String> actions) {
        recordSdkCall(handle.getOwner(), handle.getName(), actions);
        return classes.containsKey(handle.getOwner())
                ? implementations(handle.getOwner(), handle.getName(), handle.getDesc()) : Set.of();
    }

    /**
     * The project interface a lambda or method reference implements, when only project code can invoke it (no library
     * supertype declares its method); null for any other invokedynamic (a library interface: a Function, a Supplier),
     * whose implementation library code may run at any time.
     */
    private String projectInterfaceOf(InvokeDynamicInsnNode dynamic) {
        if (!"java/lang/invoke/LambdaMetafactory".equals(dynamic.bsm.getOwner())) {
            return null;
        }
        String type = Type.getReturnType(dynamic.desc).getInternalName();
        return classes.containsKey(type) && !libraryMethodNames(type).contains(dynamic.name) ? type : null;
    }

    /** Whether reachable code invokes {@code method} on {@code type} or on a project supertype of it. */
    private boolean isInvoked(String type, String method) {
        Deque<String> supertypes = new ArrayDeque<>(List.of(type));
        while (!supertypes.isEmpty()) {
            String next = supertypes.pop();
            if (invoked.contains(next + "#" + method)) {
                return true;
            }
            ClassNode node = classes.get(next);
            if (node != null) {
                Stream.concat(Stream.ofNullable(node.superName), node.interfaces.stream()).forEach(supertypes::push);
            }
        }
        return false;
    }

    /** The type and every project type below it. */
    private Set<String> withSubtypes(String type) {
        Set<String> all = new HashSet<>(List.of(type));
        Deque<String> below = new ArrayDeque<>(subtypes.getOrDefault(type, Set.of()));
        while (!below.isEmpty()) {
            String next = below.pop();
            if (all.add(next)) {
                below.addAll(subtypes.getOrDefault(next, Set.of()));
            }
        }
        return all;
    }

    private void recordSdkCall(String owner, String method, Set<String> actions) {
        if (owner.startsWith(ASSUME_ROLE_PROVIDERS) && owner.endsWith("CredentialsProvider")) {
            actions.add("sts:AssumeRole");
            assumedRoleCredentials = true;
            return;
        }
        if (!owner.startsWith(SERVICES) || !owner.endsWith("Client") || method.isEmpty()
                || NOT_API_CALLS.contains(method) || method.startsWith("<")) {
            return;
        }
        String[] path = owner.substring(SERVICES.length()).split("/");
        String prefix = ACTION_PREFIX.get(path[0]);
        if (path.length != 2 || prefix == null) {
            if (path.length == 2) {
                actions.add(path[0] + ":" + method + " (no known action prefix for this service)");
            }
            return;
        }
        String operation = method;
        for (String suffix : OPERATION_SUFFIXES) {
            if (operation.endsWith(suffix)) {
                operation = operation.substring(0, operation.length() - suffix.length());
            }
        }
        String action = prefix + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
        actions.add(AUTHORIZED_AS.getOrDefault(action, action));
    }

    /** The method as declared on {@code owner} or inherited from a project supertype, and every override of it. */
    private Set<String> implementations(String owner, String name, String desc) {
        Set<String> found = new HashSet<>();
        for (String type = owner; type != null && classes.containsKey(type); type = classes.get(type).superName) {
            if (declares(type, name, desc)) {
                found.add(key(type, name, desc));
                break;
            }
        }
        Deque<String> below = new ArrayDeque<>(subtypes.getOrDefault(owner, Set.of()));
        while (!below.isEmpty()) {
            String type = below.pop();
            if (declares(type, name, desc)) {
                found.add(key(type, name, desc));
            }
            below.addAll(subtypes.getOrDefault(type, Set.of()));
        }
        return found;
    }

    /** The method names the library (non-project) supertypes of a project class declare. */
    private Set<String> libraryMethodNames(String projectType) {
        Set<String> names = new HashSet<>();
        Deque<String> supertypes = new ArrayDeque<>(List.of(projectType));
        while (!supertypes.isEmpty()) {
            String type = supertypes.pop();
            ClassNode node = classes.get(type);
            if (node == null) {
                try {
                    Class<?> library = Class.forName(type.replace('/', '.'), false, getClass().getClassLoader());
                    for (java.lang.reflect.Method m : library.getMethods()) {
                        names.add(m.getName());
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("a supertype of project code is not on the classpath: " + type, e);
                }
                continue;
            }
            Stream.concat(Stream.ofNullable(node.superName), node.interfaces.stream()).forEach(supertypes::push);
        }
        return names;
    }

    private boolean declares(String type, String name, String desc) {
        ClassNode node = classes.get(type);
        return node != null && node.methods.stream().anyMatch(m -> m.name.equals(name) && m.desc.equals(desc));
    }

    private MethodNode method(String key) {
        String[] parts = key.split("#", 3);
        ClassNode type = classes.get(parts[0]);
        if (type == null) {
            return null;
        }
        return type.methods.stream().filter(m -> m.name.equals(parts[1]) && m.desc.equals(parts[2])).findFirst()
                .orElse(null);
    }

    private static String key(String owner, String name, String desc) {
        return owner + "#" + name + "#" + desc;
    }

    private void load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + " does not exist: build the functions first (mvn -B verify)");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassNode node = new ClassNode();
                    new ClassReader(in).accept(node, ClassReader.SKIP_DEBUG);
                    classes.put(node.name, node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
