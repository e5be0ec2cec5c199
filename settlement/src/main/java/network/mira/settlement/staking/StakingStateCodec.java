package network.mira.settlement.staking;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mira.core.codec.ByteReader;
import network.mira.core.codec.ByteWriter;
import network.mira.core.codec.DecodeException;
import network.mira.core.crypto.Hash;
import network.mira.core.crypto.PublicKey;

/**
 * The canonical bytes of a {@link StakingState}, as the stake program keeps them in its state account.
 * One encoding per state: every map in key order (keys unique and strictly increasing, checked on
 * decode), every field, integers little endian (u64 carries a signed long's bits, so -1 means unset),
 * each collection prefixed with its u32 count, the whole led by a u8 version. Decoding is strict:
 * unknown version, truncation, trailing bytes, a count larger than the remaining bytes could hold,
 * keys out of order, or a state the records themselves refuse (or that breaks the supply invariant)
 * are all refused with the place named. The layout is in docs/staking.md ("State account").
 */
public final class StakingStateCodec {
    public static final int VERSION = 1;

    private static final int KEY = PublicKey.LENGTH;
    private static final int U64 = 8;
    /** Smallest encodings of one entry, used to bound counts by the bytes that remain. */
    private static final int MIN_VALIDATOR_BYTES = KEY + KEY + 1 + U64 + U64 + U64 + KEY + 1 + U64;
    private static final int MIN_KEY_OWNER_BYTES = KEY + KEY;
    private static final int MIN_STAKE_BYTES = KEY + KEY + U64 + 1 + 4 * U64;
    private static final int MIN_WINDOW_BYTES = KEY + 4 * 4 + U64;
    private static final int MIN_SNAPSHOT_BYTES = U64 + 4 + 4;
    private static final int MIN_MEMBER_BYTES = KEY + KEY + U64;
    private static final int MIN_BOND_BYTES = KEY + KEY + U64;
    private static final int MIN_EVENT_BYTES = KEY + 1 + U64 + U64 + 1;
    private static final int HASH_BYTES = Hash.LENGTH;

    private StakingStateCodec() {}

    public static byte[] encode(StakingState state) {
        ByteWriter out = new ByteWriter(4096);
        out.u8(VERSION);
        for (long value : parameterValues(state.parameters())) {
            out.u64(value);
        }
        out.u64(state.epoch()).u64(state.lastHeight());
        out.u32(state.validators().size());
        state.validators().values().forEach(v -> writeValidator(out, v));
        out.u32(state.consensusKeyOwners().size());
        state.consensusKeyOwners().forEach((key, owner) -> out.raw(key.bytes()).raw(owner.bytes()));
        out.u32(state.stakeAccounts().size());
        state.stakeAccounts().values().forEach(a -> writeStake(out, a));
        out.u32(state.signing().size());
        state.signing().forEach((identity, window) -> writeWindow(out.raw(identity.bytes()), window));
        out.u32(state.snapshots().size());
        state.snapshots().values().forEach(s -> writeSnapshot(out, s));
        out.u32(state.slashingEvents().size());
        state.slashingEvents().forEach(e -> writeEvent(out, e));
        out.u32(state.punishedEvidence().size());
        state.punishedEvidence().forEach(h -> out.raw(h.bytes()));
        Supply supply = state.supply();
        out.u64(supply.genesis()).u64(supply.issued()).u64(supply.burned()).u64(supply.slashed())
                .u64(supply.unstaked());
        return out.toByteArray();
    }

    /** @throws DecodeException naming the field and the reason when {@code bytes} are not a canonical state */
    public static StakingState decode(byte[] bytes) throws DecodeException {
        ByteReader in = new ByteReader(bytes);
        int version = in.u8("staking state version");
        if (version != VERSION) {
            throw new DecodeException("staking state version " + version + " is not supported (expected "
                    + VERSION + ")");
        }
        try {
            StakingState state = readState(in);
            in.expectEnd("staking state");
            state.checkInvariants();
            return state;
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new DecodeException("staking state is inconsistent: " + e.getMessage());
        }
    }

