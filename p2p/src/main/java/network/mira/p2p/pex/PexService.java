package network.mira.p2p.pex;

import com.google.protobuf.InvalidProtocolBufferException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import network.mira.core.crypto.PublicKey;
import network.mira.p2p.peer.Peer;
import network.mira.p2p.peer.PeerDialer;
import network.mira.p2p.peer.PeerDiscipline;
import network.mira.p2p.peer.PeerRegistry;
import network.mira.p2p.proto.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer exchange, deliberately small: right after a handshake each side sends the dialable
 * addresses of its other connected peers (at most {@value PexCodec#MAX_ADDRESSES}); what arrives
 * goes into the address book, and while this node has fewer outbound peers than its maximum it
 * dials book entries it is not connected to.
 */
public final class PexService {
    public static final int CHANNEL = 0;
    /** Somewhat malformed PEX content is a fault but not a reason to drop the connection. */
    public static final int MALFORMED_PENALTY_POINTS = 20;

    private static final Logger log = LoggerFactory.getLogger(PexService.class);

    private final AddressBook book;
    private final PeerRegistry registry;
    private final PeerDiscipline discipline;
    private final PeerDialer dialer;
    private final IntSupplier freeOutboundSlots;
    private final Set<PublicKey> dialing = ConcurrentHashMap.newKeySet();

    /** @param freeOutboundSlots how many more outbound peers this node wants (may be negative) */
    public PexService(AddressBook book, PeerRegistry registry, PeerDiscipline discipline, PeerDialer dialer,
            IntSupplier freeOutboundSlots) {
        this.book = book;
        this.registry = registry;
        this.discipline = discipline;
        this.dialer = dialer;
        this.freeOutboundSlots = freeOutboundSlots;
    }

    /** Remembers the new peer's address and tells it about the others. */
    public void onConnected(Peer peer) {
        peer.dialAddress().ifPresent(address -> book.add(entry(peer.id(), address)));
        List<AddressBook.Entry> others = new ArrayList<>();
        for (Peer other : registry.all()) {
            if (others.size() >= PexCodec.MAX_ADDRESSES) {
                break;
            }
            if (!other.id().equals(peer.id())) {
                other.dialAddress().ifPresent(address -> others.add(entry(other.id(), address)));
            }
        }
        Envelope envelope = Envelope.newBuilder().setChannel(CHANNEL)
                .setPayload(com.google.protobuf.ByteString.copyFrom(PexCodec.encode(others))).build();
        peer.send(envelope);
    }

    public void onMessage(Peer from, byte[] payload) {
        List<AddressBook.Entry> entries;
        try {
            entries = PexCodec.decode(payload);
        } catch (InvalidProtocolBufferException e) {
            discipline.penalize(from.id(), "malformed peer exchange: " + e.getMessage(), MALFORMED_PENALTY_POINTS);
            return;
        }
        if (entries.isEmpty()) {
            return; // also the keepalive
        }
        entries.forEach(book::add);
        dialMore();
    }

    /** Dials book entries while outbound slots are free. Safe to call from any thread, often. */
    public void dialMore() {
        int slots = freeOutboundSlots.getAsInt() - dialing.size();
        if (slots <= 0) {
            return;
        }
        Predicate<PublicKey> skip = id -> registry.isConnected(id) || dialing.contains(id) || discipline.isBanned(id);
        for (AddressBook.Entry entry : book.candidates(skip, slots)) {
            if (!dialing.add(entry.id())) {
                continue;
            }
            log.debug("peer exchange: dialing {} at {}:{}", entry.id(), entry.host(), entry.port());
            dialer.dial(entry.id(), entry.host(), entry.port()).whenComplete((id, failure) -> {
                dialing.remove(entry.id());
                if (failure != null) {
                    book.remove(entry.id());
                }
            });
        }
    }

    private static AddressBook.Entry entry(PublicKey id, InetSocketAddress address) {
        return new AddressBook.Entry(id, address.getAddress().getHostAddress(), address.getPort());
    }
}
