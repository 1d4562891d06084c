package dev.offboarding.deployment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Where a schema and the Java record it describes disagree, found by walking the record's components (and what
 * Jackson writes or ignores besides them) beside the schema's properties, at every depth:
 * <ul>
 * <li>the same field names (a {@code @JsonProperty} name where there is one), in the record's order (the order the
 * mapper writes them, so a list of fields read from a schema is the record's), {@code additionalProperties: false}
 * (the mapper refuses an unknown field; {@code true} for a record read with
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)}, such as a detail AWS writes and adds fields to); as written, every field required (the mapper writes every field, null ones
 * too); as read, every primitive required unless {@code @JsonSetter(nulls = AS_EMPTY)} reads it (the mapper refuses
 * a missing one); a field forbidden by a view of what is read ({@code false}) must be one the record has;</li>
 * <li>the JSON type of the Java type: {@code String} a string (or a text enum or const), {@code boolean} a boolean,
 * {@code int}/{@code Integer}/{@code long} an integer, {@code Instant} {@code definitions/instant.json}, an enum
 * exactly its constants, a {@code List} an array of its element, a record an object checked the same way (a
 * {@code $ref} back to a record already being checked, as in a linked list, is checked once), a sealed interface a
 * {@code oneOf} of its records in the order it permits them, a {@code Map} an object of its entries, {@code JsonNode}
 * anything when read (the mapper takes any JSON there), and as written whatever the schema says (the function
 * decides what it puts there: the examples and the workflow suite check that);</li>
 * <li>null as the code enforces it: never for a primitive, except where {@code @JsonSetter(nulls = AS_EMPTY)} reads it
 * (then it must be accepted); never for a {@code Boolean} or a number that is read (RequestReader refuses it); as
 * written, never for a {@code @JsonInclude(NON_NULL)} field, which is left out instead (so it need not be required,
 * and a record with such fields may be a {@code oneOf} of objects, each naming every other field and some of those;
 * each of those fields named by at least one).</li>
 * </ul>
 * Which nulls a function writes, and which values it refuses beyond their type, are the schema's to say: the
 * examples and their one-field changes check those against the code.
 */
final class RecordSchema {
    enum View {
        /** As the function reads it (an input). */
        READ,
        /** As the function writes it (an output). */
        WRITTEN
    }

    private RecordSchema() {
    }

    static List<String> disagreements(Class<?> record, View view, SchemaNode schema) {
        Walk walk = new Walk(view);
        walk.checkType(record, schema, record.getSimpleName());
        return walk.found;
    }

    /**
     * @param omittedWhenNull written only when it is not null ({@code @JsonInclude(NON_NULL)}), as the mapper writes it
     */
    private record Field(String name, Type type, boolean nullReadAsEmpty, boolean ignoredWhenRead,
                         boolean omittedWhenNull) {
        Class<?> raw() {
            return rawClass(type);
        }
    }

    /** One walk of a record beside its schema: the view, what was found, and the records being checked. */
    private static final class Walk {
        private final View view;
        private final List<String> found = new ArrayList<>();
        /** The schema objects being checked, with the record each is checked as: a $ref back to one is not walked again. */
        private final Map<JsonNode, Set<Class<?>>> checking = new IdentityHashMap<>();

        Walk(View view) {
            this.view = view;
        }

        private void checkRecord(Class<?> record, SchemaNode schema, String where) {
            JsonNode node = schema.node();
            Map<String, Field> fields = fields(record, view);
            if (node.has("oneOf") && !node.has("type") && view == View.WRITTEN) {
                checkAlternatives(record, schema, fields, where);
                return;
            }
            checkObject(record, schema, fields, false, where);
        }

