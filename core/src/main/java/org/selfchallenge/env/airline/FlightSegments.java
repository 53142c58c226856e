package org.selfchallenge.env.airline;

import static org.selfchallenge.env.airline.AirlinePython.dict;
import static org.selfchallenge.env.airline.AirlinePython.eq;
import static org.selfchallenge.env.airline.AirlinePython.in;
import static org.selfchallenge.env.airline.AirlinePython.item;
import static org.selfchallenge.env.airline.AirlinePython.str;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The per-segment check and pricing shared by {@code book_reservation} and
 * {@code update_reservation_flights} (upstream repeats these lines in both): four error strings in
 * order, then {@code price}, {@code origin}, {@code destination} written onto the caller's (already
 * deep-copied) segment dict.
 */
final class FlightSegments {
    static final String AVAILABLE = "available";

    private FlightSegments() {
    }

    /**
     * Validates {@code segment} for {@code cabin}, sets its price/origin/destination and returns the
     * price; a failed check throws {@link AirlineTool.Failure}.
     *
     * @param passengerCount {@code len(passengers)}, evaluated exactly where Python evaluates it
     */
    static Object priceSegment(AirlineTables data, Object segment, Object cabin, LongSupplier passengerCount) {
        Object flightNumber = item(segment, "flight_number");
        if (!data.hasFlight(flightNumber)) {
            throw new AirlineTool.Failure("Error: flight " + str(flightNumber) + " not found");
        }
        Map<String, Object> flight = data.flight((String) flightNumber);
        Object date = item(segment, "date");
        Map<String, Object> dates = dict(flight.get("dates"));
        if (!in(dates, date)) {
            throw new AirlineTool.Failure("Error: flight " + str(flightNumber) + " not found on date " + str(date));
        }
        Object onDate = dates.get((String) date);
        if (!eq(item(onDate, "status"), AVAILABLE)) {
            throw new AirlineTool.Failure("Error: flight " + str(flightNumber) + " not available on date "
                    + str(date));
        }
        Object seats = item(item(onDate, "available_seats"), cabin);
        if (AirlinePython.lt(seats, passengerCount.getAsLong())) {
            throw new AirlineTool.Failure("Error: not enough seats on flight " + str(flightNumber));
        }
        Object price = item(item(onDate, "prices"), cabin);
        Map<String, Object> seg = dict(segment);
        seg.put("price", price);
        seg.put("origin", flight.get("origin"));
        seg.put("destination", flight.get("destination"));
        return price;
    }
}
