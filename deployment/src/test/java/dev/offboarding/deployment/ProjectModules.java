package dev.offboarding.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The modules of this repository a module's code is built with, read from the poms: its dependencies of group
 * dev.offboarding that are part of its jar (compile or runtime scope, not a test-jar), and theirs, by artifactId of
 * the modules the root pom lists.
 */
final class ProjectModules {
    private static final String GROUP = "dev.offboarding";

    private final Path root;
    private final Map<String, Path> byArtifactId = new LinkedHashMap<>();

    ProjectModules(Path root) {
        this.root = root;
        for (String module : children(pom(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            Path directory = root.resolve(module);
            if (Files.isRegularFile(directory.resolve("pom.xml"))) {
                byArtifactId.put(text(pom(directory.resolve("pom.xml")).getDocumentElement(), "artifactId"), directory);
            }
        }
    }

    /** The directories of the modules {@code module} (a directory of this repository) is built with, nearest first. */
    List<Path> builtWith(Path module) {
        Set<Path> found = new LinkedHashSet<>();
        Deque<Path> work = new ArrayDeque<>(List.of(module));
        while (!work.isEmpty()) {
            Element project = pom(work.pop().resolve("pom.xml")).getDocumentElement();
            for (Element dependency : elements(project, "dependencies", "dependency")) {
                String scope = text(dependency, "scope");
                boolean inTheJar = scope.isEmpty() || scope.equals("compile") || scope.equals("runtime");
                if (!GROUP.equals(text(dependency, "groupId")) || !inTheJar || !text(dependency, "type").isEmpty()) {
                    continue;
                }
                Path directory = byArtifactId.get(text(dependency, "artifactId"));
                if (directory == null) {
                    throw new IllegalStateException(module + " depends on " + text(dependency, "artifactId")
                            + ", which is no module of " + root.resolve("pom.xml"));
                }
                if (found.add(directory)) {
                    work.add(directory);
                }
            }
        }
        return List.copyOf(found);
    }

    private static Document pom(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The direct child elements {@code item} of the direct child {@code list} of {@code parent}. */
    private static List<Element> elements(Element parent, String list, String item) {
        List<Element> items = new ArrayList<>();
        for (Element container : direct(parent, list)) {
            items.addAll(direct(container, item));
        }
        return items;
    }

    private static List<String> children(Element parent, String list, String item) {
        return elements(parent, list, item).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static String text(Element parent, String name) {
        List<Element> found = direct(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().strip();
    }

    private static List<Element> direct(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
