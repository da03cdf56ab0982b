package org.polyhead.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.browser.HeadlessChromium;

/** The HTML report renders in a real headless Chromium and every plot it references loads as an image. */
@Tag("integration")
class HtmlReportInBrowserTest {

    @Test
    void everyPlotOfEachKindOfReportLoadsInChromium(@TempDir Path tmp) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require("check the HTML report");
        Map<String, List<TrackedRuns.RunRow>> kinds = Map.of("pi", Fixtures.piSweep(), "hierarchy",
                Fixtures.hierarchy(), "pooling", Fixtures.pooling());
        Map<String, List<String>> expected = Map.of("pi", List.of("accuracy_vs_pi.png", "pareto.png"),
                "hierarchy", List.of("hierarchy.png"), "pooling", List.of("pooling.png"));
        for (var kind : kinds.entrySet()) {
            Path dir = tmp.resolve(kind.getKey());
            ExperimentReport.write(dir, kind.getValue(), new ExperimentReport.Context(kind.getKey(), "test", List.of()));
            Map<String, Integer> widths = chromium.imageWidths(dir.resolve("index.html"));
            assertEquals(expected.get(kind.getKey()), List.copyOf(widths.keySet()), kind.getKey());
            widths.forEach((src, w) -> assertTrue(w > 0, kind.getKey() + ": " + src + " did not load (naturalWidth 0)"));
        }
    }

    @Test
    void theBrowserCheckSeesAPlotThatDoesNotLoad(@TempDir Path tmp) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require("check the HTML report");
        ExperimentReport.write(tmp, Fixtures.piSweep(), new ExperimentReport.Context("pi", "test", List.of()));
        Files.writeString(tmp.resolve("pareto.png"), "not a png");
        Map<String, Integer> widths = chromium.imageWidths(tmp.resolve("index.html"));
        assertTrue(widths.get("accuracy_vs_pi.png") > 0);
        assertEquals(0, widths.get("pareto.png"));
    }
}
