package network.mira.core.store;

import java.nio.charset.StandardCharsets;

/**
 * The RocksDB column families of a node's data dir. Each kind of record lives in its own family so
 * that its key space, compaction and scans never mix with another's. Adding a column is one line
 * here: {@link RocksKeyValueStore#open} creates missing families.
 */
public enum Column {
    META("meta"),
    BLOCKS("blocks"),
    BLOCK_HASHES("block_hashes"),
    CERTIFICATES("certificates"),
    ACCOUNTS("accounts"),
    TX_STATUS("tx_status"),
    SIGNATURES("signatures"),
    STATE_NODES("state_nodes"),
    /** Evidence included in finalized blocks, by (height, index in block). */
    EVIDENCE("evidence"),
    /** Evidence hash to the (height, index) of its inclusion. */
    EVIDENCE_HASHES("evidence_hashes"),
    /** The validator set that decides from a height on, by that first height (genesis, then each epoch switch). */
    VALIDATOR_SETS("validator_sets"),
    /** Rewards paid at each epoch's end, by (epoch, validator identity). */
    EPOCH_REWARDS("epoch_rewards");

    private final String familyName;

    Column(String familyName) {
        this.familyName = familyName;
    }

    /** The family's name on disk; never rename one, or existing data dirs lose the column. */
    public String familyName() {
        return familyName;
    }

    byte[] familyNameBytes() {
        return familyName.getBytes(StandardCharsets.UTF_8);
    }
}
