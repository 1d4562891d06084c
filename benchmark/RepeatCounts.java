import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the Surefire reports of the given folders and prints, per test, how many of its runs passed and failed
 * (a repeated test's runs are named "method()[1]", "method()[2]", ...). Exit status 1 if any run failed or none
 * was found. Used by benchmark/repeat-concurrency-tests; run as a single-file program: java RepeatCounts.java DIR...
 */
public final class RepeatCounts {
    public static void main(String[] reportDirs) throws Exception {
        Map<String, int[]> counts = new TreeMap<>();
        for (String dir : reportDirs) {
            File[] reports = new File(dir).listFiles((d, name) -> name.startsWith("TEST-") && name.endsWith(".xml"));
            if (reports == null) {
                continue;
            }
            for (File report : reports) {
                NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report)
                        .getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element c = (Element) cases.item(i);
                    String className = c.getAttribute("classname");
                    String test = className.substring(className.lastIndexOf('.') + 1) + "."
                            + c.getAttribute("name").replaceFirst("\\(\\)(\\[\\d+])?$", "");
                    boolean failed = c.getElementsByTagName("failure").getLength() > 0
                            || c.getElementsByTagName("error").getLength() > 0;
                    boolean skipped = c.getElementsByTagName("skipped").getLength() > 0;
                    int[] count = counts.computeIfAbsent(test, t -> new int[3]);
                    count[failed ? 1 : skipped ? 2 : 0]++;
                }
            }
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            System.out.printf("%6d passed %4d failed%s  %s%n", c[0], c[1], c[2] == 0 ? "" : " " + c[2] + " skipped",
                    e.getKey());
            passed += c[0];
            failed += c[1];
            skipped += c[2];
        }
        System.out.printf("%6d passed %4d failed%s  in all, %d tests%n", passed, failed,
                skipped == 0 ? "" : " " + skipped + " skipped", counts.size());
        System.exit(failed == 0 && skipped == 0 && passed > 0 ? 0 : 1);
    }
}