        /**
         * A record whose {@code @JsonInclude(NON_NULL)} fields make it one of several shapes: each alternative is checked as
         * the record, where such a field may be left out; each such field must be named by one alternative at least.
         */
        private void checkAlternatives(Class<?> record, SchemaNode schema, Map<String, Field> fields, String where) {
            JsonNode alternatives = schema.node().get("oneOf");
            Set<String> named = new TreeSet<>();
            for (int i = 0; i < alternatives.size(); i++) {
                SchemaNode alternative = schema.child(alternatives.get(i)).resolved();
                checkObject(record, alternative, fields, true, where + " (oneOf " + i + ")");
                alternative.node().path("properties").fieldNames().forEachRemaining(named::add);
            }
            Set<String> omittable = new TreeSet<>();
            fields.values().stream().filter(Field::omittedWhenNull).forEach(f -> omittable.add(f.name()));
            if (omittable.isEmpty()) {
                found.add(where + ": a oneOf of objects, but " + record.getName() + " writes every field, so it is one"
                        + " object: " + new TreeSet<>(fields.keySet()));
            }
            for (String name : omittable) {
                if (!named.contains(name)) {
                    found.add(where + "." + name + ": written when it is set, but no alternative of the oneOf has it");
                }
            }
        }

        /** @param omitting whether the schema may leave out the fields written only when set (an alternative of a oneOf) */
        private void checkObject(Class<?> record, SchemaNode schema, Map<String, Field> fields, boolean omitting,
                                 String where) {
            JsonNode node = schema.node();
            if (!"object".equals(node.path("type").asText())) {
                found.add(where + ": " + record.getName() + " is a JSON object, the schema says " + describe(node));
                return;
            }
            Set<Class<?>> asRecords = checking.computeIfAbsent(node, n -> new HashSet<>());
            if (!asRecords.add(record)) {
                return;
            }
            JsonIgnoreProperties ignoring = record.getAnnotation(JsonIgnoreProperties.class);
            boolean ignoresUnknown = view == View.READ && ignoring != null && ignoring.ignoreUnknown();
            if (ignoresUnknown && !node.path("additionalProperties").equals(Json.mapper().getNodeFactory().booleanNode(true))) {
                found.add(where + ": additionalProperties must be true: " + record.getSimpleName() + " ignores a field it"
                        + " does not have (@JsonIgnoreProperties(ignoreUnknown = true))");
            } else if (!ignoresUnknown && (!node.path("additionalProperties").isBoolean()
                    || node.path("additionalProperties").asBoolean())) {
                found.add(where + ": additionalProperties must be false: the mapper refuses a field " + record.getSimpleName()
                        + " does not have");
            }
            JsonNode properties = node.path("properties");
            Set<String> named = new TreeSet<>();
            properties.fieldNames().forEachRemaining(named::add);
            Set<String> always = new TreeSet<>();
            fields.values().stream().filter(f -> view == View.READ || !f.omittedWhenNull()).forEach(f -> always.add(f.name()));
            boolean sameFields = omitting ? named.containsAll(always) && fields.keySet().containsAll(named)
                    : named.equals(new TreeSet<>(fields.keySet()));
            if (!sameFields) {
                found.add(where + ": the schema's properties are " + named + ", " + record.getName()
                        + (view == View.READ ? " reads " : " writes ") + new TreeSet<>(fields.keySet())
                        + (omitting ? " (of which it leaves out " + difference(fields.keySet(), always) + " when null)" : ""));
            }
            List<String> listed = new ArrayList<>();
            properties.fieldNames().forEachRemaining(listed::add);
            List<String> inRecordOrder = fields.keySet().stream().filter(named::contains).toList();
            if (sameFields && !listed.equals(inRecordOrder)) {
                found.add(where + ": the schema lists " + listed + ", " + record.getName() + " has them in the order "
                        + inRecordOrder);
            }
            Set<String> required = new TreeSet<>();
            node.path("required").forEach(r -> required.add(r.asText()));
            Set<String> mustBeRequired = new TreeSet<>(named);
            mustBeRequired.retainAll(always);
            if (view == View.WRITTEN && !required.containsAll(mustBeRequired)) {
                Set<String> leftOutWhenNull = difference(fields.keySet(), always);
                found.add(where + ": required is " + required + ", but every field is written (null ones too)"
                        + (leftOutWhenNull.isEmpty() ? "" : " but " + leftOutWhenNull + ", left out when null") + ": "
                        + mustBeRequired);
            }
            if (!named.containsAll(required)) {
                found.add(where + ": required names fields that are not properties: " + required);
            }
            if (view == View.READ) {
                for (Field field : fields.values()) {
                    if (field.raw().isPrimitive() && !field.nullReadAsEmpty() && !field.ignoredWhenRead()
                            && named.contains(field.name()) && !required.contains(field.name())) {
                        found.add(where + "." + field.name() + ": the mapper refuses a missing " + field.raw()
                                + " (FAIL_ON_NULL_FOR_PRIMITIVES), so it must be required");
                    }
                }
            }
            for (Field field : fields.values()) {
                if (properties.has(field.name())) {
                    checkField(field, schema.child(properties.get(field.name())), where + "." + field.name());
                }
            }
            asRecords.remove(record);
        }

