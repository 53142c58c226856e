package org.selfchallenge.env.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyHash;
import org.selfchallenge.pyval.PyJson;

class CalculationEnvironmentTest {
    @Test
    void toolsPerDomainInUpstreamOrder() {
        assertEquals(List.of("convert_hex_to_ascii", "reverse_string", "caesar_decode", "string_length", "minimum_value",
                "maximum_value"), names(CalculationEnvironment.forDomain("message_decoder")));
        assertEquals(List.of("count_nucleotides", "transcribe_dna_to_mrna", "translate_mrna_to_amino_acid",
                "find_max_nucleotide", "is_valid_dna_sequence", "reverse_transcribe_mrna_to_dna"),
                names(CalculationEnvironment.forDomain("cryptobotanists_plant_dna_sequencer")));
        assertEquals(List.of("convert_currency", "calculate_tariff", "estimate_final_value", "calculator", "find_minimum",
                "find_maximum"), names(CalculationEnvironment.forDomain("trade_calculator")));
        assertEquals(List.of("find_flights", "book_hotel", "budget_calculator", "max", "min", "sum"),
                names(CalculationEnvironment.forDomain("travel_itinerary_planning")));
        assertEquals(24, CalculationEnvironment.load().tools().size());
        assertThrows(IllegalArgumentException.class, () -> CalculationEnvironment.forDomain("web_browsing"));
    }

    private static List<String> names(Environment e) {
        return e.tools().stream().map(ToolSpec::name).toList();
    }

    @SuppressWarnings("unchecked")
    @Test
    void descriptionsAndSignaturesAreUpstreams() {
        Map<String, Object> upstream = PyJson.parseObject(org.selfchallenge.env.Resources.readString(
                org.selfchallenge.env.Resources.DATA_ROOT + "m3tooleval/m3tooleval_tools.json"));
        for (CalculationDomain d : CalculationDomain.values()) {
            List<Map<String, Object>> tools = (List<Map<String, Object>>) upstream.get(d.id());
            List<PyTool> mine = List.copyOf(CalculationEnvironment.forDomain(d).toolbox().tools().values());
            assertEquals(tools.size(), mine.size());
            for (int i = 0; i < tools.size(); i++) {
                assertEquals(tools.get(i).get("name"), mine.get(i).name());
                assertEquals(tools.get(i).get("description"), mine.get(i).description());
                assertEquals(tools.get(i).get("fn_signature"), mine.get(i).signature());
            }
        }
    }

    @Test
    void schemaJsonIsAFunctionSchema() {
        ToolSpec s = CalculationEnvironment.forDomain("message_decoder").tools().get(2);
        assertEquals("{\"type\": \"function\", \"function\": {\"name\": \"caesar_decode\", \"description\": "
                + "\"Decodes a string using the Caesar cipher. Arguments: message (str), shift (int)\", \"parameters\": "
                + "{\"type\": \"object\", \"properties\": {\"message\": {\"type\": \"string\"}, \"shift\": {\"type\": "
                + "\"integer\"}}, \"required\": [\"message\", \"shift\"]}}}", s.schemaJson());
        assertEquals(List.of("message", "shift"), s.parameterNames());
        assertTrue(s.readOnly());
        ToolSpec hotel = CalculationEnvironment.forDomain("travel_itinerary_planning").tools().get(1);
        assertEquals("preferences", hotel.varargs());
        assertEquals(List.of("location"), hotel.parameterNames());
    }

    @Test
    void statelessEnvironment() {
        Environment e = CalculationEnvironment.load();
        assertSame(e, e.fresh());
        assertEquals(PyHash.sha256Hex("()"), e.stateHash()); // sha256(str(to_hashable({})))
        assertEquals("calculation", e.name());
        assertEquals("", e.policy());
    }

    @Test
    void registryLoadsIt() {
        assertEquals(24, Environments.load("calculation").tools().size());
    }

    @Test
    void unknownToolIsANameError() {
        ToolAssertions.assertRaises("NameError", "name 'nope' is not defined",
                () -> CalculationEnvironment.load().call("nope", Map.of()));
    }

    @Test
    void loadIsCachedAcrossThreads() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ConcurrentHashMap<Integer, Environment> seen = new ConcurrentHashMap<>();
        for (int i = 0; i < 16; i++) {
            int k = i;
            pool.submit(() -> seen.put(k, CalculationEnvironment.load()));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(1, seen.values().stream().distinct().count());
    }
}
