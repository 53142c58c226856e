package org.selfchallenge.env.airline;

import java.util.List;
import java.util.Map;

import org.selfchallenge.env.CowDatabase;

/**
 * The three airline tables ({@code flights}, {@code reservations}, {@code users}) of one
 * {@link CowDatabase}, with Python's {@code key in dict} semantics for ids coming from the model.
 * Reads return shared frozen records that must not be mutated; writers ask for a private copy.
 */
final class AirlineTables {
    static final String FLIGHTS = "flights";
    static final String RESERVATIONS = "reservations";
    static final String USERS = "users";

    private final CowDatabase db;

    AirlineTables(CowDatabase db) {
        this.db = db;
    }

    private boolean has(String table, Object id) {
        AirlinePython.in(Map.of(), id); // raises TypeError for an unhashable id, like the dict lookup
        return db.has(table, id);
    }

    boolean hasFlight(Object id) {
        return has(FLIGHTS, id);
    }

    Map<String, Object> flight(String id) {
        return db.read(FLIGHTS, id);
    }

    /** Flight numbers in file order (no airline tool adds or changes a flight). */
    List<String> flightIds() {
        return db.ids(FLIGHTS);
    }

    boolean hasReservation(Object id) {
        return has(RESERVATIONS, id);
    }

    Map<String, Object> reservation(String id) {
        return db.read(RESERVATIONS, id);
    }

    Map<String, Object> reservationForWrite(String id) {
        return db.write(RESERVATIONS, id);
    }

    /** {@code data["reservations"][id] = record}: replaces in place, or appends a new id. */
    void putReservation(String id, Map<String, Object> record) {
        db.insert(RESERVATIONS, id, record);
    }

    boolean hasUser(Object id) {
        return has(USERS, id);
    }

    Map<String, Object> user(String id) {
        return db.read(USERS, id);
    }

    Map<String, Object> userForWrite(String id) {
        return db.write(USERS, id);
    }
}
