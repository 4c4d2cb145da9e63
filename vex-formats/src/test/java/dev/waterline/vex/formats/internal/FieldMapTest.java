package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.waterline.vex.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMapTest {
  private static FieldMap of(String... namesAndTexts) {
    String[] names = new String[FieldMap.MAX];
    JsonNode[] values = new JsonNode[FieldMap.MAX];
    int n = namesAndTexts.length / 2;
    for (int i = 0; i < n; i++) {
      names[i] = namesAndTexts[2 * i];
      values[i] = TextNode.valueOf(namesAndTexts[2 * i + 1]);
    }
    return new FieldMap(names, values, n);
  }

  @Test
  void behavesAsALinkedHashMapWithTheSameMembers() {
    FieldMap map = of("b", "1", "a", "2", "c", "3");
    Map<String, JsonNode> linked = new LinkedHashMap<>(map);
    assertThat(map).isEqualTo(linked).hasSameHashCodeAs(linked);
    assertThat(map.keySet()).containsExactly("b", "a", "c");
    assertThat(map.get("a")).isEqualTo(TextNode.valueOf("2"));
    assertThat(map.get("z")).isNull();
    assertThat(map.containsKey("c")).isTrue();

    assertThat(map.put("a", IntNode.valueOf(7))).isEqualTo(TextNode.valueOf("2"));
    linked.put("a", IntNode.valueOf(7));
    for (int i = 0; i < 20; i++) { // grows past its first arrays
      map.put("k" + i, IntNode.valueOf(i));
      linked.put("k" + i, IntNode.valueOf(i));
    }
    assertThat(map.remove("b")).isEqualTo(TextNode.valueOf("1"));
    linked.remove("b");
    assertThat(map.remove("b")).isNull();
    assertThat(map).isEqualTo(linked);
    assertThat(map.keySet()).containsExactlyElementsOf(linked.keySet());
  }

  @Test
  void iteratorRemovesAndWritesThrough() {
    FieldMap map = of("a", "1", "b", "2", "c", "3", "d", "4");
    Iterator<Map.Entry<String, JsonNode>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("b") || e.getKey().equals("d")) {
        it.remove();
      } else {
        e.setValue(TextNode.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT)));
      }
    }
    assertThat(map.keySet()).containsExactly("a", "c");
    assertThat(map.get("c")).isEqualTo(TextNode.valueOf("C"));

    Iterator<Map.Entry<String, JsonNode>> stale = map.entrySet().iterator();
    map.put("e", TextNode.valueOf("5"));
    assertThatThrownBy(stale::next).isInstanceOf(ConcurrentModificationException.class);
    map.clear();
    assertThat(map).isEmpty();
  }

  @Test
  void anObjectNodeOverItWritesAndComparesAsJacksonsOwn() {
    ObjectNode ours = new ObjectNode(JsonNodeFactory.instance, of("x", "1", "y", "é"));
    ours.put("z", 3);
    ObjectNode theirs =
        (ObjectNode)
            Json.readTree("{\"x\":\"1\",\"y\":\"é\",\"z\":3}".getBytes(StandardCharsets.UTF_8));
    assertThat(ours).isEqualTo(theirs);
    assertThat(theirs).isEqualTo(ours);
    assertThat(new String(Json.writeCompact(ours), StandardCharsets.UTF_8))
        .isEqualTo("{\"x\":\"1\",\"y\":\"é\",\"z\":3}");
    assertThat(ours.deepCopy()).isEqualTo(theirs);
    ours.remove("y");
    assertThat(ours.fieldNames()).toIterable().containsExactly("x", "z");
  }
}
