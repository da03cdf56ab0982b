package org.polyhead.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The body of MLflow's {@code POST /api/2.0/mlflow/runs/log-inputs} for {@link DatasetInput}s. */
final class DatasetInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetInputs() {}

    static String json(String runId, List<DatasetInput> inputs) {
        ObjectNode body = JSON.createObjectNode().put("run_id", runId);
        ArrayNode datasets = body.putArray("datasets");
        for (DatasetInput in : inputs) {
            ObjectNode entry = datasets.addObject();
            entry.putObject("dataset").put("name", in.name()).put("digest", in.digest())
                    .put("source_type", in.sourceType()).put("source", in.source()).put("schema", in.schema());
            entry.putArray("tags").addObject().put("key", DatasetInput.CONTEXT_TAG).put("value", in.context());
        }
        return body.toString();
    }
}
