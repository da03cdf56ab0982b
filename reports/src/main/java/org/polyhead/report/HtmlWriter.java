package org.polyhead.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a {@link Doc} as one self-contained HTML page (images referenced next to it, no scripts, no network). */
public final class HtmlWriter {
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:1em 0;font-size:90%}
            th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}
            td:first-child,th:first-child{text-align:left}code{background:#f5f5f5;padding:0 3px}
            figure{margin:1em 0}img{max-width:100%}figcaption{color:#555;font-size:90%}""";

    private HtmlWriter() {}

    public static String render(Doc doc) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(escape(doc.title())).append("</title><style>").append(STYLE)
                .append("</style></head>\n<body>\n<h1>").append(inline(doc.title())).append("</h1>\n");
        for (Doc.Block b : doc.blocks()) {
            if (b instanceof Doc.Heading h) {
                sb.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level())
                        .append(">\n");
            } else if (b instanceof Doc.Para p) {
                sb.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Doc.Bullets l) {
                sb.append("<ul>\n");
                l.items().forEach(i -> sb.append("<li>").append(inline(i)).append("</li>\n"));
                sb.append("</ul>\n");
            } else if (b instanceof Doc.Image i) {
                sb.append("<figure><img src=\"").append(escape(i.file())).append("\" alt=\"").append(escape(i.caption()))
                        .append("\"><figcaption>").append(inline(i.caption())).append("</figcaption></figure>\n");
            } else if (b instanceof Doc.Table t) {
                sb.append("<table>\n<tr>");
                cells(sb, "th", t.header());
                sb.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    sb.append("<tr>");
                    cells(sb, "td", r);
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void cells(StringBuilder sb, String tag, List<String> cells) {
        cells.forEach(c -> sb.append('<').append(tag).append('>').append(inline(c)).append("</").append(tag).append('>'));
    }

    /** Escapes the text and turns {@code `x`} into {@code <code>x</code>}. */
    static String inline(String text) {
        Matcher m = CODE.matcher(escape(text));
        return m.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
