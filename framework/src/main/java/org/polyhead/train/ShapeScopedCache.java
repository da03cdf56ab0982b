package org.polyhead.train;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;

/**
 * Keeps the array cache of a SameDiff function's sessions to the arrays of one batch shape: when a run's batch shape
 * differs from the previous run's, the cached arrays are closed (their native memory freed at once) and the session
 * gets an empty cache.
 * <p>
 * SameDiff 1.0.0-M2.1's {@code ArrayCacheMemoryMgr} serves an array only for the exact shape it was released with,
 * and keeps arrays up to a quarter of JavaCPP's {@code maxBytes} (by default {@code -Xmx}) per session. Batches whose
 * sequence length varies (every padded batch of a real dataset) therefore fill the gradient function's cache and the
 * inference session's cache with arrays of lengths that may not come back for many steps: 1.5 GB and 0.5 GB under the
 * launcher's {@code -Xmx6g}, for MiniLM at batch 32 × 12..32 tokens (reports/bench/optimisations.md). Within one run
 * the cache works as before (an intermediate is reused by later ops of its shape), and a run of the same shape as the
 * last keeps the whole cache. Closing cached arrays is what the cache itself does when it evicts; no session holds
 * them.
 */
final class ShapeScopedCache {
    private final SameDiff function;
    private long[] lastShape;

    ShapeScopedCache(SameDiff function) {
        this.function = function;
    }

    /** Call before running the function on a batch of {@code shape}. */
    void enter(long[] shape) {
        if (!Arrays.equals(shape, lastShape)) {
            if (lastShape != null) {
                clear();
            }
            lastShape = shape.clone();
        }
    }

    /** Closes every session's cached arrays and gives it an empty cache. */
    void clear() {
        for (InferenceSession session : function.getSessions().values()) {
            SessionMemMgr old = session.getMmgr();
            session.setMmgr(new ArrayCacheMemoryMgr());
            old.close();
        }
    }
}
