package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Shared chart sizes and PNG output. */
final class Charts {
    static final int WIDTH = 760;
    static final int HEIGHT = 460;

    private Charts() {}

    static void savePng(Chart<?, ?> chart, Path png) throws IOException {
        String base = png.toString().replaceAll("\\.png$", "");
        BitmapEncoder.saveBitmapWithDPI(chart, base, BitmapEncoder.BitmapFormat.PNG, 110);
    }
}
