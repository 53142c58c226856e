package org.selfchallenge.challenger;

import java.util.Optional;
import java.util.Random;

/** One kind of task the procedural challenger can write for one environment. */
public interface TaskFamily {
    String env();

    String name();

    /** Explores with read-only tools and drafts a task; empty when the sampled records don't fit. */
    Optional<CatDraft> draft(Explorer ex, Random rnd);
}
