package org.polyhead.train;

import com.sun.jna.Function;

/**
 * Hands the C heap's free pages back to the system ({@code malloc_trim(0)}). ND4J's arrays live in that heap; after a
 * GC has freed dead ones, glibc keeps most of the freed pages (they were not mmapped blocks of their own), so the
 * resident set stays at its high-water mark and the next step's arrays land elsewhere. A no-op where the C library
 * has no {@code malloc_trim} (not glibc).
 */
final class NativeHeap {
    private static final Function MALLOC_TRIM = lookUp();

    private NativeHeap() {}

    static void trim() {
        if (MALLOC_TRIM != null) {
            MALLOC_TRIM.invokeInt(new Object[] {0L});
        }
    }

    private static Function lookUp() {
        try {
            return Function.getFunction("c", "malloc_trim");
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }
}
