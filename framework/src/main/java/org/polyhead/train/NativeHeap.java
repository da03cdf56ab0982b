package org.polyhead.train;

import com.sun.jna.Function;
import com.sun.jna.Structure;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * The C heap, where ND4J's arrays live: the bytes it has handed out ({@code mallinfo2}) and handing its free pages back
 * to the system ({@code malloc_trim(0)}). glibc keeps freed pages resident, so the resident set says how much the heap
 * ever held, not how much is in use; after a GC has freed dead arrays, {@link #inUse} falls and the resident set does
 * not. Where the C library is not glibc (or older than 2.33, without {@code mallinfo2}), {@link #inUse} falls back to
 * the resident set and {@link #trim} does nothing.
 */
final class NativeHeap {
    private static final Function MALLOC_TRIM = lookUp("malloc_trim");
    private static final Function MALLINFO2 = lookUp("mallinfo2");

    private NativeHeap() {}

    static void trim() {
        if (MALLOC_TRIM != null) {
            MALLOC_TRIM.invokeInt(new Object[] {0L});
        }
    }

    /** Bytes allocated and not yet freed: heap chunks in use plus mmapped blocks. */
    static long inUse() {
        if (MALLINFO2 == null) {
            return Pointer.physicalBytes();
        }
        MallInfo2 m = (MallInfo2) MALLINFO2.invoke(MallInfo2.class, new Object[0]);
        return m.uordblks + m.hblkhd;
    }

    private static Function lookUp(String name) {
        try {
            return Function.getFunction("c", name);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /** glibc's {@code struct mallinfo2}, every field a {@code size_t}. */
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                    "fordblks", "keepcost");
        }
    }
}
