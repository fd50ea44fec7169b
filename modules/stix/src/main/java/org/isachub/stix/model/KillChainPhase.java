package org.isachub.stix.model;

/**
 * A phase of a kill chain.
 *
 * @param killChainName the kill chain, e.g. {@code lockheed-martin-cyber-kill-chain}
 * @param phaseName the phase, e.g. {@code reconnaissance}
 */
public record KillChainPhase(String killChainName, String phaseName) {}
