package network.mira.sessions.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import network.mira.core.codec.DecodeException;
import network.mira.sessions.SessionArbitraries;

class SessionScopeCodecPropertyTest {

    @Provide
    Arbitrary<SessionScope> scopes() {
        return SessionArbitraries.scopes(SessionScope.MAX_PROGRAMS);
    }

    @Property(tries = 500)
    void decodeInvertsEncode(@ForAll("scopes") SessionScope scope) throws DecodeException {
        byte[] bytes = SessionScopeCodec.encode(scope);
        assertThat(bytes.length).isLessThanOrEqualTo(SessionScopeCodec.MAX_ENCODED_BYTES);
        assertThat(SessionScopeCodec.decode(bytes)).isEqualTo(scope);
    }

    /** Canonical: whatever a changed byte string decodes to, it re-encodes to exactly those bytes. */
    @Property(tries = 1000)
    void everyAcceptedByteStringIsTheEncodingOfItsScope(@ForAll("scopes") SessionScope scope,
                                                         @ForAll @IntRange(min = 0, max = 10_000) int position,
                                                         @ForAll byte replacement,
                                                         @ForAll @IntRange(min = -2, max = 2) int lengthChange) {
        byte[] original = SessionScopeCodec.encode(scope);
        byte[] changed = Arrays.copyOf(original, Math.max(0, original.length + lengthChange));
        if (changed.length > 0) {
            changed[position % changed.length] = replacement;
        }
        try {
            SessionScope decoded = SessionScopeCodec.decode(changed);
            assertThat(SessionScopeCodec.encode(decoded)).isEqualTo(changed);
        } catch (DecodeException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
