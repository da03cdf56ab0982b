/**
 * Baselines a trial must beat, tracked as runs of their own under the sweep's parent (tag {@code polyhead.baseline}),
 * on exactly the trials' split: trained on its train part, evaluated on validation and test with the trials' metric
 * names ({@code val_acc_<group>}, {@code test_f1_<group>}, ...), so reports put them in the same tables.
 *
 * <p>{@code majority} predicts the training split's most frequent class; {@code tfidf-lr} is logistic regression on
 * TF-IDF-weighted word 1–2-gram counts (for target data, of a window of words around the target, see
 * {@link org.polyhead.baseline.TextFeatures}); {@code probe} is logistic regression on the frozen pretrained encoder's
 * pooled features, computed once per record and cached on disk ({@link org.polyhead.baseline.FeatureCache}).
 *
 * <p>The text features and the logistic regression come from Oracle's Tribuo (Apache-2.0: its token pipeline, IDF
 * transformation and liblinear trainer) rather than Smile, whose current releases are GPL-3.0 and would change the
 * terms under which polyhead can be shared. liblinear solves the L2-regularised logistic regression to convergence
 * (deterministic, no learning rate to tune), which is what a baseline should be.
 *
 * <p>To add a baseline: implement {@link org.polyhead.baseline.Baseline} and register its name in
 * {@link org.polyhead.baseline.Baselines}.
 */
package org.polyhead.baseline;
