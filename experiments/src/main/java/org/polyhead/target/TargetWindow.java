package org.polyhead.target;

/**
 * Which {@code length} consecutive tokens of a longer sequence a model sees: the window centred on the target, moved
 * inwards at either end, so the target is never truncated away (plain truncation keeps the head and would drop a
 * target near the end).
 *
 * @param start  first kept token (index into the sequence without special tokens)
 * @param length number of kept tokens
 */
public record TargetWindow(int start, int length) {

    /**
     * The window of at most {@code max} tokens out of {@code n} around the target tokens {@code [from, to)}: all of
     * them when they fit, else centred on the target and clamped to the sequence.
     */
    public static TargetWindow centred(int n, int from, int to, int max) {
        if (from < 0 || to > n || from >= to) {
            throw new IllegalArgumentException("target [" + from + ", " + to + ") outside a sequence of " + n);
        }
        if (to - from > max) {
            throw new IllegalArgumentException("target of " + (to - from) + " tokens is longer than the window of " + max);
        }
        if (n <= max) {
            return new TargetWindow(0, n);
        }
        int centre = (from + to) / 2;
        int start = Math.max(0, Math.min(n - max, centre - max / 2));
        return new TargetWindow(start, max);
    }

    public int end() {
        return start + length;
    }
}
