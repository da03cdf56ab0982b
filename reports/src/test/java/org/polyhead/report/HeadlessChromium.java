package org.polyhead.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a page in a real headless Chromium and reports each image's {@code naturalWidth} after the page has loaded
 * (0 = the browser could not load or decode it). Chromium is installed with apt-get when missing and possible; when it
 * cannot be, the calling test fails under {@code CI=true} and is skipped (with the reason) elsewhere.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Pattern RESULT = Pattern.compile("<pre id=\"imgcheck\">(.*?)</pre>", Pattern.DOTALL);
    private static final String PROBE = """
            <script>window.addEventListener("load", () => {
              const p = document.createElement("pre"); p.id = "imgcheck";
              p.textContent = [...document.images].map(i => i.getAttribute("src") + "\\t" + i.naturalWidth).join("\\n");
              document.body.appendChild(p);
            });</script>
            """;

    private final String binary;

    private HeadlessChromium(String binary) {
        this.binary = binary;
    }

    static HeadlessChromium require() {
        String found = find();
        if (found == null) {
            install();
            found = find();
        }
        if (found == null) {
            String why = "headless Chromium is needed to check the HTML report and is not installed "
                    + "(Debian: apt-get install chromium); tried " + NAMES + " on PATH and apt-get";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return new HeadlessChromium(found);
    }

    /** src → naturalWidth of every image on the page, after load; the page is copied with a probe script beside it. */
    Map<String, Integer> imageWidths(Path html) throws IOException, InterruptedException {
        String page = Files.readString(html);
        Path probe = html.resolveSibling(".imgcheck-" + html.getFileName());
        Files.writeString(probe, page.replace("</body>", PROBE + "</body>"));
        try {
            String dom = run(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom",
                    probe.toUri().toString());
            Matcher m = RESULT.matcher(dom);
            if (!m.find()) {
                fail("Chromium did not run the page's load handler; its output was:\n" + dom);
            }
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String line : m.group(1).split("\n")) {
                if (!line.isBlank()) {
                    String[] kv = line.split("\t");
                    out.put(kv[0].replace("&amp;", "&"), Integer.parseInt(kv[1].trim()));
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static String find() {
        for (String name : NAMES) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    private static void install() {
        if (!"root".equals(System.getProperty("user.name")) || find("apt-get") == null) {
            return;
        }
        try {
            System.err.println("installing chromium with apt-get (once) ...");
            run("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium");
            if (find() == null) {
                run("apt-get", "update", "-q");
                run("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium");
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("apt-get install chromium failed: " + e.getMessage());
        }
    }

    private static String find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return tool;
            }
        }
        return null;
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in 300 s");
        }
        return out;
    }
}
