package network.mira.rpc.band;

import network.mira.core.crypto.PublicKey;

/**
 * One validator's confidence band as this node sees it after the block at {@code height}.
 *
 * @param recentPpm    agreement over the observations in the ring, parts per million
 * @param observations how many the ring holds (at most the window)
 * @param lowPpm       the band: its long-run (lifetime, on chain) rate ± the width, clamped to 0..1,000,000
 * @param judged       whether the ring holds enough observations to be judged
 * @param inBand       true until judged outside; then true again once back inside
 * @param alerts       times this node saw it leave the band since start
 */
public record BandStatus(PublicKey validator, long height, int recentPpm, int observations, int lowPpm, int highPpm,
                         boolean judged, boolean inBand, long alerts) {}
