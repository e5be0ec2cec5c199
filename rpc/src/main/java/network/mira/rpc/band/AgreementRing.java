package network.mira.rpc.band;

/**
 * The last {@code capacity} observations of one validator (agreed with its committee's decided verdict
 * or not), oldest overwritten first, with a running count of agreements.
 */
final class AgreementRing {
    private final boolean[] agreements;
    private int next;
    private int size;
    private int agreed;

    AgreementRing(int capacity) {
        this.agreements = new boolean[capacity];
    }

    void add(boolean agreement) {
        if (size == agreements.length) {
            agreed -= agreements[next] ? 1 : 0;
        } else {
            size++;
        }
        agreements[next] = agreement;
        agreed += agreement ? 1 : 0;
        next = (next + 1) % agreements.length;
    }

    int size() {
        return size;
    }

    /** Agreements per million observations; 0 when empty. */
    int agreementPpm() {
        return size == 0 ? 0 : (int) ((long) agreed * BandSettings.PPM / size);
    }
}
