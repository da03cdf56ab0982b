package org.polyhead.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Map;

/**
 * The fully resolved spec as YAML, every default filled in (what {@code --print-config} shows): the same snake_case
 * keys a spec is written with, so the output is itself a spec that loads to the same {@link ExperimentSpec}. Keys
 * left unset that have no default ({@code encoder.checkpoint}, {@code tracking.experiment}) are omitted.
 */
public final class SpecPrinter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private SpecPrinter() {}

    /** The resolved spec flattened as run params ({@code training.lr → 0.001}), defaults included. */
    public static Map<String, String> params(ExperimentSpec spec) {
        return new SpecLoader.Resolved(spec, tree(spec), "").params();
    }

    /** The resolved spec as the tree {@link #yaml} prints: the config hash is taken of it. */
    static ObjectNode tree(ExperimentSpec spec) {
        return YAML.valueToTree(spec);
    }

    public static String yaml(ExperimentSpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the resolved spec: " + e.getMessage(), e);
        }
    }
}