    private static StakingState readState(ByteReader in) throws DecodeException {
        StakingParameters parameters = readParameters(in);
        long epoch = nonNegative(in.u64("epoch"), "epoch");
        long lastHeight = in.u64("last height");
        if (lastHeight < -1) {
            throw new DecodeException("last height " + lastHeight + " is below -1");
        }
        TreeMap<PublicKey, ValidatorRecord> validators = new TreeMap<>();
        long count = count(in, MIN_VALIDATOR_BYTES, "validators");
        for (long i = 0; i < count; i++) {
            ValidatorRecord record = readValidator(in, i);
            putInOrder(validators, record.identity(), record, "validators", i);
        }
        TreeMap<PublicKey, PublicKey> owners = new TreeMap<>();
        count = count(in, MIN_KEY_OWNER_BYTES, "consensus key owners");
        for (long i = 0; i < count; i++) {
            PublicKey key = key(in, "consensus key owner " + i + " key");
            putInOrder(owners, key, key(in, "consensus key owner " + i + " owner"), "consensus key owners", i);
        }
        TreeMap<PublicKey, StakeAccount> accounts = new TreeMap<>();
        count = count(in, MIN_STAKE_BYTES, "stake accounts");
        for (long i = 0; i < count; i++) {
            StakeAccount account = readStake(in, i);
            putInOrder(accounts, account.address(), account, "stake accounts", i);
        }
        TreeMap<PublicKey, SigningWindow> signing = new TreeMap<>();
        count = count(in, MIN_WINDOW_BYTES, "signing windows");
        for (long i = 0; i < count; i++) {
            PublicKey identity = key(in, "signing window " + i + " identity");
            putInOrder(signing, identity, readWindow(in, i), "signing windows", i);
        }
        TreeMap<Long, EpochSnapshot> snapshots = new TreeMap<>();
        count = count(in, MIN_SNAPSHOT_BYTES, "snapshots");
        for (long i = 0; i < count; i++) {
            EpochSnapshot snapshot = readSnapshot(in, i);
            putInOrder(snapshots, snapshot.epoch(), snapshot, "snapshots", i);
        }
        List<SlashingEvent> events = new ArrayList<>();
        count = count(in, MIN_EVENT_BYTES, "slashing events");
        for (long i = 0; i < count; i++) {
            events.add(readEvent(in, i));
        }
        TreeSet<Hash> punished = new TreeSet<>();
        count = count(in, HASH_BYTES, "punished evidence");
        for (long i = 0; i < count; i++) {
            Hash hash = Hash.wrap(in.raw(HASH_BYTES, "punished evidence " + i));
            if (!punished.isEmpty() && hash.compareTo(punished.last()) <= 0) {
                throw new DecodeException("punished evidence " + i + " is not after the previous hash");
            }
            punished.add(hash);
        }
        Supply supply = new Supply(in.u64("supply genesis"), in.u64("supply issued"), in.u64("supply burned"),
                in.u64("supply slashed"), in.u64("supply unstaked"));
        return new StakingState(parameters, epoch, lastHeight, validators, owners, accounts, signing, snapshots,
                events, punished, supply);
    }

    private static long[] parameterValues(StakingParameters p) {
        return new long[] {p.epochBlocks(), p.unbondingEpochs(), p.maxValidators(), p.maxStakeChangeBps(),
                p.minSelfBond(), p.maxCommissionChangeBpsPerEpoch(), p.downtimeWindow(), p.downtimeMinSignedBps(),
                p.jailBlocks(), p.slashDoubleSignBps(), p.slashDowntimeBps(), p.issuancePerEpoch()};
    }

    private static StakingParameters readParameters(ByteReader in) throws DecodeException {
        List<String> names = StakingParameters.names();
        long[] v = new long[names.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.u64("parameter " + names.get(i));
        }
        return new StakingParameters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }

