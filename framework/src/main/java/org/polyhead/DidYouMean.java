package org.polyhead;

import java.util.Collection;
import java.util.Comparator;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The "did you mean" part of a {@link UserError}: the known name closest to a mistyped one, when it is close enough
 * (at most two edits, or a third of its characters for a long name) to be the likely intent.
 */
public final class DidYouMean {
    private DidYouMean() {}

    /** {@code "; did you mean 'pi'?"}, or an empty string when no known name is close. */
    public static String hint(String typed, Collection<String> known) {
        int limit = Math.max(2, typed.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        return known.stream().filter(k -> distance.apply(typed, k) >= 0)
                .min(Comparator.comparingInt(k -> distance.apply(typed, k)))
                .map(k -> "; did you mean '" + k + "'?").orElse("");
    }
}
