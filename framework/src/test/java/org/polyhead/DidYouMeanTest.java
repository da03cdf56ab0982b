package org.polyhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.polyhead.model.Designs;

class DidYouMeanTest {

    @Test
    void aCloseTypoNamesTheIntendedNameAndAFarOneNothing() {
        List<String> keys = List.of("epochs", "batch_size", "early_stopping", "patience");
        assertEquals("; did you mean 'epochs'?", DidYouMean.hint("epoks", keys));
        assertEquals("; did you mean 'early_stopping'?", DidYouMean.hint("early_stoping", keys));
        assertEquals("", DidYouMean.hint("temperature", keys));
    }

    @Test
    void anUnknownDesignSuggestsTheNearestRegisteredOne() {
        UserError e = assertThrows(UserError.class, () -> Designs.heads("seperate", "model.heads"));
        assertTrue(e.getMessage().startsWith("model.heads: unknown design 'seperate'; did you mean 'separate'?"),
                e.getMessage());
    }
}
