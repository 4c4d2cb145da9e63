package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTreeTest {
  /** Reads with SplitTree and puts the streamed elements back: the whole tree as handed over. */
  private static JsonNode readBack(String json, Set<String> before) {
    return readBack(json, before, false);
  }

  /** As {@link #readBack(String, Set)}, with {@code inner} the elements of head's "list" too. */
  private static JsonNode readBack(String json, Set<String> before, boolean inner) {
    AtomicReference<JsonNode> prepared = new AtomicReference<>();
    List<JsonNode> elements = new ArrayList<>();
    List<JsonNode> listed = new ArrayList<>();
    SplitTree.Inner streamed =
        !inner
            ? SplitTree.Inner.NONE
            : new SplitTree.Inner(
                "head",
                Set.of("list"),
                (array, e, i) -> {
                  assertThat(array).isEqualTo("list");
                  assertThat(i).isEqualTo(listed.size());
                  if (before.contains("head")) {
                    assertThat(prepared.get()).as("handed over before prepare").isNull();
                  }
                  listed.add(e);
                });
    JsonNode root =
        SplitTree.read(
            json.getBytes(StandardCharsets.UTF_8),
            "items",
            before,
            streamed,
            prepared::set,
            (e, i) -> {
              assertThat(i).isEqualTo(elements.size());
              elements.add(e);
            });
    assertThat(prepared.get()).isSameAs(root);
    JsonNode copy = root.deepCopy();
    if (copy.isObject() && copy.get("items") != null && copy.get("items").isArray()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) copy).putArray("items").addAll(elements);
    }
    JsonNode head = copy.get("head");
    if (inner && head != null && head.isObject() && head.path("list").isArray()) {
      assertThat(root.get("head").get("list")).as("an empty array in its place").isEmpty();
      ((com.fasterxml.jackson.databind.node.ObjectNode) head).putArray("list").addAll(listed);
    } else {
      assertThat(listed).isEmpty();
    }
    return copy;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"head\":{\"a\":1,\"b\":-2.5e3,\"c\":12345678901234,\"d\":123456789012345678901234},"
            + "\"items\":[{\"s\":\"x\",\"t\":true,\"f\":false,\"n\":null},[1,[2,[\"é✓\"]]],\"x\"]}",
        "{\"items\":[\"same\",\"same\",{\"same\":\"same\"}],\"head\":{\"k\":[\"same\"]}}",
        "{\"items\":{\"not\":\"an array\"}}",
        "{\"head\":\"\",\"items\":[],\"tail\":[0.1,1e-7,1E+3]}",
        "[1,2,3]",
        "\"just a string\""
      })
  void givesTheTreeJacksonGives(String json) {
    JsonNode expected = Json.readTree(json.getBytes(StandardCharsets.UTF_8));
    assertThat(readBack(json, Set.of())).isEqualTo(expected);
    assertThat(readBack(json, Set.of("head"))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"items\":[{\"a\":1,\"a\":2}]}",
        "{\"items\":[{\"a\":\"unterminated}]}",
        "{\"items\":[1,2",
        "{\"head\":{\"x\":1,\"x\":1},\"items\":[]}",
        "{\"items\":[],\"tail\":{\"y\":[1,}}",
        "{\"head\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,"
            + "\"a\":0},\"items\":[]}",
        "{\"items\":[],\n \"items\":[]}",
        "{\"items\":[{\"k\":[{\"x\":1,\"y\":2,\n\"x\":3}]}]}",
        "{\"head\":{\"list\":[{\"p\":1,\"p\":2}]},\"items\":[]}",
        "{\"head\":{\"list\":[],\"list\":[]},\"items\":[]}",
        "{\"items\":[1],\"head\":{\"z\":{\"é\":1,\"\\u00e9\":2}}}"
      })
  void refusesWhatJacksonRefusesWithTheSamePointer(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    VexParseException expected = null;
    try {
      Json.readTree(bytes);
    } catch (VexParseException e) {
      expected = e;
    }
    assertThat(expected).as("Jackson refuses %s", json).isNotNull();
    String pointer = expected.pointer();
    for (Set<String> before : List.of(Set.<String>of(), Set.of("head"))) {
      assertThatThrownBy(() -> readBack(json, before))
          .isInstanceOf(VexParseException.class)
          .satisfies(e -> assertThat(((VexParseException) e).pointer()).isEqualTo(pointer))
          .hasMessage(expected.getMessage());
      assertThatThrownBy(() -> readBack(json, before, true))
          .isInstanceOf(VexParseException.class)
          .hasMessage(expected.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 257})
  void enforcesTheNestingLimitInsideElements(int depth) {
    String json =
        "{\"items\":[" + "[".repeat(depth - 2) + "]".repeat(depth - 2) + "]}"; // depth in all
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (depth <= Json.MAX_NESTING_DEPTH) {
      assertThat(readBack(json, Set.of())).isEqualTo(Json.readTree(bytes));
    } else {
      assertThatThrownBy(() -> readBack(json, Set.of()))
          .isInstanceOf(VexParseException.class)
          .hasMessageContaining("nesting deeper than");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"head\":{\"a\":1,\"list\":[{\"x\":[1,2]},\"s\",null],\"z\":{}},\"items\":[1]}",
        "{\"items\":[1,2],\"head\":{\"list\":[[],{}]}}",
        "{\"head\":{\"list\":{\"not\":\"an array\"}},\"items\":[]}",
        "{\"head\":[\"not an object\",{\"list\":[1]}],\"items\":[]}",
        "{\"tail\":{\"list\":[1]},\"head\":{\"other\":[1]},\"items\":[{}]}"
      })
  void handsOverTheInnerArraysElementsAndGivesTheTreeJacksonGives(String json) {
    JsonNode expected = Json.readTree(json.getBytes(StandardCharsets.UTF_8));
    assertThat(readBack(json, Set.of(), true)).isEqualTo(expected);
    assertThat(readBack(json, Set.of("head"), true)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailureOfTheInnerConsumerIsThrownAfterTheParseAndNothingElseIsHandedOver(
      boolean syntaxErrorLater) {
    String json =
        "{\"head\":{\"list\":[1,2,3]},\"items\":[4,5]"
            + (syntaxErrorLater ? ",\"tail\":[1,}" : "}");
    List<Integer> inner = new ArrayList<>();
    List<JsonNode> called = new ArrayList<>();
    IllegalStateException failure = new IllegalStateException("element 1 is wrong");
    var thrown =
        assertThatThrownBy(
            () ->
                SplitTree.read(
                    json.getBytes(StandardCharsets.UTF_8),
                    "items",
                    Set.of("head"),
                    new SplitTree.Inner(
                        "head",
                        Set.of("list"),
                        (array, e, i) -> {
                          inner.add(i);
                          if (i == 1) {
                            throw failure;
                          }
                        }),
                    called::add,
                    (e, i) -> called.add(e)));
    if (syntaxErrorLater) {
      thrown.isInstanceOf(VexParseException.class).hasMessageContaining("/tail");
    } else {
      thrown.isSameAs(failure);
    }
    assertThat(inner).containsExactly(0, 1);
    assertThat(called).as("neither prepare nor each").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"head\":{\"list\":[1,{\"d\":1,\"d\":2}]},\"items\":[]}",
        "{\"head\":{\"list\":[1]},\"items\":[1,{\"e\":[{\"d\":1,\"d\":2}]}]}",
        "{\"items\":[1],\"head\":{\"list\":[1,{\"d\":1,\"d\":2}]}}"
      })
  void aDuplicateNameInWhatIsSkippedAfterAFailureIsStillTheFailureReported(String json) {
    VexParseException expected = null;
    try {
      Json.readTree(json.getBytes(StandardCharsets.UTF_8));
    } catch (VexParseException e) {
      expected = e;
    }
    assertThat(expected).isNotNull();
    IllegalStateException failure = new IllegalStateException("the first element is wrong");
    assertThatThrownBy(
            () ->
                SplitTree.read(
                    json.getBytes(StandardCharsets.UTF_8),
                    "items",
                    Set.of("head"),
                    new SplitTree.Inner(
                        "head",
                        Set.of("list"),
                        (array, e, i) -> {
                          throw failure;
                        }),
                    root -> {},
                    (e, i) -> {
                      throw failure;
                    }))
        .isInstanceOf(VexParseException.class)
        .hasMessage(expected.getMessage());
  }
}
