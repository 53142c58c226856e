package org.selfchallenge.bench.m3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.calculation.PyTool;
import org.selfchallenge.env.calculation.PyToolbox;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyStr;

/**
 * The M3ToolEval interaction protocol of CodeAct's {@code main.py} / {@code tasks/base.py}, for the agent
 * runtime: the prompt, generation post-processing and parsing, text/JSON actions, the tool-execution
 * wrapper with its (misspelt) error strings and 2000-character truncation, and the feedback texts.
 * Code-as-action (an IPython REPL) is the sandbox's business, not this class's.
 */
public final class M3Protocol {
    private M3Protocol() {
    }

    /** Upstream's action formats. */
    public enum ActionMode {
        TEXT_AS_ACTION("text_as_action"), JSON_AS_ACTION("json_as_action"), CODE_AS_ACTION("code_as_action");

        public final String id;

        ActionMode(String id) {
            this.id = id;
        }
    }

    /** {@code --n_turns_limit} default: an episode succeeds only with a correct answer within 10 turns. */
    public static final int DEFAULT_TURN_LIMIT = 10;
    /** Generation settings of upstream's runs. */
    public static final double TEMPERATURE = 0.0;
    public static final int MAX_TOKENS = 512;
    /** Tool output is cut after this many characters (code points). */
    public static final int MAX_TOOL_OUTPUT_CHARS = 2000;
    public static final String TRUNCATION_SUFFIX = "...\n[Output Truncated]";
    /** Sic: upstream's typo is part of the observation the model sees. */
    public static final String TOOL_NOT_FOUND_PREFIX = "Cound not find tool with name ";
    public static final String INCORRECT_ANSWER = "Your answer is incorrect. Please try again. Note that you should "
            + "ONLY output the answer (e.g., single number), without any other text.";
    public static final String EXTRA_REMINDER_PREFIX = "\n*Extra reminder: ";
    public static final String INVALID_BOTH = "Invalid generation. Your output should contain either 'Action:' or "
            + "'Answer:', but not both.";
    public static final String INVALID_NEITHER = "Invalid generation. Your output should contain either 'Action:' or 'Answer:'";
    public static final String MORE_THAN_ONE_ANSWER = "You have output more than one answer. Only the first answer will be used.";
    public static final String MORE_THAN_ONE_ACTION = "You have output more than one action. Only the first action will be used.";

    /** {@code "Cound not find tool with name X"}. */
    public static String toolNotFound(String toolName) {
        return TOOL_NOT_FOUND_PREFIX + toolName;
    }

    /** {@code f"Failed to execute tool {tool_name} with args {args}. ..."}; {@code args} is the call's tuple. */
    public static String failedToExecute(String toolName, List<Object> args) {
        return "Failed to execute tool " + toolName + " with args " + PyStr.repr(new PyTuple(args))
                + ". Did you try to invoke more than one tool at a time?";
    }

    /** {@code str(res)}, cut to 2000 characters plus "...\n[Output Truncated]". */
    public static String truncate(Object result) {
        String s = PyStr.str(result);
        if (s.codePointCount(0, s.length()) > MAX_TOOL_OUTPUT_CHARS) {
            return s.substring(0, s.offsetByCodePoints(0, MAX_TOOL_OUTPUT_CHARS)) + TRUNCATION_SUFFIX;
        }
        return s;
    }

    /** Upstream {@code execute_non_code}: never throws; returns the observation string. */
    public static String executeNonCode(PyToolbox tools, String toolName, List<Object> args) {
        if (!tools.has(toolName)) {
            return toolNotFound(toolName);
        }
        Object res;
        try {
            res = tools.tool(toolName).call(args, Map.of());
        } catch (RuntimeException | StackOverflowError e) {
            return failedToExecute(toolName, args);
        }
        return truncate(res);
    }

    /** A parsed action: tool name and positional arguments, or the error observation if unparsable. */
    public record ActionCall(String tool, List<Object> args, String error) {
    }

