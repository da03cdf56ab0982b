package org.polyhead.mlflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what MLflow 3.17.2's UI rendered, from a DOM dumped by headless Chromium, by the markers its components put in
 * the page: the runs table is an ag-grid ({@code role="row"} with {@code row-id} = run id, one cell per
 * {@code col-id}); a run's "About this run" box has one {@code data-testid="key-value-<label>"} per line; its datasets
 * follow an {@code <h4>Datasets</h4>}; the artifact tree has one {@code artifact-tree-node} per entry.
 */
final class MlflowUiDom {
    private static final Pattern ROW = Pattern.compile("<div[^>]*role=\"row\"[^>]*>");
    private static final Pattern ROW_ID = Pattern.compile("row-id=\"([^\"]+)\"");
    private static final Pattern CELL = Pattern.compile("<div[^>]*role=\"gridcell\"[^>]*>");
    private static final Pattern COL_ID = Pattern.compile("col-id=\"([^\"]+)\"");
    private static final Pattern ARTIFACT =
            Pattern.compile("data-testid=\"artifact-tree-node\" artifact-name=\"([^\"]+)\"");

    private MlflowUiDom() {}

    /**
     * run id → column id → the cell's text, for every run row of the runs table. ag-grid draws the pinned columns
     * (the run name) and the scrolling ones in separate row elements with the same {@code row-id}; their cells are
     * merged.
     */
    static Map<String, Map<String, String>> runTable(String dom) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        List<Integer> starts = new ArrayList<>();
        Matcher row = ROW.matcher(dom);
        while (row.find()) {
            starts.add(row.start());
        }
        starts.add(dom.length());
        for (int i = 0; i + 1 < starts.size(); i++) {
            String chunk = dom.substring(starts.get(i), starts.get(i + 1));
            Matcher id = ROW_ID.matcher(chunk.substring(0, chunk.indexOf('>') + 1));
            if (id.find()) {
                rows.computeIfAbsent(id.group(1), k -> new LinkedHashMap<>()).putAll(cells(chunk));
            }
        }
        return rows;
    }

    /** The value beside {@code label} in a run page's "About this run" box ("Created by", "Source", ...). */
    static String aboutThisRun(String dom, String label) {
        String marker = "data-testid=\"key-value-" + label + "\"";
        int at = dom.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int from = dom.indexOf('>', at) + 1;
        int next = dom.indexOf("data-testid=\"key-value-", from);
        String text = text(dom.substring(from, next < 0 ? dom.length() : dom.lastIndexOf('<', next)));
        return text.startsWith(label) ? text.substring(label.length()).trim() : text;
    }

    /**
     * The text of a run page's Datasets section: the first dataset input's name (digest) and context tag, then
     * {@code +N} for the N others, which open on a click.
     */
    static String datasets(String dom) {
        int at = dom.indexOf(">Datasets</h4>");
        if (at < 0) {
            return null;
        }
        int end = dom.indexOf("<h4", at);
        return text(dom.substring(at + ">Datasets</h4>".length(), end < 0 ? dom.length() : end));
    }

    /** The names in a run's artifact tree, as its Artifacts tab shows them (top level unless a folder is opened). */
    static List<String> artifactNames(String dom) {
        List<String> names = new ArrayList<>();
        Matcher m = ARTIFACT.matcher(dom);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The visible text of an HTML fragment, each element's text separated by one space. */
    static String text(String html) {
        String t = html.replaceAll("(?s)<(script|style|svg)\\b.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return t.replaceAll("\\s+", " ").trim();
    }

    private static Map<String, String> cells(String rowHtml) {
        Map<String, String> cells = new LinkedHashMap<>();
        Matcher m = CELL.matcher(rowHtml);
        List<int[]> bounds = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            Matcher col = COL_ID.matcher(m.group());
            ids.add(col.find() ? col.group(1) : "");
            bounds.add(new int[] {m.end(), m.start()});
        }
        for (int i = 0; i < ids.size(); i++) {
            int end = i + 1 < ids.size() ? bounds.get(i + 1)[1] : rowHtml.length();
            cells.put(ids.get(i), text(rowHtml.substring(bounds.get(i)[0], end)));
        }
        return cells;
    }
}
