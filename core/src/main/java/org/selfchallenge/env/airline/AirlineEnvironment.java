package org.selfchallenge.env.airline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Resources;
import org.selfchallenge.env.TauDomain;
import org.selfchallenge.env.TauEnvironment;
import org.selfchallenge.env.TauTool;

/**
 * τ-bench airline ({@code tau_bench/envs/airline}): 300 flights × 30 dates, 2000 reservations,
 * 500 users, 14 tools in upstream {@code ALL_TOOLS} order, the {@code wiki.md} policy, and
 * {@code transfer_to_human_agents} as the terminate tool. Airline has only a test split (50 tasks).
 *
 * <p>Observations follow upstream exactly, quirks included (see each tool). One deviation of form:
 * {@code send_certificate} on a user who already holds the three fixed certificates returns
 * {@code null} (Python None, which crashes upstream's step) — callers must treat it as a crash.
 */
public final class AirlineEnvironment extends TauEnvironment {
    public static final String NAME = "airline";
    static final String RESOURCE_DIR = Resources.DATA_ROOT + "taubench/airline/";

    /** Tools in upstream {@code ALL_TOOLS} order (= {@code tools.json} order, checked at load). */
    static List<TauTool> airlineTools() {
        return List.of(new BookReservation(), new Calculate(), new CancelReservation(),
                new GetReservationDetails(), new GetUserDetails(), new ListAllAirports(), new SearchDirectFlight(),
                new SearchOnestopFlight(), new SendCertificate(), new Think(), new TransferToHumanAgents(),
                new UpdateReservationBaggages(), new UpdateReservationFlights(), new UpdateReservationPassengers());
    }

    /** Loaded on first use (holder idiom: thread-safe, once per JVM). */
    private static final class Holder {
        static final TauDomain DOMAIN = loadDomain();
        static final Map<String, TauTool> TOOLS = DOMAIN.toolMap();
        static final AirlineEnvironment PROTOTYPE = new AirlineEnvironment(DOMAIN, TOOLS,
                new CowDatabase(DOMAIN.data()));
    }

    private static TauDomain loadDomain() {
        // Table order of upstream load_data(); the hash sorts keys, JSON output does not.
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put(AirlineTables.FLIGHTS, "flights.json");
        tables.put(AirlineTables.RESERVATIONS, "reservations.json");
        tables.put(AirlineTables.USERS, "users.json");
        return TauDomain.load(NAME, RESOURCE_DIR, tables, airlineTools(), Set.of(TransferToHumanAgents.NAME));
    }

    private AirlineEnvironment(TauDomain domain, Map<String, TauTool> tools, CowDatabase db) {
        super(domain, tools, db);
    }

    @Override
    protected TauEnvironment create(CowDatabase db) {
        return new AirlineEnvironment(domain(), Holder.TOOLS, db);
    }

    /** A fresh airline environment (initial data); the data is parsed once per JVM, then shared. */
    public static Environment load() {
        return Holder.PROTOTYPE.fresh();
    }
}