        private void checkField(Field field, SchemaNode property, String where) {
            if (property.node().isBoolean() && !property.node().asBoolean()) {
                if (view == View.WRITTEN) {
                    found.add(where + ": forbidden (false), but the function writes it");
                }
                return;
            }
            if (field.ignoredWhenRead()) {
                if (!isAnything(property.node())) {
                    found.add(where + ": the function ignores it when reading (@JsonIgnoreProperties), whatever it holds,"
                            + " so the schema must accept anything; it says " + describe(property.node()));
                }
                return;
            }
            Nullability nullability = Nullability.of(property);
            Class<?> raw = field.raw();
            boolean mayBeNull = nullability.nullable() || nullability.onlyNull();
            if (view == View.WRITTEN && field.omittedWhenNull() && mayBeNull) {
                found.add(where + ": @JsonInclude(NON_NULL) leaves it out when it is null, so it is never written as null");
            }
            if (raw.isPrimitive()) {
                if (view == View.READ && field.nullReadAsEmpty() && !nullability.nullable()) {
                    found.add(where + ": @JsonSetter(nulls = AS_EMPTY) reads null as " + raw + "'s default, so null must be"
                            + " accepted");
                } else if (mayBeNull && !(view == View.READ && field.nullReadAsEmpty())) {
                    found.add(where + ": a " + raw + " is never null");
                }
            } else if (view == View.READ && mayBeNull && (raw == Boolean.class || Number.class.isAssignableFrom(raw))) {
                found.add(where + ": RequestReader refuses a null " + raw.getSimpleName() + " (leave it out for its default),"
                        + " so the schema must not accept null");
            }
            if (!nullability.onlyNull()) {
                checkType(field.type(), nullability.value(), where);
            }
        }

        private void checkType(Type type, SchemaNode schema, String where) {
            SchemaNode resolved = schema.resolved();
            JsonNode node = resolved.node();
            Class<?> raw = rawClass(type);
            if (raw == JsonNode.class) {
                if (view == View.READ && !isAnything(node)) {
                    found.add(where + ": a JsonNode is read from any JSON, the schema says " + describe(node));
                }
            } else if (raw == String.class) {
                boolean textEnum = node.has("enum") && StreamSupport.stream(node.get("enum").spliterator(), false)
                        .allMatch(JsonNode::isTextual);
                boolean textConst = node.path("const").isTextual();
                if (!"string".equals(node.path("type").asText()) && !textEnum && !textConst) {
                    found.add(where + ": a String is a JSON string, the schema says " + describe(node));
                }
            } else if (raw == boolean.class || raw == Boolean.class) {
                expectType(node, "boolean", raw, where);
            } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
                expectType(node, "integer", raw, where);
            } else if (raw == Instant.class) {
                URI instant = Schemas.DIR.resolve("definitions/instant.json").toUri();
                if (!resolved.document().equals(instant) || !node.equals(Schemas.document(instant))) {
                    found.add(where + ": an Instant is definitions/instant.json (ISO-8601 with Z), the schema says "
                            + describe(node));
                }
            } else if (raw.isEnum()) {
                List<String> constants = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
                List<String> listed = new ArrayList<>();
                node.path("enum").forEach(v -> listed.add(v.isTextual() ? v.asText() : v.toString()));
                if (!listed.equals(constants)) {
                    found.add(where + ": " + raw.getName() + " is one of " + constants + ", the schema's enum is " + listed);
                }
            } else if (List.class.isAssignableFrom(raw)) {
                if (!"array".equals(node.path("type").asText())) {
                    found.add(where + ": a List is a JSON array, the schema says " + describe(node));
                    return;
                }
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                Nullability item = Nullability.of(resolved.child(node.path("items")));
                checkType(element, item.value(), where + "[]");
            } else if (Map.class.isAssignableFrom(raw)) {
                checkMap((ParameterizedType) type, resolved, where);
            } else if (raw.isRecord()) {
                checkRecord(raw, resolved, where);
            } else if (raw.isSealed()) {
                checkAlternativeRecords(raw, resolved, where);
            } else {
                found.add(where + ": no JSON rule for the Java type " + type.getTypeName());
            }
        }