    private static void writeValidator(ByteWriter out, ValidatorRecord v) {
        out.raw(v.identity().bytes()).raw(v.consensusKey().bytes());
        writeOptionalKey(out, v.pendingConsensusKey());
        out.u64(v.pendingKeyEpoch()).u64(v.commissionBps()).u64(v.commissionChangedEpoch())
                .raw(v.selfBondAddress().bytes()).u8(v.status().ordinal()).u64(v.jailedUntilHeight());
    }

    private static ValidatorRecord readValidator(ByteReader in, long index) throws DecodeException {
        String what = "validator " + index;
        PublicKey identity = key(in, what + " identity");
        PublicKey consensusKey = key(in, what + " consensus key");
        PublicKey pending = optionalKey(in, what + " pending consensus key");
        long pendingEpoch = in.u64(what + " pending key epoch");
        long commission = in.u64(what + " commission");
        long commissionEpoch = in.u64(what + " commission changed epoch");
        PublicKey selfBond = key(in, what + " self-bond address");
        ValidatorStatus status = enumValue(ValidatorStatus.values(), in.u8(what + " status"), what + " status");
        long jailedUntil = in.u64(what + " jailed until height");
        return new ValidatorRecord(identity, consensusKey, pending, pendingEpoch, commission, commissionEpoch,
                selfBond, status, jailedUntil);
    }

    private static void writeStake(ByteWriter out, StakeAccount a) {
        out.raw(a.address().bytes()).raw(a.authority().bytes()).u64(a.amount());
        writeOptionalKey(out, a.validator());
        out.u64(a.activationEpoch()).u64(a.deactivationEpoch()).u64(a.activeAmount()).u64(a.lastBondedEpoch());
    }

    private static StakeAccount readStake(ByteReader in, long index) throws DecodeException {
        String what = "stake account " + index;
        PublicKey address = key(in, what + " address");
        PublicKey authority = key(in, what + " authority");
        long amount = in.u64(what + " amount");
        PublicKey validator = optionalKey(in, what + " validator");
        return new StakeAccount(address, authority, amount, validator, in.u64(what + " activation epoch"),
                in.u64(what + " deactivation epoch"), in.u64(what + " active amount"),
                in.u64(what + " last bonded epoch"));
    }

    private static void writeWindow(ByteWriter out, SigningWindow window) {
        out.u32(window.size()).u32(window.next()).u32(window.counted()).u32(window.missed());
        for (long word : window.missedBits()) {
            out.u64(word);
        }
    }

