package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.dict;
import static org.selfchallenge.env.airline.AirlinePython.eq;
import static org.selfchallenge.env.airline.AirlinePython.in;
import static org.selfchallenge.env.airline.AirlinePython.item;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyJson;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyTuple;

/**
 * {@code search_onestop_flight}: pairs {@code [leg1, leg2]} over all flight pairs in file order
 * (outer loop leg 1), kept when leg 1 arrives at leg 2's origin no later than leg 2 departs — a
 * <em>string</em> comparison of {@code "HH:MM:SS"} / {@code "HH:MM:SS+1"} — and both legs are
 * {@code available} on their dates.
 *
 * <p>Upstream quirks kept: when leg 1 arrives "+1", leg 2's date is {@code f"2024-05-{day+1}"}, not
 * zero-padded (so "2024-05-2".."2024-05-9" never exist and those pairs vanish), and leg 2's fields
 * are merged from {@code dates[date]} (leg 1's date) although its {@code date} says {@code date2}.
 */
final class SearchOnestopFlight extends AirlineTool {
    static final String NEXT_DAY_MARK = "+1";
    static final String MONTH_PREFIX = "2024-05-";

    SearchOnestopFlight() {
        super("search_onestop_flight", true, "origin", "destination", "date");
    }

    @Override
    String run(AirlineTables data, Map<String, Object> a) {
        Object origin = a.get("origin");
        Object destination = a.get("destination");
        Object date = a.get("date");
        List<Object> results = new ArrayList<>();
        List<String> ids = data.flightIds();
        for (String id1 : ids) {
            Map<String, Object> flight1 = data.flight(id1);
            if (!eq(flight1.get("origin"), origin)) {
                continue;
            }
            for (String id2 : ids) {
                Map<String, Object> flight2 = data.flight(id2);
                if (!(eq(flight2.get("destination"), destination)
                        && eq(flight1.get("destination"), flight2.get("origin")))) {
                    continue;
                }
                String arrival1 = (String) flight1.get("scheduled_arrival_time_est");
                Object date2 = arrival1.contains(NEXT_DAY_MARK)
                        ? MONTH_PREFIX + (lastTwoAsInt(date) + 1) : date;
                if (AirlinePython.gt(arrival1, flight2.get("scheduled_departure_time_est"))) {
                    continue;
                }
                Map<String, Object> dates1 = dict(flight1.get("dates"));
                Map<String, Object> dates2 = dict(flight2.get("dates"));
                if (in(dates1, date) && in(dates2, date2)
                        && eq(item(dates1.get((String) date), "status"), FlightSegments.AVAILABLE)
                        && eq(item(dates2.get((String) date2), "status"), FlightSegments.AVAILABLE)) {
                    Map<String, Object> leg1 = SearchDirectFlight.onDate(flight1, dates1.get((String) date));
                    leg1.put("date", date);
                    Map<String, Object> leg2 = SearchDirectFlight.onDate(flight2, item(dates2, date));
                    leg2.put("date", date2);
                    results.add(new ArrayList<>(List.of(leg1, leg2)));
                }
            }
        }
        return PyJson.dumps(results);
    }

    /** Python's {@code int(date[-2:])}: slicing, then int() of a str (whitespace, sign, digits). */
    static long lastTwoAsInt(Object date) {
        Object tail;
        if (date instanceof String s) {
            int[] cps = s.codePoints().toArray();
            int from = Math.max(0, cps.length - 2);
            tail = new String(cps, from, cps.length - from);
        } else if (date instanceof List<?> l) {
            tail = new ArrayList<>(l.subList(Math.max(0, l.size() - 2), l.size()));
        } else if (date instanceof PyTuple t) {
            List<Object> items = t.items();
            tail = new PyTuple(items.subList(Math.max(0, items.size() - 2), items.size()));
        } else if (date instanceof Map) {
            // Python 3.12 slices are hashable, so the dict lookup itself fails.
            throw new PyException("KeyError", "slice(-2, None, None)");
        } else {
            throw AirlinePython.typeError("'" + PyRepr.typeName(date) + "' object is not subscriptable");
        }
        if (!(tail instanceof String text)) {
            throw AirlinePython.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                    + PyRepr.typeName(tail) + "'");
        }
        Long parsed = parseInt(text);
        if (parsed == null) {
            throw new PyException("ValueError", "invalid literal for int() with base 10: " + PyRepr.repr(text));
        }
        return parsed;
    }

    /** int() of at most two characters: optional whitespace and sign around Unicode decimal digits. */
    private static Long parseInt(String text) {
        String t = text.strip();
        int sign = 1;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            sign = t.charAt(0) == '-' ? -1 : 1;
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            if (Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER) {
                return null;
            }
            value = value * 10 + Character.digit(cp, 10);
            i += Character.charCount(cp);
        }
        return sign * value;
    }
}
