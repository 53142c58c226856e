package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyValues;
import org.selfchallenge.pyval.expr.PyOps;

/**
 * {@code book_hotel(location, *preferences)}: the location is stripped of double quotes and checked
 * ("Location [X] is not supported. Supported locations: [...]"); returns, in table order, copies of
 * the hotels there whose preference list contains every requested preference ({@code ==} membership).
 */
public final class BookHotelTool extends PyTool {
    public static final String NAME = "book_hotel";
    private final TravelData data;

    public BookHotelTool(TravelData data) {
        super(NAME, "Books a hotel based on location and preferences. Arguments: location (str), *preferences (variable number of str arguments).\n"
                        + "Returns a list of hotels, each represented as a dictionary with keys \"location\", \"preferences\", \"price_per_night\", and \"rating\".\n"
                        + "Example: [{\"location\": \"A\", \"preferences\": [\"wifi\", \"pool\"], \"price_per_night\": 120, \"rating\": 4}]",
                "book_hotel(location: str, *preferences: str) -> List[Dict]", "preferences", STRING, true,
                "location", STRING);
        this.data = data;
    }

    @Override
    protected Object invoke(Object[] p, List<Object> preferences) {
        String location = data.checkLocation(p[0], "Location", "locations");
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> h : data.hotels()) {
            if (!TravelData.stripQuotes(h.get("location")).equals(location)) {
                continue;
            }
            List<Object> prefs = PyOps.sequenceItems(h.get("preferences"));
            if (preferences.stream().allMatch(want -> prefs.stream().anyMatch(have -> PyOps.eq(have, want)))) {
                out.add(PyValues.deepCopy(h));
            }
        }
        return out;
    }
}
