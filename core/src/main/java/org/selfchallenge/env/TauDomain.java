package org.selfchallenge.env;

import org.selfchallenge.pyval.PyJson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about a τ-bench-style domain that is the same for all its environment instances: tools
 * (in {@code tools.json} order), their schemas, the policy ({@code wiki.md}), the terminate tools and
 * the shared initial data. Loaded once per JVM by the domain's environment class.
 *
 * @param name           environment name ({@code retail}, {@code airline})
 * @param tools          tool implementations in upstream order
 * @param specs          tool specifications (schema verbatim from {@code tools.json}), same order
 * @param policy         {@code wiki.md}
 * @param data           the shared initial database
 * @param terminateTools tool names that end an episode ({@code transfer_to_human_agents})
 * @param resourceDir    classpath folder of the domain's data, e.g. {@code /org/.../taubench/retail/}
 */
public record TauDomain(String name, List<TauTool> tools, List<ToolSpec> specs, String policy,
                        SharedTables data, Set<String> terminateTools, String resourceDir) {

    public TauDomain {
        tools = List.copyOf(tools);
        specs = List.copyOf(specs);
        terminateTools = Set.copyOf(terminateTools);
    }

    /**
     * Loads a domain from a classpath folder holding {@code tools.json}, {@code wiki.md} and one JSON
     * file per table.
     *
     * @param tables table name → file name, in the order of upstream {@code load_data()}
     * @throws IllegalStateException if a resource is missing or malformed, or the tool list does not
     *                               match {@code tools.json} name for name
     */
    @SuppressWarnings("unchecked")
    public static TauDomain load(String name, String resourceDir, Map<String, String> tables,
                                 List<TauTool> tools, Set<String> terminateTools) {
        String toolsJson = Resources.readString(resourceDir + "tools.json");
        Object parsed;
        try {
            parsed = PyJson.parse(toolsJson);
        } catch (PyJson.ParseException e) {
            throw new IllegalStateException(resourceDir + "tools.json is malformed: " + e.getMessage(), e);
        }
        List<Object> schemas = (List<Object>) parsed;
        if (schemas.size() != tools.size()) {
            throw new IllegalStateException(name + ": tools.json lists " + schemas.size()
                    + " tools but the port has " + tools.size());
        }
        List<ToolSpec> specs = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            Map<String, Object> schema = (Map<String, Object>) schemas.get(i);
            Map<String, Object> fn = (Map<String, Object>) schema.get("function");
            String toolName = (String) fn.get("name");
            TauTool tool = tools.get(i);
            if (!toolName.equals(tool.name())) {
                throw new IllegalStateException(name + ": tool " + i + " is '" + toolName
                        + "' in tools.json but '" + tool.name() + "' in the port");
            }
            specs.add(ToolSpec.of(toolName, (String) fn.get("description"), PyJson.dumps(schema),
                    tool.parameters(), tool.readOnly()));
        }
        String policy = Resources.readString(resourceDir + "wiki.md");
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            String file = resourceDir + t.getValue();
            try {
                data.put(t.getKey(), PyJson.parse(Resources.readString(file)));
            } catch (PyJson.ParseException e) {
                throw new IllegalStateException(file + " is malformed: " + e.getMessage(), e);
            }
        }
        return new TauDomain(name, tools, specs, policy, SharedTables.of(data), terminateTools, resourceDir);
    }

    /** Tools by name. */
    public Map<String, TauTool> toolMap() {
        HashMap<String, TauTool> m = new HashMap<>();
        for (TauTool t : tools) {
            m.put(t.name(), t);
        }
        return Collections.unmodifiableMap(m);
    }
}
