package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.env.TauCalculator;

import java.util.Map;

/** {@code calculate(expression)}: {@code str(round(float(eval(e)), 2))} over the characters {@code 0-9+-*}, slash, {@code (). } and space. */
public final class Calculate extends AbstractTauTool {
    public Calculate() {
        super("calculate", true, "expression");
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        return TauCalculator.calculate(kw.get("expression"));
    }
}
