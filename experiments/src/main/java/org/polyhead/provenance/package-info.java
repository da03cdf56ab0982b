/**
 * What reproduces a run: git commit and dirty flag, config hash, seed, version, backend and device, dataset SHA-256
 * and tokenizer ({@link org.polyhead.provenance.Provenance}), recorded as run tags.
 *
 * <p>A new fact is one entry where the facts are gathered; the tag keys it writes are read back by {@code reports/}.
 */
package org.polyhead.provenance;
