/**
 * Task kinds: how a dataset becomes a model's label groups, token batches and graph inputs, and what the kind brings
 * to validation and to a saved model.
 *
 * <p>{@link org.polyhead.task.Task} is the seam, and {@link org.polyhead.task.TaskKind} the part of it the runners
 * and saved models see (bind the design to the data, evaluate, save): {@link org.polyhead.task.GroupTask} (several
 * label groups per text), {@link org.polyhead.task.HierarchyTask} (label paths, one group per level, path metrics,
 * the taxonomy kept with a saved model) and {@link org.polyhead.task.TargetTask} (one marked target per text, its
 * positions fed as selections). {@link org.polyhead.task.TaskData} prepares any of them alike (load, seeded sample,
 * split, groups, tokenize, targets) into {@link org.polyhead.task.PreparedData}; {@link org.polyhead.task.TextBatches}
 * turns rows into graph inputs; {@link org.polyhead.task.Predictor} runs a model over them (batches sorted by length);
 * {@link org.polyhead.task.Checkpoints} resolves the encoder's checkpoint and tokenizer.
 *
 * <p>To add a task kind: a class implementing {@code Task} for its record type (its dataset kind in
 * {@code datasets/…/data/DatasetRegistry.java}), overriding the {@code TaskKind} methods where it differs, and one
 * line in {@code TaskData.TASKS}. The runners stay as they are.
 */
package org.polyhead.task;
