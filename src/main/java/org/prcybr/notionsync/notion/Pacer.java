package org.prcybr.notionsync.notion;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * Spaces Notion requests to an average rate (Notion allows about 3 per second per integration).
 * Off (rate 0) for a single event, which sends a handful; on for backfills, which send thousands.
 * GitHub's mutations are spaced by one of their own ({@link #reserve}, waited for as GitHub's waits are).
 */
@Singleton
public class Pacer {
    private final long intervalNanos;
    private long next = System.nanoTime();

    public Pacer(@Property(name = "notion.pace-per-second", defaultValue = "0") double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1e9 / perSecond);
    }

    /**
     * Takes the next turn and returns how long to wait for it, in nanoseconds (0 when it is now).
     */
    public long reserve() {
        if (intervalNanos == 0) {
            return 0;
        }
        synchronized (this) {
            long now = System.nanoTime();
            next = Math.max(next, now);
            long wait = next - now;
            next += intervalNanos;
            return wait;
        }
    }

    /** Waits for this request's turn. */
    public void acquire() {
        long wait = reserve();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
