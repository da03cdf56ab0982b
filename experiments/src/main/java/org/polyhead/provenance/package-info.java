/**
 * What reproduces a run, as one record ({@link org.polyhead.provenance.RunProvenance}): git commit and dirty flag,
 * config hash, seed, version, backend and device, dataset, its SHA-256, tokenizer and task kind.
 * {@link org.polyhead.provenance.Provenance} gathers it; it is written as the run's tags and into a saved model's
 * {@code model.json}, and the report reads it back from the tags.
 *
 * <p>A new fact is one record component, one line in {@code RunProvenance.tags()} and its key in framework
 * {@code track/Tags.java}, where the report reads it.
 */
package org.polyhead.provenance;
