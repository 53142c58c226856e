package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.Environment;
import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyHash;

/**
 * M3ToolEval's four calculation domains (message_decoder, cryptobotanists_plant_dna_sequencer,
 * trade_calculator, travel_itinerary_planning) as one environment, or as a per-domain view
 * ({@link #forDomain}): an M3ToolEval task only sees its own domain's tools.
 *
 * <p>Tools are pure functions of their arguments (the travel tables are read-only), so there is no
 * state: {@link #fresh()} returns this immutable instance, and {@link #stateHash()} is the hash of an
 * empty state, {@code sha256(str(to_hashable({})))} = {@code sha256("()")}.
 *
 * <p>Calls return Python values and raise {@link org.selfchallenge.env.ToolException} (a
 * {@link org.selfchallenge.pyval.PyException}) where upstream raises; arguments follow
 * {@link PyTool#callWithKwargs} (varargs under their parameter name) or {@link #callPositional}.
 */
public final class CalculationEnvironment implements Environment {
    public static final String NAME = "calculation";

    private final CalculationDomain domain;
    private final PyToolbox toolbox;

    private CalculationEnvironment(CalculationDomain domain, PyToolbox toolbox) {
        this.domain = domain;
        this.toolbox = toolbox;
    }

    private static final class Holder {
        static final Map<CalculationDomain, CalculationEnvironment> DOMAINS = new EnumMap<>(CalculationDomain.class);
        static final CalculationEnvironment ALL;

        static {
            List<PyTool> all = new ArrayList<>();
            for (CalculationDomain d : CalculationDomain.values()) {
                List<PyTool> tools = d.createTools();
                DOMAINS.put(d, new CalculationEnvironment(d, new PyToolbox(tools)));
                all.addAll(tools);
            }
            ALL = new CalculationEnvironment(null, new PyToolbox(all));
        }
    }

    /** All 24 tools of the four domains (names do not collide). Cached; safe to share between threads. */
    public static Environment load() {
        return Holder.ALL;
    }

    /** The view of one domain (e.g. {@code "trade_calculator"}), its tools in upstream order. */
    public static CalculationEnvironment forDomain(String domainId) {
        return Holder.DOMAINS.get(CalculationDomain.byId(domainId));
    }

    public static CalculationEnvironment forDomain(CalculationDomain domain) {
        return Holder.DOMAINS.get(domain);
    }

    /** The domain of a per-domain view, null for the combined environment. */
    public CalculationDomain domain() {
        return domain;
    }

    public PyToolbox toolbox() {
        return toolbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ToolSpec> tools() {
        return toolbox.specs();
    }

    /** M3ToolEval has no policy document; the task prompt carries all instructions. */
    @Override
    public String policy() {
        return "";
    }

    @Override
    public Object call(String tool, Map<String, Object> kwargs) {
        return toolbox.tool(tool).callWithKwargs(kwargs);
    }

    /** Python call {@code tool(*args)}. */
    public Object callPositional(String tool, List<Object> args) {
        return toolbox.tool(tool).call(args, Map.of());
    }

    @Override
    public String stateHash() {
        return PyHash.hash(new LinkedHashMap<String, Object>());
    }

    @Override
    public Environment fresh() {
        return this;
    }
}
