package org.isachub.ingest.taxii;

/**
 * What one poll of an upstream collection committed.
 *
 * @param pages pages committed
 * @param objects objects received in them
 * @param accepted records written (indicators, revocations, sightings)
 * @param rejected objects refused and dead-lettered
 */
public record PollResult(int pages, int objects, int accepted, int rejected) {}
