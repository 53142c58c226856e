/**
 * τ-bench airline ({@code sierra-research/tau-bench}, {@code tau_bench/envs/airline}), ported tool by
 * tool: {@link org.selfchallenge.env.airline.AirlineEnvironment} plus one package-private class per
 * upstream tool, named like the upstream class.
 *
 * <h2>Upstream quirks kept on purpose</h2>
 * The reward compares a hash of the whole database with a replay of the ground truth, so these are
 * reproduced, not fixed:
 * <ul>
 *   <li>{@code book_reservation}: ids HATHAT, HATHAU, HATHAV (the last overwritten when all are
 *       taken); {@code created_at} always {@code 2024-05-15T15:00:00}; seats checked but never
 *       decremented; used certificates deleted whatever the amount drawn; the caller's
 *       {@code payment_methods} stored as {@code payment_history}; payments compared to the total with
 *       Python 3.12+ {@code sum} (Neumaier-compensated for floats).</li>
 *   <li>{@code update_reservation_flights}: {@code reservation.cabin} never updated.</li>
 *   <li>{@code search_onestop_flight}: after a "+1" arrival the second leg's date is
 *       {@code f"2024-05-{day+1}"} (not zero-padded) while its fields come from the first leg's date;
 *       arrival/departure compared as strings.</li>
 *   <li>{@code get_reservation_details}: a missing reservation answers "Error: user not found".</li>
 *   <li>{@code send_certificate}: with all three fixed ids taken upstream returns None, which crashes
 *       the step; here {@code call} returns {@code null} (Python None) and changes nothing.</li>
 *   <li>Checked failures change nothing; a Python exception raised mid-way keeps what upstream had
 *       already changed (only reachable in {@code book_reservation}'s debit loop).</li>
 * </ul>
 *
 * <h2>Wrongly typed arguments</h2>
 * Model-supplied arguments may have any JSON type. {@link org.selfchallenge.env.airline.AirlinePython}
 * evaluates each operation as CPython 3.12 does, so the {@code "Error: ..."} text (TypeError, KeyError,
 * ValueError, AttributeError messages) and any state change match upstream; checked by the
 * upstream-generated vectors in {@code conformance/taubench/airline_edge_vectors.json}.
 */
package org.selfchallenge.env.airline;
