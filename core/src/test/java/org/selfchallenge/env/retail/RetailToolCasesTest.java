package org.selfchallenge.env.retail;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Edge cases of every retail tool (each error path, int→float gift-card balances, duplicate ids,
 * unrounded modify diffs, argument-binding errors, calculate's Python errors), with observations and
 * final data hashes produced by running the upstream Python tools
 * ({@code core/src/test/python/gen_retail_tool_cases.py}).
 */
class RetailToolCasesTest {

    @SuppressWarnings("unchecked")
    @TestFactory
    List<DynamicTest> upstreamToolCases() {
        Map<String, Object> file = PyJson.parseObject(
                Resources.readString("/conformance/taubench/retail_tool_cases.json"));
        String initial = (String) file.get("initial_data_hash");
        RetailEnvironment proto = RetailEnvironment.create();
        assertEquals(initial, proto.stateHash());
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<Object>) file.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> {
                RetailEnvironment env = proto.fresh();
                List<Object> got = new ArrayList<>();
                for (Object a : (List<Object>) c.get("actions")) {
                    Map<String, Object> action = (Map<String, Object>) a;
                    got.add(env.call((String) action.get("name"),
                            PyValues.deepCopy((Map<String, Object>) action.get("kwargs"))));
                }
                assertEquals(c.get("observations"), got);
                assertEquals(c.get("data_hash"), env.stateHash());
                if (Boolean.TRUE.equals(c.get("unchanged"))) {
                    assertEquals(initial, env.stateHash());
                }
            }));
        }
        assertEquals(110, tests.size());
        return tests;
    }
}