    private static SigningWindow readWindow(ByteReader in, long index) throws DecodeException {
        String what = "signing window " + index;
        long size = in.u32(what + " size");
        long next = in.u32(what + " next");
        long counted = in.u32(what + " counted");
        long missed = in.u32(what + " missed");
        if (size < 1 || size > Integer.MAX_VALUE / 2) {
            throw new DecodeException(what + ": size " + size + " out of range");
        }
        long words = (size + 63) / 64;
        if (words * U64 > in.remaining()) {
            throw new DecodeException(what + ": " + words + " words do not fit in the " + in.remaining()
                    + " bytes left");
        }
        long[] bits = new long[(int) words];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = in.u64(what + " word " + i);
        }
        SigningWindow window = SigningWindow.restored(size, bits, next, counted);
        if (window.missed() != missed) {
            throw new DecodeException(what + ": says " + missed + " missed but its bits hold " + window.missed());
        }
        return window;
    }

    private static void writeSnapshot(ByteWriter out, EpochSnapshot snapshot) {
        out.u64(snapshot.epoch()).u32(snapshot.members().size());
        snapshot.members().values().forEach(m -> out.raw(m.identity().bytes()).raw(m.consensusKey().bytes())
                .u64(m.stake()));
        out.u32(snapshot.bonds().size());
        snapshot.bonds().forEach((address, bond) -> out.raw(address.bytes()).raw(bond.validator().bytes())
                .u64(bond.amount()));
    }

    private static EpochSnapshot readSnapshot(ByteReader in, long index) throws DecodeException {
        String what = "snapshot " + index;
        long epoch = nonNegative(in.u64(what + " epoch"), what + " epoch");
        TreeMap<PublicKey, EpochSnapshot.Member> members = new TreeMap<>();
        long count = count(in, MIN_MEMBER_BYTES, what + " members");
        for (long i = 0; i < count; i++) {
            EpochSnapshot.Member member = new EpochSnapshot.Member(key(in, what + " member " + i + " identity"),
                    key(in, what + " member " + i + " consensus key"),
                    nonNegative(in.u64(what + " member " + i + " stake"), what + " member " + i + " stake"));
            putInOrder(members, member.identity(), member, what + " members", i);
        }
        TreeMap<PublicKey, EpochSnapshot.Bond> bonds = new TreeMap<>();
        count = count(in, MIN_BOND_BYTES, what + " bonds");
        for (long i = 0; i < count; i++) {
            PublicKey address = key(in, what + " bond " + i + " address");
            EpochSnapshot.Bond bond = new EpochSnapshot.Bond(key(in, what + " bond " + i + " validator"),
                    nonNegative(in.u64(what + " bond " + i + " amount"), what + " bond " + i + " amount"));
            putInOrder(bonds, address, bond, what + " bonds", i);
        }
        return new EpochSnapshot(epoch, members, bonds);
    }

    private static void writeEvent(ByteWriter out, SlashingEvent event) {
        out.raw(event.validator().bytes()).u8(event.reason().ordinal()).u64(event.infractionHeight())
                .u64(event.amount());
        out.bool(event.evidenceHash() != null);
        if (event.evidenceHash() != null) {
            out.raw(event.evidenceHash().bytes());
        }
    }

    private static SlashingEvent readEvent(ByteReader in, long index) throws DecodeException {
        String what = "slashing event " + index;
        PublicKey validator = key(in, what + " validator");
        SlashingEvent.Reason reason = enumValue(SlashingEvent.Reason.values(), in.u8(what + " reason"),
                what + " reason");
        long height = in.u64(what + " infraction height");
        long amount = in.u64(what + " amount");
        Hash evidence = in.bool(what + " has evidence") ? Hash.wrap(in.raw(HASH_BYTES, what + " evidence")) : null;
        return new SlashingEvent(validator, reason, height, amount, evidence);
    }

    private static void writeOptionalKey(ByteWriter out, PublicKey key) {
        out.bool(key != null);
        if (key != null) {
            out.raw(key.bytes());
        }
    }

    private static PublicKey optionalKey(ByteReader in, String what) throws DecodeException {
        return in.bool(what + " present") ? key(in, what) : null;
    }

    private static PublicKey key(ByteReader in, String what) throws DecodeException {
        return PublicKey.wrap(in.raw(KEY, what));
    }

    /** A u32 count no larger than what the remaining bytes could hold at {@code minEntryBytes} each. */
    private static long count(ByteReader in, int minEntryBytes, String what) throws DecodeException {
        long count = in.u32(what + " count");
        if (count * minEntryBytes > in.remaining()) {
            throw new DecodeException(what + ": count " + count + " cannot fit in the " + in.remaining()
                    + " bytes left");
        }
        return count;
    }

    private static <K extends Comparable<K>, V> void putInOrder(NavigableMap<K, V> map, K key, V value, String what,
                                                                 long index) throws DecodeException {
        if (!map.isEmpty() && key.compareTo(map.lastKey()) <= 0) {
            throw new DecodeException(what + " entry " + index + " (" + key + ") is not after the previous key");
        }
        map.put(key, value);
    }

    private static <E> E enumValue(E[] values, int ordinal, String what) throws DecodeException {
        if (ordinal >= values.length) {
            throw new DecodeException(what + ": unknown value " + ordinal);
        }
        return values[ordinal];
    }

    private static long nonNegative(long value, String what) throws DecodeException {
        if (value < 0) {
            throw new DecodeException(what + " " + Long.toUnsignedString(value) + " exceeds the signed 64-bit range");
        }
        return value;
    }
}
