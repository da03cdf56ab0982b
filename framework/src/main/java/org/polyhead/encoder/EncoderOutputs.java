package org.polyhead.encoder;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What the encoder gives the poolings: the last hidden states h [B, T, d]. BERT's tanh pooler is a pooling design of
 * its own ({@link org.polyhead.pooling.PoolerPooling}), so models that do not use it carry no untrained weights.
 */
public record EncoderOutputs(SDVariable hidden) {}
