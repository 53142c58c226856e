package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyValues;

/**
 * The travel_itinerary_planning tables ({@code LOC}, 29 {@code flights}, 13 {@code hotels}), loaded once
 * from {@code travel_itinerary_planning_data.json} and frozen; tools hand out deep copies.
 * Locations are stored with their double quotes ({@code '"A"'}); tools strip them.
 */
public final class TravelData {
    public static final String RESOURCE = Resources.DATA_ROOT + "m3tooleval/travel_itinerary_planning_data.json";

    private final List<String> loc;
    private final Set<String> supported;
    private final List<Map<String, Object>> flights;
    private final List<Map<String, Object>> hotels;

    private TravelData(Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) json.get("LOC");
        this.loc = List.copyOf(l);
        // SUPPORTED_LOC = set(LOC + [loc.strip('"') for loc in LOC])
        Set<String> s = new LinkedHashSet<>(loc);
        loc.forEach(x -> s.add(PyStrings.strip(x, "\"")));
        this.supported = Set.copyOf(s);
        this.flights = freezeList(json.get("flights"));
        this.hotels = freezeList(json.get("hotels"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> freezeList(Object o) {
        return (List<Map<String, Object>>) PyValues.freeze(o);
    }

    private static final class Holder {
        static final TravelData INSTANCE = new TravelData(PyJson.parseObject(Resources.readString(RESOURCE)));
    }

    public static TravelData get() {
        return Holder.INSTANCE;
    }

    public List<String> loc() {
        return loc;
    }

    public List<Map<String, Object>> flights() {
        return flights;
    }

    public List<Map<String, Object>> hotels() {
        return hotels;
    }

    /** {@code location.strip('"')} then the SUPPORTED_LOC check, raising upstream's ValueError text. */
    String checkLocation(Object location, String messagePrefix, String listName) {
        String stripped = PyStrings.strip(PyStrings.receiver(location, "strip"), "\"");
        if (!supported.contains(stripped)) {
            throw new PyException("ValueError", messagePrefix + " [" + stripped + "] is not supported. Supported "
                    + listName + ": " + PyRepr.repr(new ArrayList<Object>(loc)));
        }
        return stripped;
    }

    static String stripQuotes(Object v) {
        return PyStrings.strip((String) v, "\"");
    }
}
