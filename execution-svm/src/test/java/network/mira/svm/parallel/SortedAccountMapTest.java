package network.mira.svm.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;
import network.mira.svm.program.system.SystemProgram;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class SortedAccountMapTest {
    private static PublicKey key(byte[] bytes) {
        return PublicKey.wrap(bytes);
    }

    private static SortedAccountMap copyOf(TreeMap<PublicKey, Account> reference) {
        return new SortedAccountMap(reference.keySet().toArray(new PublicKey[0]),
                reference.values().toArray(new Account[0]));
    }

    @Property(tries = 200)
    void behavesLikeATreeMap(@ForAll @Size(max = 40) List<@Size(32) List<Byte>> rawKeys,
                             @ForAll @Size(32) List<Byte> probeBytes, @ForAll @Size(32) List<Byte> otherProbeBytes) {
        TreeMap<PublicKey, Account> reference = new TreeMap<>();
        for (List<Byte> raw : rawKeys) {
            reference.put(key(bytes(raw)), Account.ofLamports(raw.get(0) & 0xFF, SystemProgram.ID));
        }
        SortedAccountMap map = copyOf(reference);
        assertThat(map).isEqualTo(reference);
        assertThat(map.hashCode()).isEqualTo(reference.hashCode());
        assertThat(new ArrayList<>(map.entrySet())).isEqualTo(new ArrayList<>(reference.entrySet()));
        assertThat(new TreeMap<>(map)).isEqualTo(reference);
        PublicKey probe = key(bytes(probeBytes));
        PublicKey other = key(bytes(otherProbeBytes));
        PublicKey low = probe.compareTo(other) <= 0 ? probe : other;
        PublicKey high = probe.compareTo(other) <= 0 ? other : probe;
        assertThat(map.get(probe)).isEqualTo(reference.get(probe));
        assertThat(map.containsKey(probe)).isEqualTo(reference.containsKey(probe));
        assertSame(map.headMap(probe), reference.headMap(probe));
        assertSame(map.tailMap(probe), reference.tailMap(probe));
        assertSame(map.subMap(low, high), reference.subMap(low, high));
        assertSame(map.tailMap(low).headMap(high), reference.tailMap(low).headMap(high));
        for (PublicKey present : reference.keySet()) {
            assertThat(map.get(present)).isEqualTo(reference.get(present));
        }
    }

    private static void assertSame(SortedMap<PublicKey, Account> actual, SortedMap<PublicKey, Account> expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        if (expected.isEmpty()) {
            assertThatThrownBy(actual::firstKey).isInstanceOf(NoSuchElementException.class);
        } else {
            assertThat(actual.firstKey()).isEqualTo(expected.firstKey());
            assertThat(actual.lastKey()).isEqualTo(expected.lastKey());
        }
    }

    private static byte[] bytes(List<Byte> raw) {
        byte[] bytes = new byte[raw.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = raw.get(i);
        }
        return bytes;
    }

    @Property(tries = 1)
    void isImmutable() {
        TreeMap<PublicKey, Account> reference = new TreeMap<>(Map.of(
                key(new byte[32]), Account.ofLamports(1, SystemProgram.ID)));
        SortedAccountMap map = copyOf(reference);
        assertThatThrownBy(() -> map.put(key(new byte[32]), Account.ofLamports(2, SystemProgram.ID)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(map.comparator()).isNull();
    }
}