        /**
         * A sealed interface (what a function answers at different moments, each a record): a {@code oneOf} with one
         * alternative per permitted record, in the order the interface permits them, each checked as that record.
         */
        private void checkAlternativeRecords(Class<?> sealed, SchemaNode schema, String where) {
            Class<?>[] records = sealed.getPermittedSubclasses();
            JsonNode alternatives = schema.node().path("oneOf");
            if (!alternatives.isArray() || alternatives.size() != records.length) {
                found.add(where + ": " + sealed.getName() + " is one of " + records.length + " records "
                        + Arrays.stream(records).map(Class::getSimpleName).toList() + ", the schema says "
                        + describe(schema.node()));
                return;
            }
            for (int i = 0; i < records.length; i++) {
                checkType(records[i], schema.child(alternatives.get(i)), where + " (oneOf " + i + ": "
                        + records[i].getSimpleName() + ")");
            }
        }

        /**
         * A Map is a JSON object of its entries: its values the value type ({@code additionalProperties}), its keys
         * strings, or an enum's constants ({@code propertyNames}) when the key is an enum (the mapper refuses another).
         */
        private void checkMap(ParameterizedType type, SchemaNode schema, String where) {
            JsonNode node = schema.node();
            if (!"object".equals(node.path("type").asText()) || node.has("properties")) {
                found.add(where + ": a Map is a JSON object of its entries, the schema says " + describe(node));
                return;
            }
            Class<?> key = rawClass(type.getActualTypeArguments()[0]);
            if (key.isEnum()) {
                List<String> constants = Arrays.stream(key.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
                List<String> listed = new ArrayList<>();
                node.path("propertyNames").path("enum").forEach(v -> listed.add(v.asText()));
                if (!listed.equals(constants)) {
                    found.add(where + ": its keys are " + key.getName() + " " + constants + ", the schema's"
                            + " propertyNames enum is " + listed);
                }
            } else if (key != String.class) {
                found.add(where + ": no JSON rule for Map keys of " + key.getName());
            }
            if (!node.path("additionalProperties").isObject()) {
                found.add(where + ": a Map's values are its additionalProperties, the schema says " + describe(node));
                return;
            }
            Nullability value = Nullability.of(schema.child(node.get("additionalProperties")));
            checkType(type.getActualTypeArguments()[1], value.value(), where + "{}");
        }

        private void expectType(JsonNode node, String json, Class<?> raw, String where) {
            if (!json.equals(node.path("type").asText())) {
                found.add(where + ": a " + raw.getSimpleName() + " is a JSON " + json + ", the schema says " + describe(node));
            }
        }
    }