    /** Text action {@code "tool, a1, a2"}: split on every comma, each argument stripped and int/float/str-converted. */
    public static ActionCall parseTextAction(String action) {
        String[] parts = action.split(",", -1);
        List<Object> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            args.add(M3Checker.conv(pyStrip(parts[i])));
        }
        return new ActionCall(pyStrip(parts[0]), args, null);
    }

    /** JSON action {@code {"tool": name, "args": [...]}}; a non-list {@code args} becomes a one-element list. */
    public static ActionCall parseJsonAction(String action) {
        try {
            Object o = PyJson.parse(action);
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            if (!m.containsKey("tool")) {
                throw new IllegalArgumentException("'tool'");
            }
            if (!m.containsKey("args")) {
                throw new IllegalArgumentException("'args'");
            }
            Object tool = m.get("tool");
            Object args = m.get("args");
            List<Object> list = new ArrayList<>();
            if (args instanceof List<?> l) {
                list.addAll(l);
            } else {
                list.add(args);
            }
            return new ActionCall(PyStr.str(tool), list, null);
        } catch (RuntimeException e) {
            return new ActionCall(null, List.of(), "Invalid action. You should output a JSON object with the following "
                    + "fields: 'tool' (the name of the tool), 'args' (a list of arguments to the tool). Error: " + e.getMessage());
        }
    }

    /** Executes a text or JSON action and returns the observation (upstream {@code execute_action}). */
    public static String executeAction(PyToolbox tools, String action, ActionMode mode) {
        if (mode == ActionMode.CODE_AS_ACTION) {
            throw new IllegalArgumentException("code actions run in the sandbox, not here");
        }
        ActionCall call = mode == ActionMode.TEXT_AS_ACTION ? parseTextAction(action) : parseJsonAction(action);
        if (call.error() != null) {
            return call.error();
        }
        return executeNonCode(tools, call.tool(), call.args());
    }

    /** Python {@code str.strip()} (Unicode whitespace). */
    static String pyStrip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && org.selfchallenge.pyval.expr.PyNumbers.isPySpace(s.charAt(a))) {
            a++;
        }
        while (b > a && org.selfchallenge.pyval.expr.PyNumbers.isPySpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /** Upstream {@code Task.get_prompt(action_mode)}: the whole first user message. */
    public static String prompt(M3Task task, PyToolbox tools, ActionMode mode) {
        StringBuilder res = new StringBuilder("You have access to the following tools:\n");
        int i = 1;
        for (PyTool t : tools.tools().values()) {
            res.append('[').append(i++).append("] ").append(t.name()).append(": ").append(t.description()).append('\n');
            res.append("    Signature: ").append(t.signature()).append('\n');
        }
        res.append('\n');
        switch (mode) {
            case TEXT_AS_ACTION -> res.append("You can use the tools by outputing the tool name followed by its arguments, delimited by commas.\n")
                    .append("You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n")
                    .append("Example: 'Action: tool_name, argument_1 End Action'\n")
                    .append("You can only invoke one tool at a time.\n");
            case JSON_AS_ACTION -> res.append("You can use the tools by outputing a JSON object with the following fields:\n")
                    .append("  - 'tool': the name of the tool\n")
                    .append("  - 'args': a list of arguments to the tool\n")
                    .append("You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n")
                    .append("Example: 'Action: {\"tool\": \"tool_name\", \"args\": [\"argument_1\"]} End Action'\n")
                    .append("You can only invoke one tool at a time.\n");
            case CODE_AS_ACTION -> res.append("You can use the tools by outputing a block of Python code that invoke the tools.\n")
                    .append("You may use for-loops, if-statements, and other Python constructs when necessary.\n")
                    .append("Be sure to print the final answer at the end of your code.\n")
                    .append("You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n")
                    .append("Example: 'Action:\ntool_name(argument_1)\nEnd Action'\n");
            default -> { }
        }
        res.append("\nNow, let's get started!\n\n");
        res.append("Instruction: ").append(task.instruction());
        res.append("\nYou can optionally express your thoughts using natural language before your action. For example, "
                + "'Thought: I want to use tool_name to do something. Action: <your action to call tool_name> End Action'.");
        res.append("\nNote that your output should always contain either 'Action:' or 'Answer:', but not both.");
        res.append("\nWhen you are done, output the result using 'Answer: your answer'");
        res.append("\nPlease ONLY output the answer (e.g., single number), without any other text.");
        return res.toString();
    }

    /** A parsed generation: type is "answer", "action" or "invalid"; extraInfo may be null. */
    public record Parsed(String type, String content, String extraInfo) {
    }

    /** Upstream {@code Task.parse_generation}. */
    public static Parsed parseGeneration(String generation) {
        boolean hasAnswer = generation.contains("Answer:");
        boolean hasAction = generation.contains("Action:");
        if (hasAnswer && hasAction) {
            return new Parsed("invalid", INVALID_BOTH, null);
        }
        if (hasAnswer) {
            if (count(generation, "Answer:") > 1) {
                return new Parsed("answer", pyStrip(generation.split("Answer:", -1)[1]), MORE_THAN_ONE_ANSWER);
            }
            return new Parsed("answer", pyStrip(generation.substring(generation.indexOf("Answer:") + "Answer:".length())), null);
        }
        if (hasAction) {
            String action;
            String extra = null;
            if (count(generation, "Action:") > 1) {
                action = lstrip(generation.split("Action:", -1)[1]);
                extra = MORE_THAN_ONE_ACTION;
            } else {
                action = lstrip(generation.substring(generation.indexOf("Action:") + "Action:".length()));
            }
            int end = action.indexOf("End Action");
            if (end >= 0) {
                action = action.substring(0, end);
            }
            return new Parsed("action", action, extra);
        }
        return new Parsed("invalid", INVALID_NEITHER, null);
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    private static String lstrip(String s) {
        int a = 0;
        while (a < s.length() && org.selfchallenge.pyval.expr.PyNumbers.isPySpace(s.charAt(a))) {
            a++;
        }
        return s.substring(a);
    }

    /** Upstream {@code postprocess_fn}: keeps only the first Action/Answer block of a raw completion. */
    public static String postprocess(String generation) {
        String g = lstrip(generation);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(Answer:|Action:)").matcher(g);
        int matches = 0;
        int secondStart = -1;
        while (m.find()) {
            if (++matches == 2) {
                secondStart = m.start();
                break;
            }
        }
        if (matches <= 1) {
            return g;
        }
        String trimmed = pyStrip(g.substring(0, secondStart));
        int firstActionEnd = trimmed.indexOf("Action:") + "Action:".length();
        int endAction = trimmed.indexOf("End Action", firstActionEnd);
        if (endAction != -1) {
            trimmed = pyStrip(trimmed.substring(0, endAction + "End Action".length()));
        }
        int nextThought = trimmed.indexOf("Thought:", firstActionEnd);
        if (nextThought != -1) {
            trimmed = pyStrip(trimmed.substring(0, nextThought));
        }
        return trimmed;
    }

    /** The observation after a turn: content plus the extra reminder when there is one. */
    public static String withReminder(String content, String extraInfo) {
        return extraInfo == null || extraInfo.isEmpty() ? content : content + EXTRA_REMINDER_PREFIX + extraInfo;
    }
}
