package org.polyhead.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks, written once and rendered twice ({@link MarkdownWriter}, {@link HtmlWriter}), so the
 * Markdown and the HTML always say the same thing. Inline text may use {@code `code`}.
 */
public final class Doc {
    /** One piece of a report. */
    public sealed interface Block permits Heading, Para, Table, Image, Bullets {}

    public record Heading(int level, String text) implements Block {}

    public record Para(String text) implements Block {}

    public record Table(List<String> header, List<List<String>> rows) implements Block {}

    /** A figure; {@code file} is relative to the report folder. */
    public record Image(String file, String caption) implements Block {}

    public record Bullets(List<String> items) implements Block {}

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Doc(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public Doc add(Block block) {
        blocks.add(block);
        return this;
    }

    public Doc heading(String text) {
        return add(new Heading(2, text));
    }

    public Doc para(String text) {
        return add(new Para(text));
    }
}
