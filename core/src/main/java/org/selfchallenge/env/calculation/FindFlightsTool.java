package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyValues;
import org.selfchallenge.pyval.expr.PyOps;

/**
 * {@code find_flights(from_location, to_location, date)}: both locations are stripped of double quotes
 * and must be supported (origin checked first: "Origin [X] is not supported. Supported from_locations:
 * [...]", then "Destination [X] ... to_locations"); returns the flights with matching stripped
 * endpoints and {@code date == date}, in table order, as copies (upstream returns the table's own
 * dicts; a caller mutating them would change later results there, which is not reproduced).
 */
public final class FindFlightsTool extends PyTool {
    public static final String NAME = "find_flights";
    private final TravelData data;

    public FindFlightsTool(TravelData data) {
        super(NAME, "Finds flights based on source, destination and date. Arguments: from_location (str), to_location (str), date (str) in YYYY-MM-DD format.\n"
                        + "Returns a list of flights, each represented as a dictionary with keys \"from_location\", \"to_location\" (destination), \"date\", and \"price\".\n"
                        + "Example: [{\"from_location\": \"A\", \"to_location\": \"B\", \"date\": \"2023-12-25\", \"price\": 450}]",
                "find_flights(destination: str, date: str) -> List[Dict]", null, null, true,
                "from_location", STRING, "to_location", STRING, "date", STRING);
        this.data = data;
    }

    @Override
    protected Object invoke(Object[] p, List<Object> extra) {
        // both are stripped before either is checked
        String from = PyStrings.strip(PyStrings.receiver(p[0], "strip"), "\"");
        String to = PyStrings.strip(PyStrings.receiver(p[1], "strip"), "\"");
        data.checkLocation(from, "Origin", "from_locations");
        data.checkLocation(to, "Destination", "to_locations");
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> f : data.flights()) {
            if (TravelData.stripQuotes(f.get("to_location")).equals(to) && PyOps.eq(f.get("date"), p[2])
                    && TravelData.stripQuotes(f.get("from_location")).equals(from)) {
                out.add(PyValues.deepCopy(f));
            }
        }
        return out;
    }
}
