package dev.offboarding.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A function of the template and the module that builds it, found from its CodeUri. */
record FunctionCode(String logicalId, String module, String codeUri, String handler) {
    private static final Pattern ARTIFACT = Pattern.compile("functions/([a-z0-9-]+)/target/\\1-lambda\\.jar");
    private static final ProjectModules MODULES = new ProjectModules(Repository.ROOT);

    static FunctionCode of(Template template, String logicalId) {
        String codeUri = template.functionProperty(logicalId, "CodeUri").asText();
        Matcher m = ARTIFACT.matcher(codeUri);
        String module = m.matches() ? m.group(1) : null;
        return new FunctionCode(logicalId, module, codeUri, template.functionProperty(logicalId, "Handler").asText());
    }

    Path moduleDirectory() {
        return Repository.ROOT.resolve("functions").resolve(module);
    }

    Path classes() {
        return moduleDirectory().resolve("target/classes");
    }

    String handlerClass() {
        return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    }

    /** The compiled classes of the project modules the function is built with (core, and records where it uses it). */
    List<Path> sharedClasses() {
        return MODULES.builtWith(moduleDirectory()).stream().map(m -> m.resolve("target/classes")).toList();
    }

    Set<String> calledActions() {
        return CalledActions.of(classes(), sharedClasses());
    }

    CalledActions.Calls calls() {
        return CalledActions.calls(classes(), sharedClasses());
    }
}
