package org.polyhead.report;

import java.util.List;

/** Renders a {@link Doc} as GitHub-flavoured Markdown. */
public final class MarkdownWriter {
    private MarkdownWriter() {}

    public static String render(Doc doc) {
        StringBuilder sb = new StringBuilder("# ").append(doc.title()).append("\n\n");
        for (Doc.Block b : doc.blocks()) {
            if (b instanceof Doc.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Doc.Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Doc.Bullets l) {
                l.items().forEach(i -> sb.append("- ").append(i).append('\n'));
                sb.append('\n');
            } else if (b instanceof Doc.Image i) {
                sb.append("![").append(i.caption()).append("](").append(i.file()).append(")\n\n");
            } else if (b instanceof Doc.Table t) {
                row(sb, t.header());
                sb.append('|').append("---|".repeat(t.header().size())).append('\n');
                t.rows().forEach(r -> row(sb, r));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(c.replace("|", "\\|")).append(" |"));
        sb.append('\n');
    }
}
