package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.List;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyOps;

/**
 * {@code find_max_nucleotide(*args)}: {@code d = dict(zip(args[::2], args[1::2]))} (an odd trailing key
 * is dropped, a repeated key keeps its first position and last value), then
 * {@code k = max(d, key=d.get)} (first maximum wins ties) and returns the tuple {@code (k, d[k])}.
 */
public final class FindMaxNucleotideTool extends PyTool {
    public static final String NAME = "find_max_nucleotide";

    public FindMaxNucleotideTool() {
        super(NAME, "Return the nucleotide (str) with the maximum count (int). Arguments: nucleotide_counts in the form of (k1, v1, k2, v2, ..., kn, vn)",
                "find_max_nucleotide(*args) -> (str, int)", "args", ANY, true);
    }

    @Override
    protected Object invoke(Object[] p, List<Object> args) {
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            Object k = args.get(i);
            PyOps.requireHashable(k);
            int at = -1;
            for (int j = 0; j < keys.size(); j++) {
                if (PyOps.eq(keys.get(j), k)) {
                    at = j;
                    break;
                }
            }
            if (at >= 0) {
                values.set(at, args.get(i + 1));
            } else {
                keys.add(k);
                values.add(args.get(i + 1));
            }
        }
        if (keys.isEmpty()) {
            throw new PyException("ValueError", "max() arg is an empty sequence");
        }
        int best = 0;
        for (int j = 1; j < keys.size(); j++) {
            if (PyOps.compare(values.get(j), values.get(best), ">")) {
                best = j;
            }
        }
        return PyTuple.of(keys.get(best), values.get(best));
    }
}
