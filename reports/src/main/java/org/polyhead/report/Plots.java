package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The plots a report tries, in order; a new kind of figure is one more line here. */
final class Plots {
    private static final List<Plot> SPECIFIC = List.of(
            new PiCurvePlot(),
            new ParetoPlot(),
            MetricBarsPlot.hierarchy(),
            MetricBarsPlot.binaryTask());

    private Plots() {}

    /** Every figure that applies to these runs; the all-metrics bars when none does. */
    static List<Doc.Image> draw(RunGroups runs, Path dir) throws IOException {
        List<Doc.Image> out = new ArrayList<>();
        for (Plot p : SPECIFIC) {
            out.addAll(p.draw(runs, dir));
        }
        return out.isEmpty() ? MetricBarsPlot.all().draw(runs, dir) : out;
    }
}
