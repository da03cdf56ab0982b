package org.polyhead.heads;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;

/** A named dense layer on [B, in] features: the one building block every head design shares. */
public final class Linear {
    private Linear() {}

    public static SDVariable apply(SameDiff sd, String name, SDVariable x, int in, int out, WeightInit init) {
        SDVariable W = sd.var(name + ".weight", init.normal(in, out));
        SDVariable b = sd.var(name + ".bias", init.zeros(out));
        return x.mmul(W).add(b);
    }
}
