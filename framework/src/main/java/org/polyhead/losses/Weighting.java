package org.polyhead.losses;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** How per-group losses combine into the one scalar that is minimised, e.g. L = π·L_y + (1−π)·L_z. */
public interface Weighting {

    /** Name of the placeholder [K] that carries the per-group weights, fed at every step so one graph serves a sweep. */
    String WEIGHTS = "loss.weights";

    SDVariable total(SameDiff sd, List<SDVariable> groupLosses, DataType type);
}
