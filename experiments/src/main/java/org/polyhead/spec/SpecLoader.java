package org.polyhead.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.polyhead.DidYouMean;
import org.polyhead.UserError;

/**
 * Reads specs strictly: YAML → tree → {@code --set key.path=value} overrides → {@link ExperimentSpec}. Unknown keys and
 * bad values fail with the file and the key's path. The resolved tree gives the config hash and the flattened params.
 */
public final class SpecLoader {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())  // a repeated key is refused
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private SpecLoader() {}

    /** The resolved spec and the tree it came from (the provenance of a run). */
    public record Resolved(ExperimentSpec spec, ObjectNode tree, String source) {
        /**
         * sha256 of the canonical (key-sorted) JSON of the resolved spec, defaults included: a key written with its
         * default value and a key left out give one configuration, so the output of {@code --print-config} hashes as
         * the spec it was printed from (hashing the tree as written told them apart).
         */
        public String hash() {
            return Hashing.sha256().hashString(canonicalJson(SpecPrinter.tree(spec)), StandardCharsets.UTF_8)
                    .toString();
        }

        /** Flattened {@code a.b.c → value} params, lists as JSON. */
        public Map<String, String> params() {
            Map<String, String> out = new TreeMap<>();
            flatten("", tree, out);
            return out;
        }

        public String yaml() {
            try {
                return YAML.writeValueAsString(tree);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A copy with more overrides applied (a sweep trial). */
        public Resolved with(Map<String, Object> overrides) {
            ObjectNode copy = tree.deepCopy();
            overrides.forEach((k, v) -> set(copy, k, YAML.valueToTree(v), source));
            return bind(copy, source);
        }
    }

    public static Resolved load(Path file, List<String> sets) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("spec file not found: " + file);
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError(SpecErrors.yaml(file, e));
        }
        if (!(root instanceof ObjectNode tree)) {
            throw new UserError(file + ": the spec must be a YAML mapping");
        }
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--set " + s + ": expected key.path=value");
            }
            set(tree, s.substring(0, eq), parseValue(s.substring(eq + 1)), "--set " + s);
        }
        return bind(tree, file.toString());
    }

    static Resolved bind(ObjectNode tree, String source) {
        try {
            return new Resolved(YAML.treeToValue(tree, ExperimentSpec.class), tree, source);
        } catch (JsonMappingException e) {
            throw new UserError(source + ": " + describe(e));
        } catch (JsonProcessingException e) {
            throw new UserError(source + ": " + e.getOriginalMessage());
        }
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof IllegalArgumentException ? root.getMessage() : SpecErrors.value(e);
        if (why != null && why.startsWith("Unrecognized field")) {
            why = "unknown key" + nearestKey(e);
        }
        String shown = path.isEmpty() ? "" : path + ": ";
        boolean named = why != null && (why.startsWith(path + ":") || why.startsWith(path + "."));
        return named ? why : shown + firstLine(why);
    }

    /** "; did you mean 'epochs'?" when the unknown key is close to one the spec section knows. */
    private static String nearestKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnrecognizedPropertyException u) {
                return DidYouMean.hint(u.getPropertyName(), u.getKnownPropertyIds().stream().map(String::valueOf)
                        .toList());
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        return s == null ? "invalid value" : s.lines().findFirst().orElse(s);
    }

    private static JsonNode parseValue(String raw) {
        try {
            return YAML.readTree(raw.isEmpty() ? "''" : raw);
        } catch (IOException e) {
            return YAML.getNodeFactory().textNode(raw);
        }
    }

    private static void set(ObjectNode tree, String path, JsonNode value, String origin) {
        String[] keys = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(keys[i]);
            }
            if (!(child instanceof ObjectNode obj)) {
                throw new UserError(origin + ": " + String.join(".", List.of(keys).subList(0, i + 1)) + " is not a mapping");
            }
            node = obj;
        }
        node.set(keys[keys.length - 1], value);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isValueNode()) {
            out.put(prefix, node.asText());
        } else {
            out.put(prefix, canonicalJson(node));
        }
    }

    static String canonicalJson(JsonNode node) {
        try {
            Object plain = JSON.treeToValue(node, Object.class);
            return JSON.writeValueAsString(sorted(plain));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> t = new TreeMap<>();
            m.forEach((k, v) -> t.put((String) k, sorted(v)));
            return t;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(SpecLoader::sorted).toList();
        }
        return o;
    }

    /** Read-only map view for messages and tests. */
    public static Map<String, Object> asMap(JsonNode node) {
        return JSON.convertValue(node, LinkedHashMap.class);
    }
}
