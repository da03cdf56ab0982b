package org.polyhead.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium for tests that check what a user sees: a page's DOM after its scripts ran
 * ({@link #dumpDom}), or each image's {@code naturalWidth} after load ({@link #imageWidths}; 0 = the browser could not
 * load or decode it). Chromium is installed with apt-get when missing and possible; when it cannot be, the calling
 * test fails under {@code CI=true} and is skipped (with the reason) elsewhere.
 *
 * <p>It lives in the framework's test-jar so that the report tests and the MLflow UI tests share it. Each Chromium
 * runs as a child process with a time limit; on timeout it is killed with every process it started (renderer, GPU and
 * zygote processes outlive a killed parent otherwise).
 */
public final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> HEADLESS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage");
    private static final long LIMIT_SECONDS = 120;
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

    /** The installed Chromium; {@code why} names what the test needs it for, in the skip or failure message. */
    public static HeadlessChromium require(String why) {
        String found = find();
        if (found == null) {
            install();
            found = find();
        }
        if (found == null) {
            String message = "headless Chromium is needed to " + why + " and is not installed "
                    + "(Debian: apt-get install chromium); tried " + NAMES + " on PATH and apt-get";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new HeadlessChromium(found);
    }

    /**
     * The DOM of {@code url} once its scripts have run for {@code virtualMillis} of virtual time (Chromium's clock
     * stops while requests are pending, so a single-page app gets its data before the dump), in a window of the given
     * size (virtualized tables render only the columns that fit).
     */
    public String dumpDom(String url, int virtualMillis, int width, int height) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary));
        cmd.addAll(HEADLESS);
        cmd.addAll(List.of("--window-size=" + width + "," + height, "--virtual-time-budget=" + virtualMillis,
                "--dump-dom", url));
        return run(cmd.toArray(String[]::new));
    }

    /** src → naturalWidth of every image on the page after load; the page is copied with a probe script beside it. */
    public Map<String, Integer> imageWidths(Path html) throws IOException, InterruptedException {
        String page = Files.readString(html);
        Path probe = html.resolveSibling(".imgcheck-" + html.getFileName());
        Files.writeString(probe, page.replace("</body>", PROBE + "</body>"));
        try {
            List<String> cmd = new ArrayList<>(List.of(binary));
            cmd.addAll(HEADLESS);
            cmd.addAll(List.of("--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom",
                    probe.toUri().toString()));
            String dom = run(cmd.toArray(String[]::new));
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

    /**
     * Runs {@code cmd} to its end and returns its standard output. The output goes to a file rather than a pipe, so
     * that a process that hangs cannot block the read and the time limit always applies.
     */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("polyhead-chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", cmd) + " did not finish in " + LIMIT_SECONDS + " s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }
}
