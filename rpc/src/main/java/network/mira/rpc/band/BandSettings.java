package network.mira.rpc.band;

/**
 * The confidence band's configuration (config keys {@code verification.band-*}).
 *
 * @param window          observations kept per validator: the recent rate is over the last this many claims
 * @param minObservations the ring must hold at least this many before the rate is judged at all
 * @param widthPpm        the band is the long-run rate ± this, in parts per million
 */
public record BandSettings(int window, int minObservations, int widthPpm) {
    public static final int PPM = 1_000_000;
    public static final BandSettings DEFAULTS = new BandSettings(50, 20, 150_000);

    public BandSettings {
        if (window < 1 || minObservations < 1 || minObservations > window || widthPpm < 0 || widthPpm > PPM) {
            throw new IllegalArgumentException("band window must be positive, min observations 1.." + window
                    + ", width 0.." + PPM + " ppm: " + window + ", " + minObservations + ", " + widthPpm);
        }
    }
}
