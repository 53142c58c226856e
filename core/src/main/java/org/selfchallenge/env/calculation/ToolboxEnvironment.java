package org.selfchallenge.env.calculation;

import java.util.List;
import java.util.Map;

import org.selfchallenge.env.Environment;
import org.selfchallenge.env.ToolSpec;

/**
 * An M3ToolEval-style environment: a {@link PyToolbox} of Python-valued tools and no policy document
 * (the task prompt carries all instructions). Subclasses add the state, if any.
 */
public abstract class ToolboxEnvironment implements Environment {
    private final String name;
    private final PyToolbox toolbox;

    protected ToolboxEnvironment(String name, PyToolbox toolbox) {
        this.name = name;
        this.toolbox = toolbox;
    }

    public PyToolbox toolbox() {
        return toolbox;
    }

    @Override
    public String name() {
        return name;
    }

    /** M3ToolEval scores the final answer, whatever state the tools keep. */
    @Override
    public final Kind kind() {
        return Kind.ANSWER_BASED;
    }

    @Override
    public List<ToolSpec> tools() {
        return toolbox.specs();
    }

    /** M3ToolEval has no policy document. */
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
}
