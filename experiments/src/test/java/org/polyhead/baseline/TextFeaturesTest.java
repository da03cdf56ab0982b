package org.polyhead.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.polyhead.data.GroupRecord;
import org.polyhead.data.SpanRecord;

/** What the TF-IDF baseline reads: the lower-cased text, or the words around a marked target tagged by offset. */
class TextFeaturesTest {

    @Test
    void aTargetIsReadAsTheWindowAroundItsWordTaggedByOffset() {
        String text = "One of them will Run the whole show tomorrow morning, surely.";
        int start = text.indexOf("Run");
        String window = TextFeatures.of(new SpanRecord(1, text, start, start + 3, 1));
        assertEquals("of them will run the whole show . of_m3 them_m2 will_m1 run_t0 the_p1 whole_p2 show_p3", window);
    }

    @Test
    void aTargetAtTheStartKeepsOnlyTheWordsAfterIt() {
        String window = TextFeatures.of(new SpanRecord(1, "Fish swim, fast.", 0, 4, 0));
        assertEquals("fish swim, fast. . fish_t0 swim_p1 fast_p2", window);
    }

    @Test
    void otherRecordsAreTheirWholeTextLowerCased() {
        assertEquals("a young person", TextFeatures.of(new GroupRecord(1, "A Young Person",
                java.util.Map.of("pos", "noun"))));
    }
}
