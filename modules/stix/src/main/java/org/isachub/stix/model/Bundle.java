package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A STIX bundle: a wrapper around a list of objects. Bundle-level properties other than {@code
 * objects} are kept as they were read.
 *
 * <p>Immutable and thread-safe.
 */
public final class Bundle {

  private final ObjectNode node;
  private final List<StixObject> objects;

  private Bundle(ObjectNode node, List<StixObject> objects) {
    this.node = node;
    this.objects = Collections.unmodifiableList(objects);
  }

  /**
   * Reads a bundle from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a bundle, or an entry of {@code objects}
   *     is not an object with a string type and id
   */
  @JsonCreator
  public static Bundle from(ObjectNode json) {
    return adopt(json.deepCopy());
  }

  /** Wraps a tree nobody else holds, without copying. */
  static Bundle adopt(ObjectNode node) {
    JsonNode type = node.get("type");
    if (type == null || !"bundle".equals(type.asText())) {
      throw new IllegalArgumentException(
          "expected a 'bundle', got type " + (type == null ? "(none)" : type.toString()));
    }
    JsonNode objs = node.get("objects");
    List<StixObject> out = new ArrayList<>();
    if (objs != null) {
      if (!objs.isArray()) {
        throw new IllegalArgumentException("bundle 'objects' is not an array");
      }
      int i = 0;
      for (JsonNode o : objs) {
        if (!o.isObject()) {
          throw new IllegalArgumentException("bundle objects[" + i + "] is not a JSON object");
        }
        try {
          out.add(StixObject.wrap((ObjectNode) o));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("bundle objects[" + i + "]: " + e.getMessage(), e);
        }
        i++;
      }
    }
    return new Bundle(node, out);
  }

  /**
   * Creates a bundle of the given objects.
   *
   * @param id the bundle id ({@code bundle--<uuid>}); see {@link StixIds#random(String)}
   * @param objects the objects, in order
   * @return the bundle
   */
  public static Bundle of(String id, List<? extends StixObject> objects) {
    if (!StixIds.typeOf(id).equals("bundle")) {
      throw new IllegalArgumentException("bundle id must start with 'bundle--': " + id);
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("type", "bundle");
    n.put("id", id);
    ArrayNode arr = n.putArray("objects");
    List<StixObject> copies = new ArrayList<>();
    for (StixObject o : objects) {
      ObjectNode copy = o.toJson();
      arr.add(copy);
      copies.add(StixObject.wrap(copy));
    }
    return new Bundle(n, copies);
  }

  /** Returns the bundle id. */
  public String id() {
    JsonNode id = node.get("id");
    return id == null ? "" : id.asText();
  }

  /** Returns the objects in their original order. */
  public List<StixObject> objects() {
    return objects;
  }

  /** Returns the objects of one model class, e.g. {@code objectsOf(Indicator.class)}. */
  public <T extends StixObject> List<T> objectsOf(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (StixObject o : objects) {
      if (type.isInstance(o)) {
        out.add(type.cast(o));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Returns a copy of the bundle's JSON tree. */
  @JsonValue
  public ObjectNode toJson() {
    return node.deepCopy();
  }

  /** The tree itself, for writing without a copy inside this package. */
  ObjectNode tree() {
    return node;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bundle other && node.equals(other.node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return "Bundle[" + id() + ", " + objects.size() + " objects]";
  }
}
