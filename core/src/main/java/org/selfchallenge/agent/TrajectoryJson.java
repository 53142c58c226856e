package org.selfchallenge.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON (one object per line) form of a {@link Trajectory}; the field names are the record components.
 * Unknown fields are rejected so that a schema drift shows up as an error, not as silently lost data.
 */
public final class TrajectoryJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private TrajectoryJson() {
    }

    public static String write(Trajectory t) {
        try {
            return JSON.writeValueAsString(t);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trajectory " + t.id() + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    public static Trajectory read(String json) {
        try {
            return JSON.readValue(json, Trajectory.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a trajectory JSON: " + e.getOriginalMessage(), e);
        }
    }
}