    private static Set<String> difference(Set<String> all, Set<String> some) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(some);
        return rest;
    }

    /**
     * The JSON fields of a record in a view: its components (by their {@code @JsonProperty} name), plus, as written,
     * the {@code @JsonProperty} methods Jackson writes beside them, or, as read, the names
     * {@code @JsonIgnoreProperties(allowGetters = true)} lets through and ignores.
     */
    private static Map<String, Field> fields(Class<?> record, View view) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            java.lang.reflect.Field javaField = field(record, component.getName());
            JsonProperty property = javaField.getAnnotation(JsonProperty.class);
            if (property == null) {
                property = component.getAccessor().getAnnotation(JsonProperty.class);
            }
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            JsonSetter setter = javaField.getAnnotation(JsonSetter.class);
            boolean asEmpty = setter != null && setter.nulls() == Nulls.AS_EMPTY;
            fields.put(name, new Field(name, component.getGenericType(), asEmpty, false,
                    omittedWhenNull(record, javaField)));
        }
        Set<String> accessors = new TreeSet<>();
        Arrays.stream(record.getRecordComponents()).forEach(c -> accessors.add(c.getName()));
        JsonIgnoreProperties ignored = record.getAnnotation(JsonIgnoreProperties.class);
        for (Method method : record.getDeclaredMethods()) {
            JsonProperty property = method.getAnnotation(JsonProperty.class);
            if (property == null || accessors.contains(method.getName()) || Modifier.isStatic(method.getModifiers())
                    || method.getParameterCount() != 0) {
                continue;
            }
            String name = property.value().isEmpty() ? method.getName() : property.value();
            boolean ignoredWhenRead = ignored != null && ignored.allowGetters()
                    && Arrays.asList(ignored.value()).contains(name);
            if (view == View.WRITTEN) {
                fields.put(name, new Field(name, method.getGenericReturnType(), false, false, false));
            } else if (ignoredWhenRead) {
                fields.put(name, new Field(name, method.getGenericReturnType(), false, true, false));
            }
        }
        return fields;
    }

    /**
     * Whether the mapper leaves the field out when it is null: {@code @JsonInclude(NON_NULL)} on it or its record (the
     * mapper itself writes every field). Another inclusion has no rule here, so it fails the walk rather than pass.
     */
    private static boolean omittedWhenNull(Class<?> record, java.lang.reflect.Field field) {
        JsonInclude include = field.getAnnotation(JsonInclude.class);
        if (include == null) {
            include = record.getAnnotation(JsonInclude.class);
        }
        if (include == null || include.value() == JsonInclude.Include.ALWAYS
                || include.value() == JsonInclude.Include.USE_DEFAULTS) {
            return false;
        }
        if (include.value() == JsonInclude.Include.NON_NULL) {
            return true;
        }
        throw new AssertionError(record.getName() + "." + field.getName() + ": no rule for @JsonInclude("
                + include.value() + ")");
    }

    private static java.lang.reflect.Field field(Class<?> record, String name) {
        try {
            return record.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(record + " has a component " + name + " but no field", e);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new AssertionError("no JSON rule for the Java type " + type.getTypeName());
    }

    /** Accepts any JSON value: {@code true}, or an object with nothing but annotations. */
    private static boolean isAnything(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        List<String> annotations = List.of("description", "$comment", "title");
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return annotations.containsAll(keys);
    }

    private static String describe(JsonNode node) {
        return node.toString();
    }

    /**
     * Whether a property's schema accepts null, and its schema for the other values: {@code {"type": [T, "null"]}},
     * {@code {"enum": [..., null]}}, {@code {"anyOf": [S, {"type": "null"}]}}, or {@code {"type": "null"}} alone.
     */
    private record Nullability(SchemaNode value, boolean nullable, boolean onlyNull) {
        private static final JsonNode NULL = Json.mapper().createObjectNode().put("type", "null");

        static Nullability of(SchemaNode property) {
            SchemaNode schema = property.node().has("$ref") && property.node().size() == 1 ? property.resolved() : property;
            JsonNode node = schema.node();
            if (node.equals(NULL)) {
                return new Nullability(schema, false, true);
            }
            JsonNode anyOf = node.path("anyOf");
            if (anyOf.isArray() && anyOf.size() == 2 && anyOf.get(1).equals(NULL)) {
                return new Nullability(schema.child(anyOf.get(0)), true, false);
            }
            JsonNode type = node.path("type");
            if (type.isArray() && type.size() == 2 && type.get(1).asText().equals("null")) {
                ObjectNode copy = node.deepCopy();
                copy.put("type", type.get(0).asText());
                return new Nullability(schema.child(copy), true, false);
            }
            JsonNode values = node.path("enum");
            if (values.isArray() && StreamSupport.stream(values.spliterator(), false).anyMatch(JsonNode::isNull)) {
                ObjectNode copy = node.deepCopy();
                ArrayNode others = copy.putArray("enum");
                values.forEach(v -> {
                    if (!v.isNull()) {
                        others.add(v);
                    }
                });
                return new Nullability(schema.child(copy), true, false);
            }
            return new Nullability(schema, false, false);
        }
    }
}
